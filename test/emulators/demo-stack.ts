/** Demo Corp as a whole: its IdP, STS and Atlas, started together, and the connection that signs in through them. */
import type { ConnectionInput } from '../../core/connections/schema.js';
import type { AtlasEmulator } from './atlas/index.js';
import { demoAccounts, demoRoles, roleAttributeValue, startDemoAtlas, startDemoSts } from './demo-corp.js';
import type { IdpEmulator, IdpUser } from './idp/server.js';
import { startIdpEmulator } from './idp/server.js';
import type { StsEmulator } from './sts/index.js';

/** alice has roles in both accounts (one without a database user, to show that error); bob only reads. */
export const demoUsers: readonly IdpUser[] = [
  {
    username: 'alice',
    password: 'alice-demo',
    displayName: 'Alice Martin (DBA)',
    roles: [demoRoles.dba, demoRoles.reader, demoRoles.analyst, demoRoles.noDbUser].map((role, index) => roleAttributeValue(role, index % 2 === 1)),
  },
  { username: 'bob', password: 'bob-demo', displayName: 'Bob Chen (reader)', roles: [roleAttributeValue(demoRoles.reader)] },
];

export const demoClusterName = 'Demo cluster';

export interface DemoStack {
  readonly idp: IdpEmulator;
  readonly sts: StsEmulator;
  readonly atlas: AtlasEmulator;
  /** The saved connection a person would make for Demo Corp. */
  readonly connection: ConnectionInput;
  /** What the app's process needs to reach this STS instead of AWS's. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** Starts the three emulators on 127.0.0.1 (OS-chosen ports); `close` stops all of them. */
export async function startDemoStack(): Promise<DemoStack> {
  const started: { close(): Promise<void> }[] = [];
  const close = async (): Promise<void> => {
    for (const service of started.reverse()) await service.close();
  };
  try {
    const sts = await startDemoSts();
    started.push(sts);
    const atlas = await startDemoAtlas(sts);
    started.push(atlas);
    const idp = await startIdpEmulator({ users: demoUsers, showDemoPasswords: true, title: 'Demo Corp' });
    started.push(idp);
    return {
      idp,
      sts,
      atlas,
      connection: {
        id: 'demo-corp',
        name: 'Demo Corp',
        idpUrl: idp.ssoUrl,
        // NoDatabaseUser is left out: the role picker marks only the roles that can reach the cluster.
        clusters: [{ name: demoClusterName, uri: atlas.uri, roles: [demoRoles.dba.roleArn, demoRoles.reader.roleArn, demoRoles.analyst.roleArn] }],
        accountAliases: { [demoAccounts.production]: 'Production', [demoAccounts.analytics]: 'Analytics' },
        profile: 'demo-corp',
      },
      env: { AWS_ENDPOINT_URL_STS: sts.url },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
