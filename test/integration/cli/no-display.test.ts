import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDemoRoleValues, demoRoles } from '../../emulators/demo-corp.js';
import type { IdpEmulator } from '../../emulators/idp/server.js';
import { startIdpEmulator } from '../../emulators/idp/server.js';
import { cliPath, runCli, terminalEnv } from '../../support/run-cli.js';
import { uiLaunchUrl } from '../../support/ui-launch-url.js';
import { callApi, openSession } from '../server/http-request.js';
import { offlineBrowserArgs } from './drive-cli-sign-in.js';

// A terminal with no graphical session (an SSH login without X forwarding): the terminal helper gives no DISPLAY and
// no WAYLAND_DISPLAY. Chromium is installed and not headless, so only the missing display stands in the way.
let idp: IdpEmulator;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  idp = await startIdpEmulator({ users: [{ username: 'alice', password: 'alice-pass', roles: allDemoRoleValues }] });
  home = await mkdtemp(join(tmpdir(), 'atlas-sso-no-display-'));
  env = { HOME: home, ATLAS_SSO_CONFIG: join(home, 'connections.json'), ATLAS_SSO_TEST_BROWSER_ARGS: offlineBrowserArgs };
  const added = await runCli(['connections', 'add', 'Demo', '--idp-url', idp.ssoUrl, '--role', demoRoles.dba.roleArn], { env });
  expect(added.code, added.stderr).toBe(0);
});

afterAll(async () => {
  await idp.close();
  await rm(home, { recursive: true, force: true });
});

const signIns: readonly (readonly string[])[] = [
  ['login', '--connection', 'demo', '--format', 'env'],
  ['assume', '--connection', 'demo', '--format', 'env'],
  ['credential-process', '--connection', 'demo'],
];

describe('sign-in on a machine without a display', () => {
  for (const args of signIns) {
    it(`\`${args.join(' ')}\` names the missing display and what to do instead, exit 8, before any browser starts`, async () => {
      // A hang would run into the sign-in timeout (300 s); the run's own deadline is far below it.
      const run = await runCli([...args, '--browser', '/usr/bin/chromium'], { env, timeoutMs: 20_000 });
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([
        'atlas-sso: Sign-in needs a browser window, and there is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set, as in an SSH session without X forwarding): sign in from a desktop session, connect with `ssh -X` to forward X, or bring a SAMLResponse with `atlas-sso assume --saml-response FILE`.',
      ]);
      expect(run.code).toBe(8);
    });
  }

  it('recognises Chromium\'s own "Missing X server or $DISPLAY" when DISPLAY names no running X server', async () => {
    const run = await runCli(['login', '--connection', 'demo', '--format', 'env', '--browser', '/usr/bin/chromium'], { env: { ...env, DISPLAY: ':97' }, timeoutMs: 30_000 });
    expect(run.stderr).toContain('there is no graphical display here');
    expect(run.stderr).not.toContain('could not start');
    expect(run.code).toBe(8);
  });

  it("the app's sign-in (browser mode) says the same cause in people's words, with no command-line flag", async () => {
    const ui = await mkdtemp(join(tmpdir(), 'atlas-sso-no-display-ui-'));
    await writeFile(join(ui, 'index.html'), '<!DOCTYPE html><html><body></body></html>');
    const child = spawn(process.execPath, [cliPath, 'ui', '--no-open', '--ui-dir', ui, '--browser', '/usr/bin/chromium'], { env: terminalEnv(home, env), stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const url = await uiLaunchUrl(child.stdout, exited);
      const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
      const reply = await callApi(Number(url.port), await openSession(Number(url.port), token), 'signIn', { connectionId: 'demo' });
      const body = JSON.parse(reply.body) as { ok: boolean; error?: { code: string; message: string } };
      expect(body.ok).toBe(false);
      expect(body.error?.code).toBe('login-no-display');
      expect(body.error?.message).toMatch(/no graphical display/);
      expect(body.error?.message).not.toMatch(/--|DISPLAY/);
    } finally {
      child.kill('SIGINT');
      await exited;
      await rm(ui, { recursive: true, force: true });
    }
  });
});
