import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import type { AtlasSsoError } from '../../../core/errors.js';
import { testConnection } from '../../../core/mongodb/test-connection.js';
import type { AtlasEmulator } from '../../emulators/atlas/server.js';
import { startAtlasEmulator } from '../../emulators/atlas/server.js';
import { loadTestTls } from '../../emulators/atlas/test-tls.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';
import { withLastCharacterChanged } from '../../support/tamper.js';

const dbaRole = 'arn:aws:iam::123456789012:role/dba';
/** IAM lets a role have a path; Atlas knows the role by its ARN without it. */
const pathRole = 'arn:aws:iam::123456789012:role/ops/oncall';
const analystRole = 'arn:aws:iam::123456789012:role/analyst';

let sts: StsEmulator;
let atlas: AtlasEmulator;
const closers: (() => Promise<void>)[] = [];

function keysFor(roleArn: string): TemporaryCredentials {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = sts.issueFor(roleArn, 'alice@example.com');
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

async function failureOf(promise: Promise<unknown>): Promise<AtlasSsoError> {
  return await promise.then(
    () => {
      throw new Error('expected the connection test to fail');
    },
    (error: unknown) => error as AtlasSsoError,
  );
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function closeServer(server: Server, sockets: ReadonlySet<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A TCP relay to the emulator that counts open client connections, to prove the client closes every one. */
async function countingRelay(targetPort: number): Promise<{ readonly port: number; readonly open: () => number; readonly opened: () => number }> {
  const sockets = new Set<Socket>();
  let opened = 0;
  const server = createServer((socket) => {
    opened += 1;
    sockets.add(socket);
    const upstream = connect(targetPort, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const end = (): void => {
      sockets.delete(socket);
      socket.destroy();
      upstream.destroy();
    };
    socket.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  const port = await listen(server);
  closers.push(() => closeServer(server, sockets));
  return { port, open: () => sockets.size, opened: () => opened };
}

async function untilNoneOpen(open: () => number): Promise<number> {
  for (let i = 0; i < 100 && open() > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return open();
}

beforeAll(async () => {
  sts = await startStsEmulator({ providers: [], roles: [{ roleArn: dbaRole }, { roleArn: analystRole }, { roleArn: pathRole }] });
  atlas = await startAtlasEmulator({ stsUrl: sts.url, users: [{ arn: dbaRole, roles: [{ role: 'readWrite', db: 'sales' }] }], data: { sales: { orders: [{ sku: 'a-1', qty: 2 }] }, hr: { people: [{ name: 'Bo' }] } } });
});

afterAll(async () => {
  await atlas.close();
  await sts.close();
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('testConnection against the Atlas and STS emulators', () => {
  it('reports the user, roles, databases it may see, latency and version, and closes every connection', async () => {
    const relay = await countingRelay(atlas.port);
    const report = await testConnection({ uri: atlas.uri.replace(`:${atlas.port}/`, `:${relay.port}/`), credentials: keysFor(dbaRole) });
    expect(report.user).toBe(dbaRole);
    expect(report.roles).toContainEqual({ role: 'readWrite', db: 'sales' });
    expect(report.databases).toContain('sales');
    expect(report.databases).not.toContain('hr');
    expect(report.latencyMs).toBeGreaterThan(0);
    expect(report.serverVersion).toMatch(/^\d+\.\d+/);
    expect(relay.opened()).toBeGreaterThan(0);
    expect(await untilNoneOpen(relay.open)).toBe(0);
  });

  it('names the role to add when Atlas has no database user for it', async () => {
    const error = await failureOf(testConnection({ uri: atlas.uri, credentials: keysFor(analystRole), expectedUser: analystRole }));
    expect(error.code).toBe('mongodb-no-database-user');
    expect(error.message).toBe(`Atlas has no database user for role ${analystRole}: add it in Atlas → Database Access → Add New Database User → AWS IAM → IAM Role, with that ARN.`);
  });

  it('derives the role from the assumed-role ARN when the caller does not say, and still closes the client', async () => {
    const relay = await countingRelay(atlas.port);
    const error = await failureOf(testConnection({ uri: atlas.uri.replace(`:${atlas.port}/`, `:${relay.port}/`), credentials: keysFor(analystRole) }));
    expect(error.message).toContain(`role ${analystRole}:`);
    expect(await untilNoneOpen(relay.open)).toBe(0);
  });

  it('names the ARN Atlas looks up (without the role path) for a role with a path', async () => {
    const error = await failureOf(testConnection({ uri: atlas.uri, credentials: keysFor(pathRole), expectedUser: pathRole }));
    expect(error.code).toBe('mongodb-no-database-user');
    expect(error.message).toContain('for role arn:aws:iam::123456789012:role/oncall:');
  });

  it('asks to sign in again when STS says the keys expired', async () => {
    const credentials = keysFor(dbaRole);
    sts.injectFault({ kind: 'expired' });
    const error = await failureOf(testConnection({ uri: atlas.uri, credentials }));
    expect(error.code).toBe('mongodb-auth-failed');
    expect(error.message).toMatch(/sign in again/);
  });

  it('asks to sign in again for a tampered secret, without repeating any key', async () => {
    const real = keysFor(dbaRole);
    const credentials = { ...real, secretAccessKey: withLastCharacterChanged(real.secretAccessKey) };
    const error = await failureOf(testConnection({ uri: atlas.uri, credentials }));
    expect(error.code).toBe('mongodb-auth-failed');
    for (const text of [error.message, error.details ?? '', String(error.stack)]) {
      expect(text).not.toContain(credentials.secretAccessKey);
      expect(text).not.toContain(credentials.sessionToken);
    }
  });

  it('says nothing listens on a wrong port, within the deadline', async () => {
    const probe = createServer();
    const port = await listen(probe);
    await closeServer(probe, new Set());
    const error = await failureOf(testConnection({ uri: `mongodb://127.0.0.1:${port}/?directConnection=true`, credentials: keysFor(dbaRole), timeoutMs: 1500 }));
    expect(error.code).toBe('mongodb-unreachable');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('points at the IP access list when the server accepts but never answers (how a blocked Atlas looks)', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    const port = await listen(silent);
    closers.push(() => closeServer(silent, sockets));
    const error = await failureOf(testConnection({ uri: `mongodb://127.0.0.1:${port}/?directConnection=true`, credentials: keysFor(dbaRole), timeoutMs: 1500 }));
    expect(error.code).toBe('mongodb-ip-access-list');
    expect(error.message).toContain('Atlas → Network Access');
  });

  it('reports a TLS failure when the server certificate is not from a trusted CA, and works with the right CA', async () => {
    const tls = loadTestTls();
    const secure = await startAtlasEmulator({ stsUrl: sts.url, users: [{ arn: dbaRole, roles: [{ role: 'read', db: 'sales' }] }], tls: { certPem: tls.certPem, keyPem: tls.keyPem } });
    closers.push(() => secure.close());
    const error = await failureOf(testConnection({ uri: secure.uri, credentials: keysFor(dbaRole), timeoutMs: 3000 }));
    expect(error.code).toBe('mongodb-tls');
    expect(error.message).toContain('TLS');
    const report = await testConnection({ uri: `${secure.uri}&tlsCAFile=${encodeURIComponent(tls.caFile)}`, credentials: keysFor(dbaRole) });
    expect(report.user).toBe(dbaRole);
  });

  it('asks to check the cluster address when its SRV record does not exist', async () => {
    const error = await failureOf(testConnection({ uri: 'mongodb+srv://cluster0.atlas-sso-test.invalid/?authMechanism=MONGODB-AWS', credentials: keysFor(dbaRole), timeoutMs: 5000 }));
    expect(error.code).toBe('mongodb-dns');
    expect(error.message).toContain('cluster0.atlas-sso-test.invalid');
  });

  it('says the server answered without the fields every MongoDB sends, instead of a TypeError', async () => {
    const odd = await startAtlasEmulator({ stsUrl: sts.url, users: [{ arn: dbaRole, roles: [{ role: 'readWrite', db: 'sales' }] }], replies: { listDatabases: { ok: 1, totalSize: 0 } } });
    closers.push(() => odd.close());
    const error = await failureOf(testConnection({ uri: odd.uri, credentials: keysFor(dbaRole) }));
    expect(error.code).toBe('mongodb-connection-failed');
    expect(error.message).toBe(`127.0.0.1:${odd.port} signed you in but answered listDatabases without "databases", as no MongoDB server does: check that the connection string points at your Atlas cluster (Atlas → Connect), not at a proxy or another service.`);
  });

  it('stops when the caller cancels', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    const port = await listen(silent);
    closers.push(() => closeServer(silent, sockets));
    const controller = new AbortController();
    const pending = testConnection({ uri: `mongodb://127.0.0.1:${port}/?directConnection=true`, credentials: keysFor(dbaRole), signal: controller.signal, timeoutMs: 30_000 });
    controller.abort();
    expect((await failureOf(pending)).code).toBe('mongodb-cancelled');
  });
});
