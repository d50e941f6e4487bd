// `atlas-sso desktop-entry install`, then the menu entry launched as a desktop would (gio launch) under Xvfb: the app
// window shows the connection list, survives a reload, stays one server when launched twice, remembers its size, and
// closing it stops the server. Playwright watches over the app window's own DevTools port (a test-only switch).
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { instanceRecordSchema, isProcessAlive } from '../../../core/launch/single-instance.js';
import type { InstanceRecord } from '../../../core/launch/single-instance.js';
import { offlineBrowserArgs } from '../cli/drive-cli-sign-in.js';
import { cliPath, runCli } from '../../support/run-cli.js';
import type { Xvfb } from '../../support/xvfb.js';
import { startXvfb } from '../../support/xvfb.js';

let xvfb: Xvfb;
let home = '';
let env: NodeJS.ProcessEnv = {};
const appDir = (): string => path.join(home, '.config', 'atlas-sso', 'app-window');
const profileDir = (): string => path.join(appDir(), 'browser-profile');
const desktopFile = (): string => path.join(home, '.local', 'share', 'applications', 'atlas-sso-window.desktop');

beforeAll(async () => {
  xvfb = await startXvfb('1280x1024x24');
  home = await mkdtemp(path.join(tmpdir(), 'atlas-sso-app-window-'));
  await mkdir(path.join(home, '.config', 'atlas-sso'), { recursive: true });
  await writeFile(
    path.join(home, '.config', 'atlas-sso', 'connections.json'),
    JSON.stringify({ version: 1, connections: [{ id: 'acme', name: 'Acme Window Test', idpUrl: 'https://idp.example.com/sso/aws' }] }),
    { mode: 0o600 },
  );
  env = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    DISPLAY: xvfb.display,
    AWS_EC2_METADATA_DISABLED: 'true',
    // Nothing resolves beyond 127.0.0.1; the DevTools port (0: Chromium picks one and writes DevToolsActivePort) lets the test watch.
    ATLAS_SSO_TEST_BROWSER_ARGS: JSON.stringify([...(JSON.parse(offlineBrowserArgs) as string[]), '--remote-debugging-port=0']),
  };
});

afterAll(async () => {
  const record = await readInstance();
  if (record !== undefined) stopProcess(record.pid);
  await xvfb.stop();
  await rm(home, { recursive: true, force: true });
});

async function readInstance(): Promise<InstanceRecord | undefined> {
  try {
    return instanceRecordSchema.parse(JSON.parse(await readFile(path.join(appDir(), 'instance.json'), 'utf8')));
  } catch {
    return undefined;
  }
}

function stopProcess(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, deadlineMs = 60_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Launches the menu entry as a desktop does; gio returns once the program is started. */
function launchFromMenu(): void {
  const launched = spawnSync('gio', ['launch', desktopFile()], { env, encoding: 'utf8', timeout: 30_000 });
  expect(launched.status, launched.stderr).toBe(0);
}

/** The `atlas-sso ui` servers running for this test's HOME (their environment says so). */
async function uiServers(): Promise<readonly number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = (await readFile(`/proc/${name}/cmdline`, 'utf8')).split('\0');
      const environ = (await readFile(`/proc/${name}/environ`, 'utf8')).split('\0');
      if (argv.includes(cliPath) && argv.includes('ui') && environ.includes(`HOME=${home}`)) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function connectToAppWindow(): Promise<{ readonly browser: Browser; readonly context: BrowserContext }> {
  const port = await until('the app window to listen for DevTools', async () => {
    const text = await readFile(path.join(profileDir(), 'DevToolsActivePort'), 'utf8').catch(() => '');
    return /^\d+\n/.test(text) ? text.split('\n')[0] : undefined;
  });
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  if (context === undefined) throw new Error('the app window has no browser context');
  return { browser, context };
}

function appPages(context: BrowserContext, origin: string): readonly Page[] {
  return context.pages().filter((page) => page.url().startsWith(`${origin}/`));
}

async function windowBounds(context: BrowserContext, page: Page): Promise<{ readonly windowId: number; readonly bounds: { readonly width?: number; readonly height?: number } }> {
  const session = await context.newCDPSession(page);
  return await session.send('Browser.getWindowForTarget');
}

it('desktop-entry install writes an XDG entry that desktop-file-validate accepts, with the icon in the hicolor sizes', async () => {
  const installed = await runCli(['desktop-entry', 'install'], { env });
  expect(installed.code, installed.stderr).toBe(0);
  const validated = spawnSync('desktop-file-validate', [desktopFile()], { encoding: 'utf8' });
  expect(`${validated.stdout}${validated.stderr}`).toBe('');
  expect(validated.status).toBe(0);
  const entry = await readFile(desktopFile(), 'utf8');
  expect(entry).toContain(`Exec=${process.execPath} ${cliPath} ui\n`);
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
    const icon = await readFile(path.join(home, '.local', 'share', 'icons', 'hicolor', `${size}x${size}`, 'apps', 'atlas-sso-window.png'));
    expect(icon.readUInt32BE(16)).toBe(size);
  }
});

