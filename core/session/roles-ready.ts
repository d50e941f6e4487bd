import type { RolesReady } from '../api.js';
import type { Connection } from '../connections/schema.js';
import type { SamlResponse } from '../saml/read-saml-response.js';
import { roleMenu } from './role-menu.js';

/** The roles a sign-in offers, grouped by account with the connection's aliases, the last used first. */
export function rolesReady(connection: Connection, response: SamlResponse): RolesReady {
  const { facts } = response;
  const groups = roleMenu(facts.roles, { accountAliases: connection.accountAliases, lastRole: connection.lastRole, defaultRole: connection.defaultRole, clusters: connection.clusters });
  return {
    connectionId: connection.id,
    groups: groups.map((group) => ({
      accountId: group.accountId,
      accountAlias: connection.accountAliases[group.accountId] ?? null,
      roles: group.entries.map((entry) => ({
        roleArn: entry.role.roleArn,
        principalArn: entry.role.principalArn,
        accountId: entry.role.accountId,
        roleName: entry.role.roleName,
        rolePath: entry.label,
        lastUsed: entry.lastUsed,
        isDefault: entry.isDefault,
        clusters: entry.clusters,
      })),
    })),
    subject: facts.subject,
    encrypted: facts.encrypted,
    notOnOrAfter: facts.notOnOrAfter?.toISOString() ?? null,
    warnings: facts.warnings,
  };
}
