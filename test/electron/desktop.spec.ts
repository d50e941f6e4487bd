/**
 * The desktop app as a person uses it, driven by Playwright's `_electron`: launch the built app, sign in to Demo Corp
 * through the real login window, pick a role, copy the command and check the clipboard, refresh, quit.
 * Runs only where the Electron binary can start (run.mjs says why it is skipped elsewhere).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ElectronApplication } from '@playwright/test';
import { _electron as electron, expect, test } from '@playwright/test';
import { createConnectionStore } from '../../core/connections/connection-store.js';
import { demoAccounts } from '../emulators/demo-corp.js';
import type { DemoStack } from '../emulators/demo-stack.js';
import { demoClusterName, startDemoStack } from '../emulators/demo-stack.js';

let stack: DemoStack;
let home: string;
let app: ElectronApplication | undefined;

test.beforeAll(async () => {
  stack = await startDemoStack();
  home = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-electron-'));
  await createConnectionStore(path.join(home, 'config', 'connections.json')).add(stack.connection);
});

test.afterAll(async () => {
  await app?.close().catch(() => undefined);
  await stack.close();
  await rm(home, { recursive: true, force: true });
});

const executablePath = process.env.ATLAS_SSO_ELECTRON_BINARY;

test('sign in through the login window, pick a role, copy the command, refresh, quit', async () => {
  test.skip(executablePath === undefined, 'Run through `npm run test:electron`, which finds the Electron binary without downloading it.');
  const launched = await electron.launch({
    ...(executablePath === undefined ? {} : { executablePath }),
    args: [path.resolve('dist/electron/main.js')],
    env: {
      ...process.env,
      ...stack.env,
      HOME: home,
      ATLAS_SSO_CONFIG: path.join(home, 'config', 'connections.json'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'aws', 'credentials'),
      AWS_CONFIG_FILE: path.join(home, 'aws', 'config'),
    },
  });
  app = launched;
  const window = await launched.firstWindow();
  expect(new URL(window.url()).protocol).toBe('app:');
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');

  const card = window.getByRole('listitem').filter({ has: window.getByRole('heading', { name: 'Demo Corp' }) });
  await expect(card).toContainText('Signed out.');

  await test.step('sign in at the IdP in the login window', async () => {
    const loginWindow = launched.waitForEvent('window');
    await card.getByRole('button', { name: 'Sign in' }).click();
    const login = await loginWindow;
    await expect.poll(() => login.title()).toContain(new URL(stack.idp.url).host);
    const closed = login.waitForEvent('close');
    await login.locator('#username').fill('alice');
    await login.locator('#password').fill('alice-demo');
    await login.locator('button[type=submit]').click();
    await closed;
  });

  await test.step('pick AtlasDba', async () => {
    const picker = window.getByRole('dialog', { name: 'Choose a role for Demo Corp' });
    await picker.getByRole('option').filter({ hasText: 'AtlasDba' }).first().click();
    await window.keyboard.press('Enter');
    await expect(card).toContainText('Signed in as AtlasDba');
    await expect(card).toContainText(/Production|\d{12}/);
    expect(demoAccounts.production).toMatch(/^\d{12}$/);
  });

  await test.step('copy the command and find it on the clipboard', async () => {
    const cluster = card.getByRole('region', { name: demoClusterName });
    await cluster.getByLabel('Shell').selectOption('bash');
    await cluster.getByLabel('Command').selectOption('keys');
    await cluster.getByRole('button', { name: 'Copy command' }).click();
    await expect.poll(() => launched.evaluate(({ clipboard }) => clipboard.readText())).toContain('AWS_SESSION_TOKEN=');
  });

  await test.step('refresh signs in silently', async () => {
    const before = stack.idp.signIns.length;
    await card.getByRole('button', { name: 'Refresh' }).click();
    await expect(window.locator('.toast', { hasText: 'Demo Corp: new keys' })).toBeVisible();
    expect(stack.idp.signIns.slice(before)).toEqual([{ username: 'alice', silent: true }]);
  });

  await test.step('quit', async () => {
    await launched.close();
    app = undefined;
  });
});
