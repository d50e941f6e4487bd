/**
 * "Open mongosh" for real: a virtual X display (Xvfb), xterm as the terminal, and the real mongosh (behind a recorder)
 * signing in to the Atlas emulator with the keys the STS emulator issued — which reach it in its environment, never in argv.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { quoteForShell } from '../../core/shell/quote.js';
import { demoAccounts, demoRoles } from '../emulators/demo-corp.js';
import type { DemoStack } from '../emulators/demo-stack.js';
import { demoClusterName, startDemoStack } from '../emulators/demo-stack.js';
import { connectionCard, pickRoleByTyping, signInToPicker } from './support/sign-in-flow.js';
import type { UiHost } from './support/ui-host.js';
import { demoTyping, nodeModulesBin, repoRoot, startUiHost } from './support/ui-host.js';
import type { Xvfb } from '../support/xvfb.js';
import { startXvfb } from '../support/xvfb.js';

let stack: DemoStack;
let xvfb: Xvfb | undefined;
let display: string;
let folder: string;
let host: UiHost | undefined;

/** Every process's argv, as any user of this computer can read it. */
async function allArgv(): Promise<readonly string[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const argv = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
  return argv.map((text) => text.replaceAll('\0', ' '));
}

test.beforeAll(async () => {
  stack = await startDemoStack();
  folder = await mkdtemp(join(tmpdir(), 'atlas-sso-open-mongosh-'));
  xvfb = await startXvfb();
  display = xvfb.display;
});

test.afterAll(async () => {
  await host?.stop();
  await xvfb?.stop();
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
