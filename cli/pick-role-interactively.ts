import search, { Separator } from '@inquirer/search';
import type { Role } from '../core/aws/role.js';
import type { Connection } from '../core/connections/schema.js';
import { AtlasSsoError } from '../core/errors.js';
import type { RoleMenuEntry } from '../core/session/role-menu.js';
import { roleMenu } from '../core/session/role-menu.js';
import type { CliIo } from './io.js';

export interface RolePickerChoice {
  readonly value: Role;
  readonly name: string;
  readonly description: string;
}

/** One line per role, with the tags the UI's picker shows as badges: where it has a database user, last used, default. */
function choiceName(entry: RoleMenuEntry): string {
  const tags = [...entry.clusters.map((cluster) => `Atlas: ${cluster}`), ...(entry.lastUsed ? ['last used'] : []), ...(entry.isDefault ? ['default'] : [])];
  return tags.length === 0 ? entry.label : `${entry.label}  [${tags.join(' · ')}]`;
}

/** The picker's list for what the person typed: a heading per account, then its roles. */
export function roleChoices(connection: Connection, roles: readonly Role[], term: string): (Separator | RolePickerChoice)[] {
  const menu = roleMenu(roles, {
    accountAliases: connection.accountAliases,
    lastRole: connection.lastRole,
    defaultRole: connection.defaultRole,
    clusters: connection.clusters,
    filter: term,
  });
  return menu.flatMap((group) => [
    new Separator(`── ${group.accountLabel}`),
    ...group.entries.map((entry) => ({ value: entry.role, name: choiceName(entry), description: entry.role.roleArn })),
  ]);
}

/**
 * The terminal role picker: type to filter, arrows to move, Enter to choose; grouped by account, last used first.
 * Drawn on stderr so stdout stays the command's output.
 */
export async function pickRoleInteractively(io: CliIo, connection: Connection, roles: readonly Role[]): Promise<Role> {
  try {
    return await search<Role>(
      { message: `Role for ${connection.name} (type to filter)`, pageSize: 15, source: (term) => roleChoices(connection, roles, term ?? '') },
      { input: io.stdin, output: io.stderr, clearPromptOnDone: true },
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new AtlasSsoError('role-not-chosen', 'No role was chosen, so nothing was asked of AWS.');
    throw error;
  }
}
