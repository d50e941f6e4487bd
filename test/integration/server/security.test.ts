import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectionStore } from '../../../core/connections/connection-store.js';
import { createChromiumLoginBrowser } from '../../../core/login/chromium-login-browser.js';
import type { SessionService } from '../../../core/session/session-service.js';
import { createSessionService } from '../../../core/session/session-service.js';
import { createTerminalLauncher } from '../../../core/session/terminal-launcher.js';
import type { AppServer } from '../../../server/app-server.js';
import { startAppServer } from '../../../server/app-server.js';
import { withLastCharacterChanged } from '../../support/tamper.js';
import { callApi, openSession, sendRaw, sessionHeader } from './http-request.js';

let folder: string;
let service: SessionService;
let server: AppServer;
let port: number;
/** The session the first launch link was traded for. */
let session: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-server-'));
  const uiDir = path.join(folder, 'ui');
  await mkdir(path.join(uiDir, 'assets'), { recursive: true });
  await writeFile(path.join(uiDir, 'index.html'), '<!DOCTYPE html><html><head><title>Atlas SSO</title></head><body><div id="root"></div></body></html>');
  await writeFile(path.join(uiDir, 'assets', 'app.js'), 'console.log("ui");');
  await writeFile(path.join(folder, 'secret.txt'), 'outside the UI folder');
  const env = { HOME: folder, PATH: '' };
  service = createSessionService({
    store: createConnectionStore(path.join(folder, 'connections.json')),
    loginBrowser: createChromiumLoginBrowser({ executablePath: '/usr/bin/chromium', headless: true }),
    terminal: createTerminalLauncher(env, 'linux'),
    env,
    platform: 'linux',
    appVersion: '0.0.0-test',
    host: 'browser',
  });
  server = await startAppServer({ api: service, uiDir });
  port = server.port;
  session = await openSession(port, server.token);
});

afterAll(async () => {
  await server.close();
  service.close();
  await rm(folder, { recursive: true, force: true });
});

const json = (body: string): unknown => JSON.parse(body) as unknown;

