/** Drives `atlas-sso ui`'s app window as a desktop would, for the app-window test and bench: a home, Xvfb, gio launch, DevTools. */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { InstanceRecord } from '../../../core/launch/single-instance.js';
import { instanceRecordSchema, isProcessAlive } from '../../../core/launch/single-instance.js';
import { cliPath } from '../../support/run-cli.js';
import type { Xvfb } from '../../support/xvfb.js';
import { startXvfb } from '../../support/xvfb.js';
import { offlineBrowserArgs } from '../cli/drive-cli-sign-in.js';

export interface DesktopHome {
  readonly home: string;
  /** What the desktop session hands its launchers: a plain PATH, the display, no AWS_*; nothing resolves beyond 127.0.0.1. */
  readonly env: NodeJS.ProcessEnv;
  readonly appDir: string;
  readonly profileDir: string;
  readonly desktopFile: string;
  close(): Promise<void>;
}

/** A throwaway HOME with one saved connection, on a private Xvfb display. */
export async function startDesktopHome(connectionName: string): Promise<DesktopHome> {
  const xvfb: Xvfb = await startXvfb('1280x1024x24');
  const home = await mkdtemp(path.join(tmpdir(), 'atlas-sso-app-window-'));
  const configDir = path.join(home, '.config', 'atlas-sso');
  await mkdir(configDir, { recursive: true });
  await writeFile(path.join(configDir, 'connections.json'), JSON.stringify({ version: 1, connections: [{ id: 'acme', name: connectionName, idpUrl: 'https://idp.example.com/sso/aws' }] }), { mode: 0o600 });
  const appDir = path.join(configDir, 'app-window');
  return {
    home,
    env: {
      PATH: '/usr/bin:/bin',
      HOME: home,
      LANG: 'C.UTF-8',
      DISPLAY: xvfb.display,
      AWS_EC2_METADATA_DISABLED: 'true',
      // The DevTools port (0: Chromium picks one and writes DevToolsActivePort) is a test-only switch to watch the window.
      ATLAS_SSO_TEST_BROWSER_ARGS: JSON.stringify([...(JSON.parse(offlineBrowserArgs) as string[]), '--remote-debugging-port=0']),
    },
    appDir,
    profileDir: path.join(appDir, 'browser-profile'),
    desktopFile: path.join(home, '.local', 'share', 'applications', 'atlas-sso-window.desktop'),
    close: async () => {
      const record = await readInstance(appDir);
      if (record !== undefined && isProcessAlive(record.pid)) process.kill(record.pid, 'SIGTERM');
      await xvfb.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export async function readInstance(appDir: string): Promise<InstanceRecord | undefined> {
  try {
    return instanceRecordSchema.parse(JSON.parse(await readFile(path.join(appDir, 'instance.json'), 'utf8')));
  } catch {
    return undefined;
  }
}

export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, deadlineMs = 60_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Launches the menu entry as a desktop does; gio exits once the program is started. Its output is not piped: the
 * program inherits those pipes and holds them for as long as it runs.
 */
export async function launchFromMenu(desktop: DesktopHome): Promise<void> {
  const gio = spawn('gio', ['launch', desktop.desktopFile], { env: desktop.env, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve, reject) => {
    gio.once('error', reject);
    gio.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`gio launch ${desktop.desktopFile} failed with exit code ${String(code)}`);
}

/** Connects over the app window's DevTools port once its browser listens; the caller closes the connection. */
export async function connectToAppWindow(desktop: DesktopHome): Promise<{ readonly browser: Browser; readonly context: BrowserContext }> {
  const port = await until('the app window to listen for DevTools', async () => {
    const text = await readFile(path.join(desktop.profileDir, 'DevToolsActivePort'), 'utf8').catch(() => '');
    return /^\d+\n/.test(text) ? text.split('\n')[0] : undefined;
  });
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  if (context === undefined) throw new Error('the app window has no browser context');
  return { browser, context };
}

export function appPages(context: BrowserContext, origin: string): readonly Page[] {
  return context.pages().filter((page) => page.url().startsWith(`${origin}/`));
}

/** Resolves once the connection list shows the connection. */
export async function connectionListed(page: Page, connectionName: string): Promise<void> {
  await page.getByRole('list', { name: 'Connections' }).getByRole('heading', { name: connectionName }).waitFor({ timeout: 60_000 });
}

/** Closes every window on the server and waits until it has stopped; `cliPath` is the `atlas-sso` it runs. */
export async function closeAndWaitForStop(context: BrowserContext, record: InstanceRecord): Promise<void> {
  for (const open of appPages(context, record.origin)) await open.close();
  await until(`the server (${cliPath}) to stop`, () => (isProcessAlive(record.pid) ? undefined : true), 30_000);
}
