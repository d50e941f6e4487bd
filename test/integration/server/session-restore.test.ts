import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'vitest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../core/api.js';
import type { BrowserMode } from '../../../server/main.js';
import { startBrowserMode } from '../../../server/main.js';
import { demoRoles } from '../../emulators/demo-corp.js';
import type { DemoStack } from '../../emulators/demo-stack.js';
import { startDemoStack } from '../../emulators/demo-stack.js';
import { chromiumExecutable, testChromiumArgs, typeIntoIdpWhenAsked } from '../../emulators/idp/test-chromium.js';
import { runCli } from '../../support/run-cli.js';
import type { SecretService } from '../../support/secret-service.js';
import { startSecretService } from '../../support/secret-service.js';

// `atlas-sso ui` stops when its last window closes: with a Secret Service (a Linux desktop's keyring), the next start
// is still signed in, as the desktop app is; without one, nothing is kept and nothing is said.

const connectionId = 'demo-corp';
let stack: DemoStack;
let keyringHome: string;
let secretService: SecretService | string = 'not started';
let folder: string;
let env: Record<string, string>;
const running: BrowserMode[] = [];

async function startApp(withKeyring: boolean): Promise<{ app: BrowserMode; events: ApiEvent[] }> {
  const bus = withKeyring && typeof secretService !== 'string' ? { DBUS_SESSION_BUS_ADDRESS: secretService.address } : {};
  const app = await startBrowserMode({
    env: { ...env, ...stack.env, ...bus },
    platform: 'linux',
    uiDir: folder,
    login: { executablePath: chromiumExecutable, headless: true, extraArgs: testChromiumArgs, onPage: typeIntoIdpWhenAsked('alice', 'alice-demo') },
  });
  running.push(app);
  const events: ApiEvent[] = [];
  app.service.subscribe((event) => events.push(event));
  return { app, events };
}

async function stop(app: BrowserMode): Promise<void> {
  running.splice(running.indexOf(app), 1);
  await app.close();
}

/** Skips the test, saying why, on a machine without dbus-daemon or gnome-keyring. */
function skippedWithoutSecretService(context: TestContext): boolean {
  if (typeof secretService !== 'string') return false;
  console.warn(`No Secret Service here (${secretService}): restoring browser mode's sessions is not checked.`);
  context.skip();
  return true;
}

function secretServiceAddress(): string {
  return typeof secretService === 'string' ? '' : secretService.address;
}

async function signInAsDba(app: BrowserMode): Promise<void> {
  await app.service.signIn({ connectionId });
  await app.service.pickRole({ connectionId, roleArn: demoRoles.dba.roleArn });
}

const assumeCalls = (): number => stack.sts.requests.filter((request) => request.action === 'AssumeRoleWithSAML').length;

beforeAll(async () => {
  stack = await startDemoStack();
  keyringHome = mkdtempSync(join(tmpdir(), 'atlas-sso-keyring-'));
  secretService = await startSecretService(keyringHome);
  // The keyring library reads the bus from this process's environment.
  if (typeof secretService !== 'string') process.env.DBUS_SESSION_BUS_ADDRESS = secretService.address;
});

afterAll(async () => {
  delete process.env.DBUS_SESSION_BUS_ADDRESS;
  if (typeof secretService !== 'string') await secretService.stop();
  rmSync(keyringHome, { recursive: true, force: true });
  await stack.close();
});

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'atlas-sso-restore-'));
  env = { HOME: folder, ATLAS_SSO_CONFIG: join(folder, 'connections.json'), AWS_CONFIG_FILE: join(folder, 'aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(folder, 'aws', 'credentials') };
  const added = await runCli(['connections', 'add', stack.connection.name, '--idp-url', stack.connection.idpUrl], { env });
  expect(added.code, added.stderr).toBe(0);
});

afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('browser mode across restarts', () => {
  it('with the OS keychain: the next start is signed in with the same keys, asking neither the IdP nor STS; a sign-out ends that', async (context) => {
    if (skippedWithoutSecretService(context)) return;
    const first = await startApp(true);
    expect(await first.app.restored).toEqual([]);
    await signInAsDba(first.app);
    const keys = await first.app.service.revealKeys({ connectionId });
    await stop(first.app);

    const signIns = stack.idp.signIns.length;
    const calls = assumeCalls();
    const second = await startApp(true);
    expect(await second.app.restored).toEqual([connectionId]);
    expect((await second.app.service.listConnections({})).sessions[0]).toMatchObject({ status: 'signed-in', session: { roleArn: demoRoles.dba.roleArn } });
    expect((await second.app.service.revealKeys({ connectionId })).accessKeyId).toBe(keys.accessKeyId);
    expect(stack.idp.signIns.length).toBe(signIns);
    expect(assumeCalls()).toBe(calls);
    // In the keychain only: no file beside the connections holds the secret.
    for (const file of readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())) {
      expect(readFileSync(join(file.parentPath, file.name), 'latin1')).not.toContain(keys.secretAccessKey);
    }

    await second.app.service.signOut({ connectionId });
    await stop(second.app);
    const third = await startApp(true);
    expect(await third.app.restored).toEqual([]);
    expect((await third.app.service.listConnections({})).sessions[0]?.status).toBe('signed-out');

    // Without a keychain (no D-Bus session, as in a plain terminal): nothing is kept, and nothing is said about it.
    await signInAsDba(third.app);
    await stop(third.app);
    const bare = await startApp(false);
    await signInAsDba(bare.app);
    await stop(bare.app);
    expect(bare.events.filter((event) => event.type === 'error')).toEqual([]);
    expect(await (await startApp(false)).app.restored).toEqual([]);
  });

  it('with the OS keychain: another connections file with a connection of the same id restores nothing of this one, and `connections remove` wipes it', async (context) => {
    if (skippedWithoutSecretService(context)) return;
    const first = await startApp(true);
    await signInAsDba(first.app);
    await stop(first.app);
    env = { ...env, ATLAS_SSO_CONFIG: join(folder, 'other', 'connections.json') };
    expect((await runCli(['connections', 'add', stack.connection.name, '--idp-url', stack.connection.idpUrl], { env })).code).toBe(0);
    const other = await startApp(true);
    expect(await other.app.restored).toEqual([]);
    await stop(other.app);
    env = { ...env, ATLAS_SSO_CONFIG: join(folder, 'connections.json') };
    const again = await startApp(true);
    expect(await again.app.restored).toEqual([connectionId]);
    await stop(again.app);

    // Removed with the CLI while the app is not running: its kept session goes too, and a connection added again under
    // the same name starts signed out.
    const terminal = { ...env, DBUS_SESSION_BUS_ADDRESS: secretServiceAddress() };
    expect((await runCli(['connections', 'remove', stack.connection.name], { env: terminal })).code).toBe(0);
    expect((await runCli(['connections', 'add', stack.connection.name, '--idp-url', stack.connection.idpUrl], { env: terminal })).code).toBe(0);
    expect(await (await startApp(true)).app.restored).toEqual([]);
  });
});
