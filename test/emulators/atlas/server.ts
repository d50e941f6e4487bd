import type { Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { Document } from 'bson';
import { ObjectId } from 'bson';
import type { RoleGrant } from './authorization.js';
import type { AuthenticationRecord, ServerState } from './command-context.js';
import { serveConnection } from './connection.js';
import { CursorRegistry } from './cursors.js';
import { DataStore } from './store.js';

export type { AuthenticationRecord } from './command-context.js';
export type { RoleGrant } from './authorization.js';

export interface AtlasEmulatorOptions {
  /** Where to replay GetCallerIdentity (the STS emulator), as Atlas replays to AWS STS. */
  readonly stsUrl: string;
  /** Database users: an IAM role ARN (`arn:aws:iam::ACCT:role/ROLE`) or IAM user ARN, with Atlas roles. */
  readonly users: readonly { readonly arn: string; readonly roles: readonly RoleGrant[] }[];
  /** Initial sample data: database → collection → documents. */
  readonly data?: Readonly<Record<string, Readonly<Record<string, readonly Document[]>>>>;
  /** Serve TLS with this certificate; `caFile`, when given, is added to `uri` as tlsCAFile. */
  readonly tls?: { readonly certPem: string; readonly keyPem: string; readonly caFile?: string };
  /** The `h` value sent to clients (the host they sign for); default 'sts.amazonaws.com'. */
  readonly stsHostToAdvertise?: string;
  /** Deadline of the replayed STS call; default 10 s. */
  readonly stsTimeoutMs?: number;
  /** Answer these commands (after authentication and access checks) with this reply instead: a server that answers differently. */
  readonly replies?: Readonly<Record<string, Document>>;
}

export interface AtlasEmulator {
  readonly port: number;
  readonly host: '127.0.0.1';
  /** mongodb://127.0.0.1:PORT/?directConnection=true&authSource=%24external&authMechanism=MONGODB-AWS (+ tls params when TLS). */
  readonly uri: string;
  /** What the server saw for each authentication attempt (no secrets). */
  readonly authentications: readonly AuthenticationRecord[];
  close(): Promise<void>;
}

/** Starts an Atlas-like cluster on 127.0.0.1 (OS-chosen port) that authenticates MONGODB-AWS against `stsUrl`. */
export async function startAtlasEmulator(options: AtlasEmulatorOptions): Promise<AtlasEmulator> {
  const server: Server = options.tls ? createTlsServer({ cert: options.tls.certPem, key: options.tls.keyPem }) : createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the Atlas emulator did not get a TCP port');
  const { port } = address;

  const sockets = new Set<Socket>();
  const authentications: AuthenticationRecord[] = [];
  const state: ServerState = {
    store: new DataStore(options.data),
    cursors: new CursorRegistry(),
    auth: {
      stsUrl: options.stsUrl,
      stsHost: options.stsHostToAdvertise ?? 'sts.amazonaws.com',
      users: options.users,
      stsTimeoutMs: options.stsTimeoutMs ?? 10_000,
    },
    authentications,
    address: `127.0.0.1:${port}`,
    processId: new ObjectId(),
    startedAt: new Date(),
    connectionCount: () => sockets.size,
    replies: options.replies ?? {},
  };
  let lastRequestId = 0;
  const requestIds = { next: () => (lastRequestId = (lastRequestId % 0x7fffffff) + 1) };
  let lastConnectionId = 0;
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    lastConnectionId += 1;
    serveConnection(socket, state, lastConnectionId, requestIds);
  });
  // A failed TLS handshake (wrong CA, plain-text client) only concerns that client.
  server.on('tlsClientError', (_error: Error, socket: Socket) => socket.destroy());

  let uri = `mongodb://127.0.0.1:${port}/?directConnection=true&authSource=%24external&authMechanism=MONGODB-AWS`;
  if (options.tls) uri += '&tls=true';
  if (options.tls?.caFile !== undefined) uri += `&tlsCAFile=${encodeURIComponent(options.tls.caFile)}`;

  return {
    port,
    host: '127.0.0.1',
    uri,
    authentications,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