describe('the launch token', () => {
  it('is 32 random bytes, and reaches the page in the URL fragment only', () => {
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
    expect(server.launchUrl).toBe(`http://127.0.0.1:${port}/#token=${server.token}`);
  });

  it('works once: the page trades it for a session in the reply (no cookie, which every port of 127.0.0.1 would get), and a second use is refused', async () => {
    const token = new URL(server.newLaunchUrl()).hash.slice('#token='.length);
    const traded = await sendRaw(port, { method: 'POST', path: '/api/session', headers: { 'X-Atlas-Sso-Token': token } });
    expect(traded.status).toBe(200);
    expect(traded.headers['set-cookie']).toBeUndefined();
    expect(traded.headers['cache-control']).toBe('no-store');
    expect((json(traded.body) as { session?: unknown }).session).toMatch(/^[\w-]{43}$/);
    expect(Object.keys(json(traded.body) as object)).toEqual(['session']);
    const again = await sendRaw(port, { method: 'POST', path: '/api/session', headers: { 'X-Atlas-Sso-Token': token } });
    expect(again.status).toBe(401);
    expect(again.body).toContain('already used');
    expect((await sendRaw(port, { method: 'POST', path: '/api/session', headers: sessionHeader(session) })).status).toBe(401);
  });

  it('is no key to the API: only the session is, and only in its header', async () => {
    const unused = new URL(server.newLaunchUrl()).hash.slice('#token='.length);
    const asBearer = await sendRaw(port, { method: 'POST', path: '/api/listConnections', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${unused}` }, body: '{}' });
    expect(asBearer.status).toBe(401);
    const asHeader = await sendRaw(port, { method: 'POST', path: '/api/listConnections', headers: { 'Content-Type': 'application/json', 'X-Atlas-Sso-Token': unused }, body: '{}' });
    expect(asHeader.status).toBe(401);
    const none = await sendRaw(port, { method: 'POST', path: '/api/listConnections', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect((await callApi(port, withLastCharacterChanged(session), 'listConnections', {})).status).toBe(401);
    // The session as a cookie (what a page of another port could have been sent) opens nothing.
    const asCookie = await sendRaw(port, { method: 'POST', path: '/api/listConnections', headers: { 'Content-Type': 'application/json', Cookie: `atlas_sso_${port}=${session}` }, body: '{}' });
    expect(asCookie.status).toBe(401);
    expect((await sendRaw(port, { path: '/api/events' })).status).toBe(401);
    const listed = await callApi(port, session, 'listConnections', {});
    expect(json(listed.body)).toEqual({ ok: true, value: { connections: [], sessions: [] } });
  });

  it('lets a reloaded page check its session, and no other site trade a token', async () => {
    expect((await sendRaw(port, { path: '/api/session', headers: sessionHeader(session) })).status).toBe(204);
    expect((await sendRaw(port, { path: '/api/session' })).status).toBe(401);
    const token = new URL(server.newLaunchUrl()).hash.slice('#token='.length);
    const foreign = await sendRaw(port, { method: 'POST', path: '/api/session', headers: { 'X-Atlas-Sso-Token': token, Origin: 'http://evil.test' } });
    expect(foreign.status).toBe(403);
  });

  it('is never handed out to a caller without the instance key (no app window here)', async () => {
    const asked = await sendRaw(port, { method: 'POST', path: '/api/instance', headers: { 'Content-Type': 'application/json', ...sessionHeader(session) }, body: '{"kind":"link"}' });
    expect(asked.status).toBe(401);
    expect(asked.body).not.toContain('#token=');
  });
});

describe('callers other than our page', () => {
  const withSession = (): Record<string, string> => ({ 'Content-Type': 'application/json', ...sessionHeader(session) });

  it('refuses a foreign Host (DNS rebinding), even with the session', async () => {
    const rebound = await sendRaw(port, { method: 'POST', path: '/api/listConnections', headers: { ...withSession(), Host: `evil.test:${port}` }, body: '{}' });
    expect(rebound.status).toBe(403);
    expect((await sendRaw(port, { path: '/', headers: { Host: `evil.test:${port}` } })).status).toBe(403);
    expect((await sendRaw(port, { path: '/', headers: { Host: `localhost:${port}` } })).status).toBe(200);
  });

  it('refuses a foreign Origin, and a cross-site or same-site fetch', async () => {
    const origin = await sendRaw(port, { method: 'POST', path: '/api/listConnections', headers: { ...withSession(), Origin: 'http://evil.test' }, body: '{}' });
    expect(origin.status).toBe(403);
    const otherPort = await sendRaw(port, { method: 'POST', path: '/api/listConnections', headers: { ...withSession(), Origin: `http://127.0.0.1:${port + 1}` }, body: '{}' });
    expect(otherPort.status).toBe(403);
    for (const site of ['cross-site', 'same-site']) {
      const fetched = await sendRaw(port, { method: 'POST', path: '/api/listConnections', headers: { ...withSession(), 'Sec-Fetch-Site': site }, body: '{}' });
      expect(fetched.status).toBe(403);
    }
  });

  it('lets a top-level navigation reach the page, but never the API', async () => {
    const navigate = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    expect((await sendRaw(port, { path: '/', headers: navigate })).status).toBe(200);
    expect((await sendRaw(port, { method: 'POST', path: '/api/signOut', headers: { ...withSession(), ...navigate }, body: '{"connectionId":"x"}' })).status).toBe(403);
  });
});

describe('the API endpoints', () => {
  it('take POST only', async () => {
    const get = await sendRaw(port, { path: '/api/listConnections', headers: sessionHeader(session) });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('take JSON only', async () => {
    const form = await sendRaw(port, { method: 'POST', path: '/api/listConnections', headers: { ...sessionHeader(session), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
    expect(form.status).toBe(415);
    const broken = await sendRaw(port, { method: 'POST', path: '/api/listConnections', headers: { ...sessionHeader(session), 'Content-Type': 'application/json' }, body: '{"' });
    expect(broken.status).toBe(400);
  });

  it('refuse an oversize body with 413', async () => {
    const huge = JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) });
    const reply = await sendRaw(port, { method: 'POST', path: '/api/importConnections', headers: { ...sessionHeader(session), 'Content-Type': 'application/json' }, body: huge });
    expect(reply.status).toBe(413);
  });

  it('refuse invalid params with 400 and the schema\'s message', async () => {
    const reply = await callApi(port, session, 'copyCommand', { connectionId: 'demo', clusterName: 'c', shell: 'tcsh', variant: 'keys' });
    expect(reply.status).toBe(400);
    const body = json(reply.body) as { ok: boolean; error: { code: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('input-invalid');
    expect(body.error.message).toMatch(/shell: .*bash/);
  });

  it('answer an unknown request with 404, and a failure as a value with 200', async () => {
    expect((await callApi(port, session, 'constructor', {})).status).toBe(404);
    const missing = await callApi(port, session, 'signIn', { connectionId: 'nope' });
    expect(missing.status).toBe(200);
    expect((json(missing.body) as { error: { code: string } }).error.code).toBe('connection-not-found');
    expect(missing.headers['cache-control']).toBe('no-store');
    // No idle socket a browser could reuse just as the server closes it (a POST would then fail as "not answering").
    expect(missing.headers.connection).toBe('close');
  });
});

describe('the page', () => {
  it('is served with the security headers', async () => {
    const page = await sendRaw(port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('serves the UI\'s assets and routes, and nothing outside its folder', async () => {
    expect((await sendRaw(port, { path: '/assets/app.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await sendRaw(port, { path: '/settings' })).body).toContain('<div id="root">');
    for (const escape of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const reply = await sendRaw(port, { path: escape });
      expect(reply.body).not.toContain('outside the UI folder');
    }
    expect((await sendRaw(port, { path: '/missing.js' })).status).toBe(404);
    expect((await sendRaw(port, { method: 'DELETE', path: '/' })).status).toBe(405);
  });
});
