/**
 * "Open mongosh" for real: a virtual X display (Xvfb), xterm as the terminal, and the real mongosh (behind a recorder)
 * signing in to the Atlas emulator with the keys the STS emulator issued — which reach it in its environment, never in argv.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { expect, test } from '@playwright/test';
import { quoteForShell } from '../../core/shell/quote.js';
import { demoAccounts, demoRoles } from '../emulators/demo-corp.js';
import type { DemoStack } from '../emulators/demo-stack.js';
import { demoClusterName, startDemoStack } from '../emulators/demo-stack.js';
import { connectionCard, pickRoleByTyping, signInToPicker } from './support/sign-in-flow.js';
import type { UiHost } from './support/ui-host.js';
import { demoTyping, nodeModulesBin, repoRoot, startUiHost } from './support/ui-host.js';

let stack: DemoStack;
let xvfb: ChildProcess | undefined;
let display: string;
let folder: string;
let host: UiHost | undefined;

/** Starts Xvfb on a display it picks itself (-displayfd: no race for a free number) and resolves with ":N". */
async function startXvfb(): Promise<{ readonly child: ChildProcess; readonly display: string }> {
  const child = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x800x24'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    let errors = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    (child.stdio[3] as Readable).setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${String(code)}) before giving a display: ${errors}`)));
  });
  return { child, display: `:${number}` };
}

/** Every process's argv, as any user of this computer can read it. */
async function allArgv(): Promise<readonly string[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const argv = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
  return argv.map((text) => text.replaceAll('\0', ' '));
}

test.beforeAll(async () => {
  stack = await startDemoStack();
  folder = await mkdtemp(join(tmpdir(), 'atlas-sso-open-mongosh-'));
  const started = await startXvfb();
  xvfb = started.child;
  display = started.display;
});

test.afterAll(async () => {
  await host?.stop();
  if (xvfb !== undefined && xvfb.exitCode === null) {
    const exited = new Promise((resolve) => xvfb?.once('exit', resolve));
    xvfb.kill('SIGTERM');
    await exited;
  }
  await rm(folder, { recursive: true, force: true });
  await stack.close();
});

test('"Open mongosh" starts xterm running mongosh on the cluster, with the issued keys in its environment and in no argv', async ({ page }) => {
  const record = join(folder, 'argv-and-env.json');
  const go = join(folder, 'go');
  const result = join(folder, 'connection-status.txt');
  // Settings' mongosh: records what it was given (the stand-in fixture), waits while the test reads every process's
  // argv, then becomes the real mongosh, which signs in with the keys from its environment and prints who it is.
  const mongosh = join(folder, 'mongosh');
  const q = (word: string): string => quoteForShell('bash', word);
  const script = 'JSON.stringify(db.runCommand({ connectionStatus: 1 }).authInfo.authenticatedUsers)';
  await writeFile(
    mongosh,
    [
      '#!/bin/sh',
      `STAND_IN_RECORD=${q(record)} ${q(join(repoRoot, 'test', 'fixtures', 'stand-in-mongosh', 'mongosh'))} "$@" || exit 1`,
      `while [ ! -e ${q(go)} ]; do sleep 0.1; done`,
      'export AWS_EC2_METADATA_DISABLED=true DO_NOT_TRACK=1 MONGOSH_FORCE_DISABLE_TELEMETRY_FOR_TESTING=1',
      `exec ${q(join(nodeModulesBin, 'mongosh'))} "$@" --quiet --norc --eval ${q(script)} > ${q(result)} 2>&1`,
      '',
    ].join('\n'),
  );
  await chmod(mongosh, 0o700);

  const ui = await startUiHost({ stsUrl: stack.sts.url, connections: [stack.connection], settings: { mongoshPath: mongosh, terminal: 'xterm' }, env: { DISPLAY: display } });
  host = ui;
  await page.goto(ui.url);
  await signInToPicker(page, ui, { connection: 'Demo Corp', idpOrigin: stack.idp.url, typing: demoTyping('alice', 'alice-demo') });
  await pickRoleByTyping(page, 'dba');
  const card = connectionCard(page, 'Demo Corp');
  await expect(card).toContainText('Signed in as AtlasDba');

  await card.getByRole('region', { name: demoClusterName }).getByRole('button', { name: 'Open mongosh' }).click();
  await expect(page.locator('.toast', { hasText: 'mongosh opened in xterm.' })).toBeVisible();
  await expect.poll(() => existsSync(record), { timeout: 30_000 }).toBe(true);

  const recorded = JSON.parse(await readFile(record, 'utf8')) as { readonly argv: readonly string[]; readonly environment: Readonly<Record<string, string>> };
  const keys = stack.sts.issued.get(recorded.environment.AWS_ACCESS_KEY_ID ?? '');
  expect(keys?.arn, 'the keys STS issued for AtlasDba').toBe(`arn:aws:sts::${demoAccounts.production}:assumed-role/AtlasDba/alice`);
  expect(recorded.environment).toMatchObject({ AWS_SECRET_ACCESS_KEY: keys?.secretAccessKey, AWS_SESSION_TOKEN: keys?.sessionToken });
  expect(recorded.argv).toEqual([stack.atlas.uri]);

  // xterm, its shell and the waiting mongosh are all alive now: none shows a key in its argv.
  const argv = await allArgv();
  expect(argv.some((line) => line.startsWith('xterm ') && line.includes(mongosh)), 'xterm runs the mongosh from Settings').toBe(true);
  for (const secret of [keys?.accessKeyId ?? 'missing', keys?.secretAccessKey ?? 'missing', keys?.sessionToken ?? 'missing']) {
    expect(argv.filter((line) => line.includes(secret))).toEqual([]);
  }

  await writeFile(go, '');
  await expect.poll(async () => (await readFile(result, 'utf8').catch(() => '')).trim(), { timeout: 60_000 }).toContain('$external');
  const users = (await readFile(result, 'utf8')).trim().split('\n').pop() ?? '';
  expect(JSON.parse(users)).toEqual([{ user: demoRoles.dba.roleArn, db: '$external' }]);
});
