/**
 * `npm run demo` as a newcomer meets it: it starts on the first-run screen, "Try the demo" there adds Demo Corp, and
 * Ctrl-C stops the emulators and closes the terminal windows the demo opened (xterm on a virtual display).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { browserTestEnv, connectToCliBrowser, idpPage, typeCredentials } from '../integration/cli/drive-cli-sign-in.js';
import { checkScreen } from './support/screens.js';
import { connectionCard } from './support/sign-in-flow.js';
import { demoTyping, nodeModulesBin, repoRoot } from './support/ui-host.js';
import type { Xvfb } from '../support/xvfb.js';
import { startXvfb } from '../support/xvfb.js';

let xvfb: Xvfb | undefined;
let home: string | undefined;
let demo: ChildProcess | undefined;

test.afterAll(async () => {
  if (demo !== undefined && demo.exitCode === null && demo.signalCode === null) demo.kill('SIGKILL');
  await xvfb?.stop();
  if (home !== undefined) await rm(home, { recursive: true, force: true });
});

/** Resolves with the first match of `pattern` in what the demo prints. */
function printed(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const listen = (chunk: string): void => {
      text += chunk;
      const match = pattern.exec(text);
      if (match?.[1] !== undefined) {
        child.stdout?.off('data', listen);
        resolve(match[1]);
      }
    };
    child.stdout?.setEncoding('utf8').on('data', listen);
    child.once('exit', (code) => reject(new Error(`The demo exited (${String(code)}) before printing ${String(pattern)}: ${text}`)));
  });
}

/** The login window's profiles folder in the demo's own folder (scripts/demo.ts: `atlas-sso-demo-*` under TMPDIR). */
async function demoBrowserProfiles(demoTemp: string): Promise<string> {
  const folder = (await readdir(demoTemp)).find((name) => name.startsWith('atlas-sso-demo-'));
  if (folder === undefined) throw new Error(`The demo made no folder in ${demoTemp}.`);
  return join(demoTemp, folder, 'browser-profiles');
}

/** xterm windows on this display (their environment names it), by pid. */
async function xtermsOn(display: string): Promise<readonly number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const found = await Promise.all(
    pids.map(async (pid) => {
      const argv = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (!argv.startsWith('xterm\0')) return [];
      const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
      return environ.split('\0').includes(`DISPLAY=${display}`) ? [Number(pid)] : [];
    }),
  );
  return found.flat();
}

test('npm run demo starts on the first-run screen; Ctrl-C closes the mongosh windows it opened', async ({ page }) => {
  test.setTimeout(180_000);
  xvfb = await startXvfb();
  home = await mkdtemp(join(tmpdir(), 'atlas-sso-demo-ctrl-c-'));
  // The demo keeps its files (and the login window's profiles) in a folder of its own under TMPDIR: here, one of the test's.
  const demoTemp = join(home, 'tmp');
  await mkdir(demoTemp);
  // As `npm run demo` runs it, after its setup and build steps (the test run did those).
  demo = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'demo.ts'), '--no-open'], {
    cwd: repoRoot,
    env: { PATH: `${nodeModulesBin}:/usr/bin:/bin`, HOME: home, LANG: 'C.UTF-8', SHELL: '/bin/bash', DISPLAY: xvfb.display, TERMINAL: 'xterm', TMPDIR: demoTemp, ...browserTestEnv() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const idp = printed(demo, /IdP (http:\/\/127\.0\.0\.1:\d+)/);
  const url = await printed(demo, /Atlas SSO: (\S+)/);
  const idpOrigin = await idp;

  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Sign in to MongoDB Atlas with your company account' })).toBeVisible();
  await checkScreen(page, 'demo-01-first-run');
  await page.getByRole('button', { name: 'Try the demo' }).click();
  const card = connectionCard(page, 'Demo Corp');
  await card.getByRole('button', { name: 'Sign in' }).click();
  const browser = await connectToCliBrowser(await demoBrowserProfiles(demoTemp));
  try {
    const login = await idpPage(browser, idpOrigin);
    const closed = login.waitForEvent('close', { timeout: 30_000 });
    await typeCredentials(login, demoTyping('alice', 'alice-demo'));
    await closed;
  } finally {
    await browser.close().catch(() => undefined);
  }
  await expect(page.getByRole('dialog', { name: 'Choose a role for Demo Corp' }).getByRole('combobox', { name: 'Filter roles' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card).toContainText('Signed in as AtlasDba');
  await card.getByRole('button', { name: 'Open mongosh' }).click();
  await expect(page.locator('.toast', { hasText: 'mongosh opened in xterm.' })).toBeVisible();
  await expect.poll(() => xtermsOn(xvfb?.display ?? ''), { timeout: 30_000 }).toHaveLength(1);
  const [window] = await xtermsOn(xvfb.display);

  const exited = new Promise<number | null>((resolve) => demo?.once('exit', resolve));
  demo.kill('SIGINT');
  expect(await exited).toBe(0);
  await expect.poll(() => existsSync(`/proc/${String(window)}`), { timeout: 20_000 }).toBe(false);
});
