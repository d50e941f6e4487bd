// `atlas-sso desktop-entry install`, then the menu entry launched as a desktop would (gio launch) under Xvfb: the app
// window shows the connection list, survives a reload, stays one server when launched twice, remembers its size, and
// closing it stops the server. Playwright watches over the app window's own DevTools port (a test-only switch).
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isProcessAlive } from '../../../core/launch/single-instance.js';
import { cliPath, runCli } from '../../support/run-cli.js';
import type { DesktopHome } from './app-window-driver.js';
import { appPages, closeAndWaitForStop, connectionListed, connectToAppWindow, launchFromMenu, readInstance, startDesktopHome, until } from './app-window-driver.js';

const connectionName = 'Acme Window Test';
let desktop: DesktopHome;

beforeAll(async () => {
  desktop = await startDesktopHome(connectionName);
});

afterAll(async () => {
  await desktop.close();
});

/** The `atlas-sso ui` servers running for this test's HOME (their environment says so). */
async function uiServers(): Promise<readonly number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = (await readFile(`/proc/${name}/cmdline`, 'utf8')).split('\0');
      const environ = (await readFile(`/proc/${name}/environ`, 'utf8')).split('\0');
      if (argv.includes(cliPath) && argv.includes('ui') && environ.includes(`HOME=${desktop.home}`)) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function windowBounds(context: BrowserContext, page: Page): Promise<{ readonly windowId: number; readonly bounds: { readonly width?: number; readonly height?: number } }> {
  const session = await context.newCDPSession(page);
  return await session.send('Browser.getWindowForTarget');
}

it('desktop-entry install writes an XDG entry that desktop-file-validate accepts, with the icon in the hicolor sizes', async () => {
  const installed = await runCli(['desktop-entry', 'install'], { env: desktop.env });
  expect(installed.code, installed.stderr).toBe(0);
  const validated = spawnSync('desktop-file-validate', [desktop.desktopFile], { encoding: 'utf8' });
  expect(`${validated.stdout}${validated.stderr}`).toBe('');
  expect(validated.status).toBe(0);
  const entry = await readFile(desktop.desktopFile, 'utf8');
  expect(entry).toContain(`Exec=${process.execPath} ${cliPath} ui\n`);
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
    const icon = await readFile(path.join(desktop.home, '.local', 'share', 'icons', 'hicolor', `${size}x${size}`, 'apps', 'atlas-sso-window.png'));
    expect(icon.readUInt32BE(16)).toBe(size);
  }
});

it('launched from the menu: an app window shows the connection list, a reload keeps the server, a second launch reuses it, the size is kept, closing stops it', async () => {
  const started = Date.now();
  await launchFromMenu(desktop);
  const first = await until('the instance file', () => readInstance(desktop.appDir));
  let { browser, context } = await connectToAppWindow(desktop);
  try {
    const page = await until('the app page', () => appPages(context, first.origin)[0]);
    await connectionListed(page, connectionName);
    console.log(`launcher → connection list: ${Date.now() - started} ms`);

    // The one-time token is gone from the address, the page lives on a session kept in its tab (no cookie, which every
    // port of 127.0.0.1 would be sent), and no argv holds a token.
    expect(page.url()).toBe(`${first.origin}/`);
    expect(await context.cookies(first.origin)).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.getItem('atlas-sso-session'))).toMatch(/^[\w-]{43}$/);
    const launcher = await readFile(path.join(desktop.appDir, 'open-atlas-sso.html'), 'utf8');
    const token = /#token=([\w-]+)/.exec(launcher)?.[1] ?? '';
    expect(token).toMatch(/^[\w-]{43}$/);
    for (const name of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
      const argv = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
      expect(argv).not.toContain(token);
    }
    expect((await stat(desktop.appDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(desktop.appDir, 'instance.json'))).mode & 0o777).toBe(0o600);
    // The used link opens nothing in another browser.
    const reuse = await fetch(`${first.origin}/api/session`, { method: 'POST', headers: { 'X-Atlas-Sso-Token': token } });
    expect(reuse.status).toBe(401);

    // A reload drops the event stream for a moment; the server outlives the grace period.
    await page.reload();
    await connectionListed(page, connectionName);
    await sleep(4000);
    expect(isProcessAlive(first.pid)).toBe(true);

    // A second launch opens a window on the running server and exits; still one server.
    await launchFromMenu(desktop);
    const second = await until('a second window', () => appPages(context, first.origin)[1]);
    await connectionListed(second, connectionName);
    expect(await readInstance(desktop.appDir)).toEqual(first);
    expect(await until('the second launcher to exit', async () => ((await uiServers()).length === 1 ? uiServers() : undefined))).toEqual([first.pid]);

    // The size the person gives the window is kept for the next launch.
    const { windowId } = await windowBounds(context, page);
    await (await context.newCDPSession(page)).send('Browser.setWindowBounds', { windowId, bounds: { left: 40, top: 30, width: 900, height: 700 } });
    await until('the window bounds to be saved', async () => {
      const saved = await readFile(path.join(desktop.appDir, 'window.json'), 'utf8').catch(() => '');
      return saved.includes('"width":900') && saved.includes('"height":700') ? saved : undefined;
    });

    // Closing the windows stops the server (after the grace period) and frees the lock.
    await closeAndWaitForStop(context, first);
    expect(await readInstance(desktop.appDir)).toBeUndefined();
  } finally {
    await browser.close().catch(() => undefined);
  }

  // The next launch starts a new server and opens the window at the kept size.
  await rm(path.join(desktop.profileDir, 'DevToolsActivePort'), { force: true });
  await launchFromMenu(desktop);
  const third = await until('the new instance file', () => readInstance(desktop.appDir));
  expect(third.pid).not.toBe(first.pid);
  ({ browser, context } = await connectToAppWindow(desktop));
  try {
    const page = await until('the app page', () => appPages(context, third.origin)[0]);
    await connectionListed(page, connectionName);
    expect((await windowBounds(context, page)).bounds).toMatchObject({ width: 900, height: 700 });
    await closeAndWaitForStop(context, third);
  } finally {
    await browser.close().catch(() => undefined);
  }
}, 240_000);

it('desktop-entry remove takes away exactly what install wrote', async () => {
  const removed = await runCli(['desktop-entry', 'remove'], { env: desktop.env });
  expect(removed.code, removed.stderr).toBe(0);
  await expect(stat(path.join(desktop.home, '.local'))).rejects.toThrow();
  expect(await readdir(desktop.appDir)).not.toContain('desktop-entry.json');
  const again = await runCli(['desktop-entry', 'remove'], { env: desktop.env });
  expect(again.stdout).toContain('nothing to remove');
});
