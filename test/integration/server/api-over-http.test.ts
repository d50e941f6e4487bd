import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../core/api.js';
import type { BrowserMode } from '../../../server/main.js';
import { startBrowserMode } from '../../../server/main.js';
import { demoAccounts, demoRoles } from '../../emulators/demo-corp.js';
import type { DemoStack } from '../../emulators/demo-stack.js';
import { demoClusterName, startDemoStack } from '../../emulators/demo-stack.js';
import { chromiumExecutable, testChromiumArgs, typeIntoIdpWhenAsked } from '../../emulators/idp/test-chromium.js';
import { openSession, sessionHeader } from './http-request.js';

/** Every SAMLResponse the IdP emulator posts starts with `<samlp:Response`: this is its base64. */
const assertionPrefix = Buffer.from('<samlp:Response').toString('base64').slice(0, 20);

interface Exchange {
  readonly name: string;
  readonly status: number;
  readonly body: string;
}

let stack: DemoStack;
let app: BrowserMode;
let folder: string;
let env: NodeJS.ProcessEnv;
const exchanges: Exchange[] = [];
const events: ApiEvent[] = [];
let rawEvents = '';
const stopEvents = new AbortController();
let eventsClosed: Promise<void>;
/** The session the first launch link was traded for, as the page holds it. */
let session: string;

