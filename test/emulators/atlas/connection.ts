import type { Socket } from 'node:net';
import type { Document } from 'bson';
import type { ConnectionState, ServerState } from './command-context.js';
import { CommandError } from './command-error.js';
import { commandName, runCommand } from './dispatch.js';
import type { CommandMessage, Frame } from './wire-protocol.js';
import { encodeMessage, encodeReply, FrameReader, InvalidBsonError, opCodes, parseMessage, parseQuery, ProtocolError } from './wire-protocol.js';

/** How long an awaitable hello is held, whatever the client asks (drivers ask for 10 s); the floor stops a busy exhaust stream. */
const maxAwaitTimeCapMs = 10_000;
const minAwaitTimeMs = 10;
const helloNames: ReadonlySet<string> = new Set(['hello', 'isMaster', 'ismaster']);

/** Hands out server-side request ids, unique across connections like mongod's. */
export interface RequestIds {
  next(): number;
}

/**
 * Serves one client connection: cuts frames, runs commands one at a time, answers OP_QUERY hellos with
 * OP_REPLY and the rest with OP_MSG. Protocol violations close this connection only, never the server.
 */
export function serveConnection(socket: Socket, server: ServerState, id: number, requestIds: RequestIds): void {
  const connection: ConnectionState = { id, user: null, conversations: new Map(), nextConversationId: 1 };
  const reader = new FrameReader();
  const waits = new Set<() => void>();
  let closed = false;
  let queue = Promise.resolve();

  const close = (): void => {
    closed = true;
    for (const wake of waits) wake();
    socket.destroy();
  };
  /** Resolves after `ms`, or at once when the connection closes, so no timer outlives it. */
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        waits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      waits.add(wake);
    });
  const send = (bytes: Buffer): void => {
    if (!closed) socket.write(bytes);
  };

  const handleMessage = async (frame: Frame): Promise<void> => {
    let message: CommandMessage;
    try {
      message = parseMessage(frame);
    } catch (error) {
      if (!(error instanceof InvalidBsonError)) throw error;
      send(encodeMessage(requestIds.next(), frame.header.requestId, new CommandError(22, error.message).toReply()));
      return;
    }
    const { command } = message;
    const db: unknown = command.$db;
    if (typeof db !== 'string' || db === '') {
      if (!message.moreToCome) send(encodeMessage(requestIds.next(), frame.header.requestId, new CommandError(40571, 'OP_MSG requests require a $db argument').toReply()));
      return;
    }
    if (message.moreToCome) {
      await runCommand(command, { server, connection, db });
      return;
    }
    if (!isAwaitableHello(command)) {
      send(encodeMessage(requestIds.next(), frame.header.requestId, await runCommand(command, { server, connection, db })));
      return;
    }
    // Awaitable hello: nothing ever changes here, so answer when maxAwaitTimeMS runs out; with exhaust, keep streaming.
    const waitMs = Math.min(Math.max(Number(command.maxAwaitTimeMS) || 0, minAwaitTimeMs), maxAwaitTimeCapMs);
    let responseTo = frame.header.requestId;
    do {
      await pause(waitMs);
      if (closed) return;
      const requestId = requestIds.next();
      send(encodeMessage(requestId, responseTo, await runCommand(command, { server, connection, db }), message.exhaustAllowed));
      responseTo = requestId;
    } while (message.exhaustAllowed && !closed);
  };

  const handleQuery = async (frame: Frame): Promise<void> => {
    let reply: Document;
    try {
      const { fullCollectionName, query } = parseQuery(frame.body);
      const name = commandName(query);
      const db = fullCollectionName.endsWith('.$cmd') ? fullCollectionName.slice(0, -'.$cmd'.length) : '';
      reply =
        helloNames.has(name) && db !== ''
          ? await runCommand(query, { server, connection, db })
          : new CommandError(352, `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade. For more details see https://dochub.mongodb.org/core/legacy-opcode-removal`).toReply();
    } catch (error) {
      if (!(error instanceof InvalidBsonError)) throw error;
      reply = new CommandError(22, error.message).toReply();
    }
    send(encodeReply(requestIds.next(), frame.header.requestId, reply));
  };

  const handleFrame = async (frame: Frame): Promise<void> => {
    if (closed) return;
    try {
      if (frame.header.opCode === opCodes.msg) await handleMessage(frame);
      else if (frame.header.opCode === opCodes.query) await handleQuery(frame);
      else close(); // OP_COMPRESSED was never negotiated; unknown and removed opcodes end the connection, as in mongod.
    } catch {
      close();
    }
  };

  socket.on('data', (chunk: Buffer) => {
    let frames: Frame[];
    try {
      frames = reader.push(chunk);
    } catch (error) {
      if (error instanceof ProtocolError) close();
      return;
    }
    for (const frame of frames) queue = queue.then(() => handleFrame(frame));
  });
  socket.on('error', close);
  socket.on('close', close);
}

function isAwaitableHello(command: Document): boolean {
  return helloNames.has(commandName(command)) && command.maxAwaitTimeMS !== undefined && command.topologyVersion !== undefined;
}
