import type { Document } from 'bson';
import { Binary } from 'bson';
import { finishConversation, startConversation } from './aws-authentication.js';
import { PayloadError } from './aws-sasl-payloads.js';
import type { CommandContext, CommandHandler } from './command-context.js';
import { CommandError } from './command-error.js';

const awsMechanism = 'MONGODB-AWS';

/** Records a failed attempt (secret-free) and returns the error to answer with. */
function refuse(context: CommandContext, error: CommandError, user: string | null = null): CommandError {
  context.server.authentications.push({ user, ok: false, reason: error.message });
  return error;
}

/** saslStart for MONGODB-AWS: answers the client nonce with ours and the STS host to sign for. */
export function saslStart(command: Document, context: CommandContext): Document {
  const mechanism = String(command.mechanism);
  if (mechanism !== awsMechanism) {
    throw refuse(context, new CommandError(334, `Received authentication for mechanism ${mechanism} which is not enabled`));
  }
  if (context.db !== '$external') {
    throw refuse(context, new CommandError(8000, `bad auth : ${awsMechanism} users authenticate against $external, not ${context.db}`));
  }
  try {
    const { pending, reply } = startConversation(command.payload, context.server.auth.stsHost);
    const conversationId = context.connection.nextConversationId;
    context.connection.nextConversationId += 1;
    context.connection.conversations.set(conversationId, pending);
    return { conversationId, done: false, payload: reply, ok: 1 };
  } catch (error) {
    if (error instanceof PayloadError) throw refuse(context, new CommandError(8000, `bad auth : ${error.message}`));
    throw error;
  }
}

/** saslContinue: replays the client's signed request to STS and, when it passes, signs the connection in. */
export async function saslContinue(command: Document, context: CommandContext): Promise<Document> {
  const conversationId = Number(command.conversationId);
  const pending = context.connection.conversations.get(conversationId);
  if (!pending) throw refuse(context, new CommandError(17, 'No SASL session state found'));
  context.connection.conversations.delete(conversationId);
  const outcome = await finishConversation(pending, command.payload, context.server.auth);
  if (!outcome.ok) throw refuse(context, new CommandError(8000, outcome.reason), outcome.user);
  context.connection.user = outcome.user;
  context.server.authentications.push({ user: outcome.user.arn, ok: true });
  return { conversationId, done: true, payload: new Binary(), ok: 1 };
}

/**
 * Speculative authentication in hello: runs the embedded saslStart and returns its reply to embed,
 * or undefined (the client then authenticates normally), as the handshake spec allows.
 */
export function speculativeAuthenticate(request: unknown, context: Omit<CommandContext, 'db'>): Document | undefined {
  if (request === null || typeof request !== 'object' || !('saslStart' in request)) return undefined;
  const embedded = request as Document;
  try {
    const reply = saslStart(embedded, { ...context, db: typeof embedded.db === 'string' ? embedded.db : '$external' });
    delete reply.ok;
    return reply;
  } catch (error) {
    if (error instanceof CommandError) return undefined;
    throw error;
  }
}

/** The authentication commands, open to unauthenticated connections. */
export const authCommands: Readonly<Record<string, CommandHandler>> = {
  saslStart: { access: 'open', run: saslStart },
  saslContinue: { access: 'open', run: saslContinue },
};
