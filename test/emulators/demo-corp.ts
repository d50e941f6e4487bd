/** Demo Corp: the accounts, roles and SAML provider the tests, the benches and the demo share. */
import type { AtlasEmulator, RoleGrant } from './atlas/index.js';
import { startAtlasEmulator } from './atlas/index.js';
import { fixtureIdpKey } from './idp/saml-response.js';
import type { StsEmulator } from './sts/index.js';
import { startStsEmulator } from './sts/index.js';

export const demoAccounts = { production: '012345678901', analytics: '210987654321' } as const;

function providerOf(account: string): string {
  return `arn:aws:iam::${account}:saml-provider/DemoCorp`;
}

function roleOf(account: string, path: string): string {
  return `arn:aws:iam::${account}:role/${path}`;
}

export const demoRoles = {
  dba: { roleArn: roleOf(demoAccounts.production, 'AtlasDba'), principalArn: providerOf(demoAccounts.production) },
  reader: { roleArn: roleOf(demoAccounts.production, 'team/AtlasReader'), principalArn: providerOf(demoAccounts.production) },
  analyst: { roleArn: roleOf(demoAccounts.analytics, 'Analyst'), principalArn: providerOf(demoAccounts.analytics) },
  /** Granted by the IdP but with no database user in the demo Atlas. */
  noDbUser: { roleArn: roleOf(demoAccounts.analytics, 'NoDatabaseUser'), principalArn: providerOf(demoAccounts.analytics) },
} as const;

/** The Role attribute value for a role, provider first as some IdPs write it. */
export function roleAttributeValue(role: { readonly roleArn: string; readonly principalArn: string }, providerFirst = false): string {
  return providerFirst ? `${role.principalArn},${role.roleArn}` : `${role.roleArn},${role.principalArn}`;
}

export const allDemoRoleValues: readonly string[] = Object.values(demoRoles).map((role, index) => roleAttributeValue(role, index % 2 === 1));

/** An STS emulator that trusts the Demo Corp IdP for every demo role; `maxSessionDuration` for the dba role is 2 h. */
export async function startDemoSts(options: { readonly clock?: () => Date; readonly extraRecipients?: readonly string[] } = {}): Promise<StsEmulator> {
  return startStsEmulator({
    providers: Object.values(demoAccounts).map((account) => ({ principalArn: providerOf(account), certificatePem: fixtureIdpKey.certificatePem })),
    roles: Object.values(demoRoles).map((role) => ({ roleArn: role.roleArn, maxSessionDuration: role === demoRoles.dba ? 7200 : 3600 })),
    ...(options.extraRecipients === undefined ? {} : { acceptedRecipients: options.extraRecipients }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
}

/** Demo Corp's database users: Atlas knows an assumed role by its ARN without the IAM path (AtlasReader lives under team/). NoDatabaseUser has none. */
export const demoDatabaseUsers: readonly { readonly arn: string; readonly roles: readonly RoleGrant[] }[] = [
  { arn: roleOf(demoAccounts.production, 'AtlasDba'), roles: [{ role: 'readWrite', db: 'sales' }] },
  { arn: roleOf(demoAccounts.production, 'AtlasReader'), roles: [{ role: 'read', db: 'sales' }] },
  { arn: roleOf(demoAccounts.analytics, 'Analyst'), roles: [{ role: 'read', db: 'analytics' }] },
];

/** Demo Corp's sample data: a few orders to query, and a database only the analyst sees. */
export const demoData = {
  sales: {
    orders: [
      { _id: 1, region: 'EU', total: 120 },
      { _id: 2, region: 'US', total: 80 },
      { _id: 3, region: 'EU', total: 45 },
    ],
  },
  analytics: { events: [{ _id: 1, kind: 'signin' }] },
} as const;

/** An Atlas emulator with Demo Corp's database users and sample data, authenticating against `sts`. */
export async function startDemoAtlas(sts: Pick<StsEmulator, 'url'>): Promise<AtlasEmulator> {
  return startAtlasEmulator({ stsUrl: sts.url, users: demoDatabaseUsers, data: demoData });
}
