import type { MongoClient, MongoClientOptions } from 'mongodb';
import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { AtlasSsoError } from '../errors.js';
import { mongodbFailure } from './mongodb-errors.js';

export interface TestConnectionOptions {
  /** A credential-free connection string (`mongodb+srv://host/?authMechanism=MONGODB-AWS…`). */
  readonly uri: string;
  readonly credentials: TemporaryCredentials;
  /** The IAM role ARN the keys were issued for: named in the "no database user" sentence. */
  readonly expectedUser?: string;
  /** Overall deadline for the whole test; defaults to 10 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface DatabaseRole {
  readonly role: string;
  readonly db: string;
}

/** What a successful test learned, to show the person that the keys really open the cluster. */
export interface ConnectionReport {
  /** The database user Atlas mapped the keys to (the IAM role ARN). */
  readonly user: string;
  readonly roles: readonly DatabaseRole[];
  /** Round trip of one `ping` on an open, authenticated connection. */
  readonly latencyMs: number;
  readonly databases: readonly string[];
  readonly serverVersion: string;
}

const defaultTimeoutMs = 10_000;

/** `host[:port]` list of a connection string, without user info: safe to show in a sentence. */
export function addressOfUri(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/(?:[^@/?]*@)?([^/?]*)/i.exec(uri.trim());
  return match?.[1] !== undefined && match[1] !== '' ? match[1] : 'the cluster';
}

/**
 * Driver options: keys only through the credential provider (driver 7 refuses them anywhere else), short network timeouts.
 * Server selection gives up before the overall deadline, so its specific reason (access list, TLS…) reaches the person.
 */
function clientOptions(credentials: TemporaryCredentials, timeoutMs: number): MongoClientOptions {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
  const selectionMs = Math.max(1, Math.round(timeoutMs * 0.75));
  return {
    authMechanism: 'MONGODB-AWS',
    authSource: '$external',
    authMechanismProperties: {
      AWS_CREDENTIAL_PROVIDER: () => Promise.resolve({ accessKeyId, secretAccessKey, sessionToken, expiration }),
    },
    appName: 'atlas-sso',
    serverSelectionTimeoutMS: selectionMs,
    connectTimeoutMS: Math.min(selectionMs, 5_000),
    socketTimeoutMS: timeoutMs,
    maxPoolSize: 1,
    retryReads: false,
  };
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts. */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return await new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Reads `connectionStatus`: who Atlas thinks we are, and with which roles. */
function readConnectionStatus(reply: unknown, address: string): Pick<ConnectionReport, 'user' | 'roles'> {
  const authInfo = asRecord(asRecord(reply).authInfo);
  const user = asRecord(asArray(authInfo.authenticatedUsers)[0]).user;
  if (typeof user !== 'string') {
    throw new AtlasSsoError('mongodb-auth-failed', `${address} accepted the connection but reports no signed-in user: sign in again.`);
  }
  const roles = asArray(authInfo.authenticatedUserRoles).flatMap((entry) => {
    const { role, db } = asRecord(entry);
    return typeof role === 'string' && typeof db === 'string' ? [{ role, db }] : [];
  });
  return { user, roles };
}

async function probe(client: MongoClient, address: string): Promise<ConnectionReport> {
  await client.connect();
  const admin = client.db('admin');
  const started = performance.now();
  await admin.command({ ping: 1 });
  const latencyMs = performance.now() - started;
  const status = readConnectionStatus(await admin.command({ connectionStatus: 1 }), address);
  const databases = readDatabaseNames(await admin.command({ listDatabases: 1, nameOnly: true, authorizedDatabases: true }), address);
  const build = await admin.command({ buildInfo: 1 });
  return {
    ...status,
    latencyMs,
    databases,
    serverVersion: typeof build.version === 'string' ? build.version : 'unknown',
  };
}

/** Reads `listDatabases`; a reply without its list is a server that is not the MongoDB the address promised. */
function readDatabaseNames(reply: unknown, address: string): readonly string[] {
  const { databases } = asRecord(reply);
  if (!Array.isArray(databases)) throw unexpectedReply(address, 'listDatabases', 'databases');
  return databases.map((entry) => {
    const { name } = asRecord(entry);
    if (typeof name !== 'string') throw unexpectedReply(address, 'listDatabases', 'databases[].name');
    return name;
  });
}

function unexpectedReply(address: string, command: string, field: string): AtlasSsoError {
  return new AtlasSsoError(
    'mongodb-connection-failed',
    `${address} signed you in but answered ${command} without "${field}", as no MongoDB server does: check that the connection string points at your Atlas cluster (Atlas → Connect), not at a proxy or another service.`,
  );
}

/**
 * Opens the cluster with the temporary keys, proves who we are and what we may see, and always closes.
 * Fails with an AtlasSsoError whose sentence says what to fix (database user, access list, DNS, TLS, keys).
 */
export async function testConnection(options: TestConnectionOptions): Promise<ConnectionReport> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const address = addressOfUri(options.uri);
  const deadline = AbortSignal.timeout(timeoutMs);
  const stop = options.signal === undefined ? deadline : AbortSignal.any([deadline, options.signal]);
  let client: MongoClient | undefined;
  try {
    // The driver loads at the first test, not with the hosts that may run one (browser mode, the app).
    const { MongoClient } = await import('mongodb');
    client = new MongoClient(options.uri, clientOptions(options.credentials, timeoutMs));
    return await untilAborted(probe(client, address), stop);
  } catch (error) {
    throw mongodbFailure(error, {
      address,
      ...(options.expectedUser === undefined ? {} : { expectedUser: options.expectedUser }),
      secrets: [options.credentials.secretAccessKey, options.credentials.sessionToken],
      timeoutMs,
      deadlinePassed: deadline.aborted,
      cancelled: options.signal?.aborted === true,
    });
  } finally {
    // A failure to close is not something a person can act on; the test's own outcome is what matters.
    await client?.close().catch(() => undefined);
  }
}
