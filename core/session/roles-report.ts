import type { SamlFacts } from '../saml/read-saml-response.js';

/** The stable JSON shape of `atlas-sso roles --json` (null where the assertion says nothing). */
export interface RolesReport {
  readonly roles: readonly { readonly roleArn: string; readonly principalArn: string; readonly accountId: string; readonly roleName: string; readonly partition: string }[];
  readonly sessionDuration: number | null;
  readonly roleSessionName: string | null;
  readonly destination: string | null;
  readonly region: string | null;
  readonly notOnOrAfter: string | null;
  readonly encrypted: boolean;
}

export function rolesReport(facts: SamlFacts): RolesReport {
  return {
    roles: facts.roles.map(({ roleArn, principalArn, accountId, roleName, partition }) => ({ roleArn, principalArn, accountId, roleName, partition })),
    sessionDuration: facts.sessionDuration,
    roleSessionName: facts.roleSessionName,
    destination: facts.destination,
    region: facts.region,
    notOnOrAfter: facts.notOnOrAfter?.toISOString() ?? null,
    encrypted: facts.encrypted,
  };
}

/** The roles as a table for people: grouped by account, in assertion order within each. */
export function rolesTable(facts: SamlFacts, accountAliases: Readonly<Record<string, string>> = {}): string {
  if (facts.encrypted) {
    return 'The assertion is encrypted: its roles cannot be read here. Name the role with --role and --principal.\n';
  }
  const header = ['ACCOUNT', 'ROLE', 'ROLE ARN', 'PROVIDER ARN'] as const;
  const rows = [...facts.roles]
    .map((role, index) => ({ role, index }))
    .sort((a, b) => a.role.accountId.localeCompare(b.role.accountId) || a.index - b.index)
    .map(({ role }) => {
      const alias = accountAliases[role.accountId];
      return [alias === undefined ? role.accountId : `${alias} (${role.accountId})`, role.roleName, role.roleArn, role.principalArn] as const;
    });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const lines = [line(header), ...rows.map(line)];
  const about = [
    facts.roleSessionName === null ? null : `Session name: ${facts.roleSessionName}`,
    facts.sessionDuration === null ? null : `Session duration allowed by the IdP: ${facts.sessionDuration} s`,
    facts.region === null ? null : `STS region: ${facts.region}`,
    facts.notOnOrAfter === null ? null : `Sign-in valid until: ${facts.notOnOrAfter.toISOString()}`,
  ].filter((text): text is string => text !== null);
  return `${[...lines, ...(about.length > 0 ? ['', ...about] : [])].join('\n')}\n`;
}
