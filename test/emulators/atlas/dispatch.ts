import type { Document } from 'bson';
import { authCommands } from './auth-commands.js';
import { isAllowed } from './authorization.js';
import type { CommandContext, CommandHandler } from './command-context.js';
import { CommandError } from './command-error.js';
import { readCommands } from './read-commands.js';
import { serverCommands } from './server-commands.js';
import { writeCommands } from './write-commands.js';

const handlers: Readonly<Record<string, CommandHandler>> = { ...serverCommands, ...authCommands, ...readCommands, ...writeCommands };

/** The command name: the first field of the command document, as mongod reads it. */
export function commandName(command: Document): string {
  return Object.keys(command)[0] ?? '';
}

/** Runs one command with mongod's checks (unknown command, authentication, role) and turns failures into error replies. */
export async function runCommand(command: Document, context: CommandContext): Promise<Document> {
  const name = commandName(command);
  try {
    const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
    if (!handler) throw new CommandError(59, `no such command: '${name}'`);
    checkAccess(handler, name, command, context);
    return Object.hasOwn(context.server.replies, name) ? (context.server.replies[name] ?? {}) : await handler.run(command, context);
  } catch (error) {
    if (error instanceof CommandError) return error.toReply();
    return new CommandError(2, `the Atlas emulator failed to run ${name}: ${error instanceof Error ? error.message : String(error)}`).toReply();
  }
}

function checkAccess(handler: CommandHandler, name: string, command: Document, context: CommandContext): void {
  if (handler.access === 'open') return;
  const user = context.connection.user;
  if (!user) throw new CommandError(13, `Command ${name} requires authentication`);
  if (handler.access === 'authenticated') return;
  if (!handler.access.some((privilege) => isAllowed(user.roles, privilege, context.db))) {
    throw new CommandError(13, `not authorized on ${context.db} to execute command { ${name}: ${JSON.stringify(String(command[name]))} }`);
  }
}