async function call<T = unknown>(name: string, params: unknown): Promise<{ readonly ok: boolean; readonly value: T; readonly error: { readonly code: string; readonly message: string } }> {
  const response = await fetch(`${app.server.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...sessionHeader(session) },
    body: JSON.stringify(params),
  });
  const body = await response.text();
  exchanges.push({ name, status: response.status, body });
  expect(response.status).toBe(200);
  return JSON.parse(body) as { ok: boolean; value: T; error: { code: string; message: string } };
}

async function readEvents(): Promise<void> {
  const response = await fetch(`${app.server.origin}/api/events`, { headers: sessionHeader(session), signal: stopEvents.signal });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      const text = decoder.decode(chunk, { stream: true });
      rawEvents += text;
      buffer += text;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const data = block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
        if (data !== '') events.push(JSON.parse(data) as ApiEvent);
      }
    }
  } catch (error) {
    if (!stopEvents.signal.aborted) throw error;
  }
}

function keysIssued(): readonly string[] {
  return [...stack.sts.issued.values()].flatMap((keys) => [keys.accessKeyId, keys.secretAccessKey, keys.sessionToken]);
}

beforeAll(async () => {
  stack = await startDemoStack();
  folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-http-e2e-'));
  env = {
    PATH: process.env.PATH,
    HOME: folder,
    ATLAS_SSO_CONFIG: path.join(folder, 'config', 'connections.json'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'aws', 'credentials'),
    AWS_CONFIG_FILE: path.join(folder, 'aws', 'config'),
    ...stack.env,
  };
  app = await startBrowserMode({
    env,
    platform: 'linux',
    uiDir: folder,
    login: { executablePath: chromiumExecutable, headless: true, extraArgs: testChromiumArgs, onPage: typeIntoIdpWhenAsked('alice', 'alice-demo') },
  });
  session = await openSession(app.server.port, app.server.token);
  eventsClosed = readEvents();
  await vi.waitFor(() => expect(rawEvents).toContain(': connected'));
});

afterAll(async () => {
  stopEvents.abort();
  await eventsClosed;
  await app.close();
  await stack.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the whole flow over HTTP, with the real IdP, STS and Atlas emulators and Chromium', () => {
  it('saves a connection, signs in, lists the roles and hears rolesReady', async () => {
    const { name, idpUrl, clusters, accountAliases, profile } = stack.connection;
    const draft = { name, idpUrl, clusters, accountAliases, profile };
    const saved = await call<{ id: string }>('saveConnection', { connection: draft });
    expect(saved.value.id).toBe('demo-corp');
    const ready = await call<{ groups: { accountAlias: string | null; roles: { roleArn: string }[] }[] }>('signIn', { connectionId: 'demo-corp' });
    expect(ready.ok).toBe(true);
    expect(ready.value.groups.map((group) => group.accountAlias)).toEqual(['Production', 'Analytics']);
    expect(ready.value.groups.flatMap((group) => group.roles.map((role) => role.roleArn))).toContain(demoRoles.analyst.roleArn);
    await vi.waitFor(() => expect(events.some((event) => event.type === 'rolesReady' && event.connectionId === 'demo-corp')).toBe(true));
    expect(events.some((event) => event.type === 'signInProgress' && event.step === 'waiting-for-sign-in')).toBe(true);
    expect(stack.idp.signIns.at(-1)).toEqual({ username: 'alice', silent: false });
  });

  it('picks a role and hears sessionChanged: signed in as that role in that account', async () => {
    const picked = await call<{ roleArn: string; accountAlias: string; expiresAt: string }>('pickRole', { connectionId: 'demo-corp', roleArn: demoRoles.dba.roleArn });
    expect(picked.value).toMatchObject({ roleArn: demoRoles.dba.roleArn, accountAlias: 'Production' });
    await vi.waitFor(() => {
      const last = events.filter((event) => event.type === 'sessionChanged').at(-1);
      expect(last?.type === 'sessionChanged' && last.state.status === 'signed-in' && last.state.session.expiresAt).toBe(picked.value.expiresAt);
    });
  });

  it('writes a profile the AWS CLI reads back', async () => {
    const written = await call<{ profile: string; filePath: string }>('writeProfile', { connectionId: 'demo-corp' });
    expect(written.value).toMatchObject({ profile: 'demo-corp', filePath: env.AWS_SHARED_CREDENTIALS_FILE });
    const { stdout } = await promisify(execFile)('/usr/bin/aws', ['configure', 'get', 'aws_access_key_id', '--profile', 'demo-corp'], { env: { ...env, AWS_PROFILE: '' } });
    const keys = await call<{ accessKeyId: string }>('revealKeys', { connectionId: 'demo-corp' });
    expect(stdout.trim()).toBe(keys.value.accessKeyId);
    expect(stack.sts.issued.has(stdout.trim())).toBe(true);
  });

  it('copies a command holding the keys STS issued', async () => {
    const copied = await call<{ command: string; containsKeys: boolean }>('copyCommand', { connectionId: 'demo-corp', clusterName: demoClusterName, shell: 'bash', variant: 'keys' });
    const id = /AWS_ACCESS_KEY_ID='([^']+)'/.exec(copied.value.command)?.[1] ?? '';
    const issued = stack.sts.issued.get(id);
    expect(issued).toBeDefined();
    expect(copied.value.command).toContain(issued?.sessionToken);
    expect(copied.value.command).toContain(`mongodb://127.0.0.1:${stack.atlas.port}/`);
  });

  it('tests the connection against the Atlas emulator as the role\'s database user', async () => {
    const tested = await call<{ user: string; databases: string[] }>('testConnection', { connectionId: 'demo-corp', clusterName: demoClusterName });
    expect(tested.value.user).toBe(`arn:aws:iam::${demoAccounts.production}:role/AtlasDba`);
    expect(tested.value.databases).toContain('sales');
  });

  it('refreshes silently with the IdP cookie and gets new keys for the same role', async () => {
    const before = await call<{ accessKeyId: string }>('revealKeys', { connectionId: 'demo-corp' });
    const refreshed = await call<{ roleArn: string }>('refresh', { connectionId: 'demo-corp' });
    expect(refreshed.value.roleArn).toBe(demoRoles.dba.roleArn);
    expect(stack.idp.signIns.at(-1)).toEqual({ username: 'alice', silent: true });
    const after = await call<{ accessKeyId: string }>('revealKeys', { connectionId: 'demo-corp' });
    expect(after.value.accessKeyId).not.toBe(before.value.accessKeyId);
  });

  it('answers failures as values: a role not granted, an STS refusal, no database user', async () => {
    await call('signIn', { connectionId: 'demo-corp' });
    const notGranted = await call('pickRole', { connectionId: 'demo-corp', roleArn: `arn:aws:iam::${demoAccounts.production}:role/Nope` });
    expect(notGranted).toMatchObject({ ok: false, error: { code: 'role-not-found' } });
    stack.sts.injectFault({ kind: 'expired' });
    const refused = await call('pickRole', { connectionId: 'demo-corp', roleArn: demoRoles.dba.roleArn });
    expect(refused).toMatchObject({ ok: false, error: { code: 'sts-expired-assertion' } });
    // The refusal came during a role switch: the role in use is still signed in.
    expect((await call<{ sessions: { status: string }[] }>('listConnections', {})).value.sessions[0]?.status).toBe('signed-in');
    await call('signIn', { connectionId: 'demo-corp' });
    expect((await call('pickRole', { connectionId: 'demo-corp', roleArn: demoRoles.noDbUser.roleArn })).ok).toBe(true);
    const noUser = await call('testConnection', { connectionId: 'demo-corp', clusterName: demoClusterName });
    expect(noUser).toMatchObject({ ok: false, error: { code: 'mongodb-no-database-user' } });
  });

  it('signs out: the keys are gone', async () => {
    expect((await call('signOut', { connectionId: 'demo-corp' })).ok).toBe(true);
    expect(await call('revealKeys', { connectionId: 'demo-corp' })).toMatchObject({ ok: false, error: { code: 'session-signed-out' } });
    await vi.waitFor(() => {
      const last = events.filter((event) => event.type === 'sessionChanged').at(-1);
      expect(last?.type === 'sessionChanged' && last.state.status).toBe('signed-out');
    });
  });

  it('never lets the assertion out, and shows keys only where the person asked for them', () => {
    // The first sign-in and the silent refresh; both signIn calls while signed in reused the session's assertion (Switch role).
    expect(stack.idp.signIns).toEqual([
      { username: 'alice', silent: false },
      { username: 'alice', silent: true },
    ]);
    expect(rawEvents.length).toBeGreaterThan(0);
    for (const exchange of exchanges) expect(exchange.body).not.toContain(assertionPrefix);
    expect(rawEvents).not.toContain(assertionPrefix);
    const secrets = keysIssued();
    expect(secrets.length).toBeGreaterThan(0);
    const mayHoldKeys = (exchange: Exchange): boolean => exchange.name === 'revealKeys' || exchange.name === 'copyCommand';
    for (const exchange of exchanges.filter((candidate) => !mayHoldKeys(candidate))) {
      for (const secret of secrets) expect(exchange.body).not.toContain(secret);
    }
    for (const secret of secrets) expect(rawEvents).not.toContain(secret);
  });
});