it('launched from the menu: an app window shows the connection list, a reload keeps the server, a second launch reuses it, the size is kept, closing stops it', async () => {
  const started = Date.now();
  launchFromMenu();
  const first = await until('the instance file', readInstance);
  let { browser, context } = await connectToAppWindow();
  try {
    const page = await until('the app page', () => appPages(context, first.origin)[0]);
    await page.getByText('Acme Window Test').first().waitFor({ timeout: 60_000 });
    console.log(`launcher → connection list: ${Date.now() - started} ms`);

    // The one-time token is gone from the address, the page lives on an HttpOnly, SameSite=Strict cookie, and no argv holds a token.
    expect(page.url()).toBe(`${first.origin}/`);
    const cookies = await context.cookies(first.origin);
    expect(cookies.map(({ name, httpOnly, sameSite, secure }) => ({ name, httpOnly, sameSite, secure }))).toEqual([{ name: `atlas_sso_${new URL(first.origin).port}`, httpOnly: true, sameSite: 'Strict', secure: false }]);
    const launcher = await readFile(path.join(appDir(), 'open-atlas-sso.html'), 'utf8');
    const token = /#token=([\w-]+)/.exec(launcher)?.[1] ?? '';
    expect(token).toMatch(/^[\w-]{43}$/);
    for (const name of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
      const argv = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
      expect(argv).not.toContain(token);
    }
    expect((await stat(appDir())).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(appDir(), 'instance.json'))).mode & 0o777).toBe(0o600);
    // The used link opens nothing in another browser.
    const reuse = await fetch(`${first.origin}/api/session`, { method: 'POST', headers: { 'X-Atlas-Sso-Token': token } });
    expect(reuse.status).toBe(401);

    // A reload drops the event stream for a moment; the server outlives the grace period.
    await page.reload();
    await page.getByText('Acme Window Test').first().waitFor();
    await sleep(4000);
    expect(isProcessAlive(first.pid)).toBe(true);

    // A second launch opens a window on the running server and exits; still one server.
    launchFromMenu();
    const second = await until('a second window', () => appPages(context, first.origin)[1]);
    await second.getByText('Acme Window Test').first().waitFor({ timeout: 60_000 });
    expect(await readInstance()).toEqual(first);
    expect(await until('the second launcher to exit', async () => ((await uiServers()).length === 1 ? uiServers() : undefined))).toEqual([first.pid]);

    // The size the person gives the window is kept for the next launch.
    const { windowId } = await windowBounds(context, page);
    await (await context.newCDPSession(page)).send('Browser.setWindowBounds', { windowId, bounds: { left: 40, top: 30, width: 900, height: 700 } });
    await until('the window bounds to be saved', async () => {
      const saved = await readFile(path.join(appDir(), 'window.json'), 'utf8').catch(() => '');
      return saved.includes('"width":900') && saved.includes('"height":700') ? saved : undefined;
    });

    // Closing the windows stops the server (after the grace period) and frees the lock.
    for (const open of appPages(context, first.origin)) await open.close();
    await until('the server to stop', () => (isProcessAlive(first.pid) ? undefined : true), 30_000);
    expect(await readInstance()).toBeUndefined();
  } finally {
    await browser.close().catch(() => undefined);
  }

  // The next launch starts a new server and opens the window at the kept size.
  await rm(path.join(profileDir(), 'DevToolsActivePort'), { force: true });
  launchFromMenu();
  const third = await until('the new instance file', readInstance);
  expect(third.pid).not.toBe(first.pid);
  ({ browser, context } = await connectToAppWindow());
  try {
    const page = await until('the app page', () => appPages(context, third.origin)[0]);
    await page.getByText('Acme Window Test').first().waitFor({ timeout: 60_000 });
    expect((await windowBounds(context, page)).bounds).toMatchObject({ width: 900, height: 700 });
    for (const open of appPages(context, third.origin)) await open.close();
    await until('the server to stop', () => (isProcessAlive(third.pid) ? undefined : true), 30_000);
  } finally {
    await browser.close().catch(() => undefined);
  }
}, 240_000);

it('desktop-entry remove takes away exactly what install wrote', async () => {
  const removed = await runCli(['desktop-entry', 'remove'], { env });
  expect(removed.code, removed.stderr).toBe(0);
  await expect(stat(path.join(home, '.local'))).rejects.toThrow();
  expect(await readdir(appDir())).not.toContain('desktop-entry.json');
  const again = await runCli(['desktop-entry', 'remove'], { env });
  expect(again.stdout).toContain('nothing to remove');
});
