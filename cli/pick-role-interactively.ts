import search, { Separator } from '@inquirer/search';
import type { Role } from '../core/aws/role.js';
import type { Connection } from '../core/connections/schema.js';
import { AtlasSsoError } from '../core/errors.js';
import { roleMenu } from '../core/session/role-menu.js';
import type { CliIo } from './io.js';

/**
 * The terminal role picker: type to filter, arrows to move, Enter to choose; grouped by account, last used first.
 * Drawn on stderr so stdout stays the command's output.
 */
export async function pickRoleInteractively(io: CliIo, connection: Connection, roles: readonly Role[]): Promise<Role> {
  try {
    return await search<Role>(
      {
        message: `Role for ${connection.name} (type to filter)`,
        pageSize: 15,
        source: (term) =>
          roleMenu(roles, { accountAliases: connection.accountAliases, lastRole: connection.lastRole, defaultRole: connection.defaultRole, filter: term ?? '' }).flatMap((group) => [
            new Separator(`── ${group.accountLabel}`),
            ...group.entries.map((entry) => ({ value: entry.role, name: entry.lastUsed ? `${entry.label} (last used)` : entry.label, description: entry.role.roleArn })),
          ]),
      },
      { input: io.stdin, output: io.stderr, clearPromptOnDone: true },
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new AtlasSsoError('role-not-chosen', 'No role was chosen, so nothing was asked of AWS.');
    throw error;
  }
}
