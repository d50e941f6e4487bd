import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { isAtlasSsoError } from '../../../core/errors.js';
import { launchInTerminal, terminalAvailability } from '../../../core/mongodb/launch-in-terminal.js';
import type { TerminalLaunchPlan } from '../../../core/mongodb/plan-terminal-launch.js';
import { planTerminalLaunch, scriptPathArg } from '../../../core/mongodb/plan-terminal-launch.js';
import { startAtlasEmulator } from '../../emulators/atlas/server.js';
import { startStsEmulator } from '../../emulators/sts/index.js';
import type { Xvfb } from '../../support/xvfb.js';
import { startXvfb } from '../../support/xvfb.js';

const credentials: TemporaryCredentials = {
  accessKeyId: 'ASIATESTLAUNCH000001',
  secretAccessKey: `launch-secret-${'S'.repeat(26)}`,
  sessionToken: `launch-token-${'T'.repeat(300)}`,
  expiration: new Date('2031-05-06T07:08:09Z'),
};
const uri = 'mongodb://127.0.0.1:27017/?authSource=%24external&authMechanism=MONGODB-AWS';
const startedAt = Date.now();

/** This file's own temp folder, TMPDIR for the test and everything it launches: scans walk it, not all of /tmp. */
let ownTemp = '';
let savedTmpdir: string | undefined;
let xvfb: Xvfb | undefined;
let display = '';
let work = '';
const launched: number[] = [];

/** A stand-in mongosh: records its argv and the keys' hashes (never the keys), then waits to be released. */
async function writeStandIn(folder: string): Promise<string> {
  const file = path.join(folder, 'mongosh');
  await writeFile(file, [
    '#!/bin/sh',
    `cd ${JSON.stringify(folder)}`,
    '{',
    '  printf "argc=%s\\n" "$#"; for a in "$@"; do printf "arg=%s\\n" "$a"; done',
    '  printf "id=%s\\n" "$AWS_ACCESS_KEY_ID"',
    '  printf "secret=%s\\n" "$(printf %s "$AWS_SECRET_ACCESS_KEY" | sha256sum | cut -d" " -f1)"',
    '  printf "token=%s\\n" "$(printf %s "$AWS_SESSION_TOKEN" | sha256sum | cut -d" " -f1)"',
    '  printf "expiration=%s\\n" "$AWS_CREDENTIAL_EXPIRATION"',
    '  printf "profile=%s\\n" "${AWS_PROFILE-unset}"',
    '  printf "pid=%s\\n" "$$"',
    '  printf "tmpdir=%s\\n" "${TMPDIR-unset}"',
    '} > record.partial && mv record.partial record',
    'while [ ! -e release ]; do sleep 0.1; done',
    '',
  ].join('\n'));
  await chmod(file, 0o755);
  return file;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function waitForFile(file: string): Promise<string> {
  for (;;) {
    try {
      return await readFile(file, 'utf8');
    } catch {
      await sleep(50);
    }
  }
}

interface StandInRecord {
  readonly args: readonly string[];
  readonly fields: Readonly<{ [name: string]: string | undefined }>;
}

function recordOf(text: string): StandInRecord {
  const lines = text.trim().split('\n');
  const args = lines.filter((line) => line.startsWith('arg=')).map((line) => line.slice(4));
  const fields = Object.fromEntries(lines.filter((line) => !line.startsWith('arg=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  return { args, fields };
}

/** Every process's argv on this machine that holds `needle` (ours included: the terminal, sh, the stand-in). */
async function processesWithArgvContaining(needle: string): Promise<readonly string[]> {
  const hits: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const argv = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (argv.includes(needle)) hits.push(`${pid}: ${argv.replaceAll('\0', ' ')}`);
  }
  return hits;
}

/** Regular files changed since the test began, under `folder`, that contain `needle`. Tolerates entries that vanish mid-walk (others use /tmp too). */
async function filesContaining(folder: string, needle: string): Promise<readonly string[]> {
  const hits: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      hits.push(...(await filesContaining(file, needle)));
      continue;
    }
    if (!entry.isFile()) continue;
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || info.mtimeMs < startedAt - 1000 || info.size > 5_000_000) continue;
    const content = await readFile(file, 'utf8').catch(() => '');
    if (content.includes(needle)) hits.push(file);
  }
  return hits;
}

async function stopGroup(pid: number): Promise<void> {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i += 1) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

beforeAll(async () => {
  ownTemp = await mkdtemp(path.join(tmpdir(), 'atlas-sso-launch-tests-'));
  savedTmpdir = process.env.TMPDIR;
  // os.tmpdir() reads TMPDIR on each call: core's default temp folder and every child's land here too.
  process.env.TMPDIR = ownTemp;
  xvfb = await startXvfb();
  display = xvfb.display;
});

afterAll(async () => {
  await xvfb?.stop();
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  if (ownTemp !== '') await rm(ownTemp, { recursive: true, force: true });
});

afterEach(async () => {
  for (const pid of launched.splice(0)) await stopGroup(pid);
  if (work !== '') await rm(work, { recursive: true, force: true });
  work = '';
});

async function expectKeysArrivedSafely(record: StandInRecord, scratch: string): Promise<void> {
  expect(record.fields.id).toBe(credentials.accessKeyId);
  expect(record.fields.secret).toBe(sha256(credentials.secretAccessKey));
  expect(record.fields.token).toBe(sha256(credentials.sessionToken));
  expect(record.fields.expiration).toBe('2031-05-06T07:08:09.000Z');
  expect(record.fields.profile).toBe('unset');
  // The launched tree's temp folder is this file's own, so scanning tmpdir() covers what it wrote.
  expect(record.fields.tmpdir).toBe(ownTemp);
  expect(tmpdir()).toBe(ownTemp);
  // Controls: the scans do see the launched tree's argv and a fresh file in the temp folder.
  expect(await processesWithArgvContaining(record.args[0] ?? uri)).not.toEqual([]);
  const marker = `marker-${String(process.pid)}-${String(Date.now())}`;
  await writeFile(path.join(scratch, 'control'), marker);
  expect(await filesContaining(tmpdir(), marker)).toEqual([path.join(scratch, 'control')]);
  await rm(path.join(scratch, 'control'));
  expect(await processesWithArgvContaining(credentials.secretAccessKey)).toEqual([]);
  expect(await processesWithArgvContaining(credentials.sessionToken)).toEqual([]);
  for (const folder of [tmpdir(), scratch]) {
    expect(await filesContaining(folder, credentials.secretAccessKey)).toEqual([]);
    expect(await filesContaining(folder, credentials.sessionToken)).toEqual([]);
  }
}

describe('launchInTerminal with a real xterm on Xvfb', () => {
  it('Linux plan: the keys reach mongosh through its environment, never argv or a file', async () => {
    work = await mkdtemp(path.join(tmpdir(), 'launch-env-'));
    const standIn = await writeStandIn(work);
    const env = { ...process.env, DISPLAY: display, AWS_PROFILE: 'stale-profile' };
    const plan = planTerminalLaunch({ platform: 'linux', env, available: terminalAvailability({ env, platform: 'linux' }), preferred: 'xterm', mongoshPath: standIn, mongoshArgs: [uri, '--quiet'] });
    const result = await launchInTerminal(plan, credentials, { baseEnv: env });
    if (result.pid !== undefined) launched.push(result.pid);
    expect(result.terminal).toBe('xterm');

    const record = recordOf(await waitForFile(path.join(work, 'record')));
    expect(record.args).toEqual([uri, '--quiet']);
    // The stand-in's own environment holds the key: the environment is where it travelled.
    expect(await readFile(`/proc/${record.fields.pid ?? ''}/environ`, 'utf8')).toContain(`AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`);
    await expectKeysArrivedSafely(record, work);
    await writeFile(path.join(work, 'release'), '');
  });

  it('one-shot script plan (the macOS design, run by xterm here): keys pass through the FIFO and the folder is gone', async () => {
    work = await mkdtemp(path.join(tmpdir(), 'launch-fifo-'));
    const scratch = await mkdtemp(path.join(work, 'scratch-'));
    const standIn = await writeStandIn(work);
    const macPlan = planTerminalLaunch({ platform: 'darwin', env: {}, available: () => true, mongoshPath: standIn, mongoshArgs: [uri] });
    // `open -a Terminal script` does not exist on Linux: a real terminal runs the same script instead.
    const plan: TerminalLaunchPlan = { ...macPlan, command: 'xterm', args: ['-e', scriptPathArg], exitsAfterHandOff: false };
    const result = await launchInTerminal(plan, credentials, { baseEnv: { ...process.env, DISPLAY: display, AWS_PROFILE: 'stale-profile' }, tempDir: scratch });
    if (result.pid !== undefined) launched.push(result.pid);

    const record = recordOf(await waitForFile(path.join(work, 'record')));
    expect(record.args).toEqual([uri]);
    await expectKeysArrivedSafely(record, work);
    expect(await readdir(scratch)).toEqual([]);
    await writeFile(path.join(work, 'release'), '');
  });
});

describe('the real mongosh in xterm', () => {
  it('signs in to the Atlas emulator with the keys from its environment', async () => {
    const roleArn = 'arn:aws:iam::123456789012:role/dba';
    const sts = await startStsEmulator({ providers: [], roles: [{ roleArn }] });
    const atlas = await startAtlasEmulator({ stsUrl: sts.url, users: [{ arn: roleArn, roles: [{ role: 'read', db: 'sales' }] }], data: { sales: { orders: [{ sku: 'a-1' }] } } });
    try {
      work = await mkdtemp(path.join(tmpdir(), 'launch-mongosh-'));
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = sts.issueFor(roleArn, 'alice@example.com');
      const keys = { accessKeyId, secretAccessKey, sessionToken, expiration };
      const out = path.join(work, 'status.json');
      const mongoshPath = path.resolve('node_modules/.bin/mongosh');
      const script = `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(db.getSiblingDB('admin').runCommand({ connectionStatus: 1 }).authInfo))`;
      const env = { ...process.env, DISPLAY: display, AWS_PROFILE: 'stale-profile', HOME: work };
      const plan = planTerminalLaunch({ platform: 'linux', env, available: terminalAvailability({ env, platform: 'linux' }), preferred: 'xterm', mongoshPath, mongoshArgs: [atlas.uri, '--quiet', '--norc', '--eval', script] });
      const result = await launchInTerminal(plan, keys, { baseEnv: env });
      if (result.pid !== undefined) launched.push(result.pid);

      const authInfo = JSON.parse(await waitForFile(out)) as { authenticatedUsers: { user: string; db: string }[] };
      expect(authInfo.authenticatedUsers).toEqual([{ user: roleArn, db: '$external' }]);
      expect(atlas.authentications.length).toBeGreaterThan(0);
      expect(await processesWithArgvContaining(secretAccessKey)).toEqual([]);
      // mongosh's own logs and history live under HOME (here: the test folder): none may hold a key.
      for (const folder of [tmpdir(), work, path.join(homedir(), '.mongodb')]) {
        expect(await filesContaining(folder, secretAccessKey)).toEqual([]);
        expect(await filesContaining(folder, sessionToken)).toEqual([]);
      }
    } finally {
      await atlas.close();
      await sts.close();
    }
  });
});

describe('launchInTerminal failures', () => {
  it('gives up when the terminal never runs the script, and removes the private folder', async () => {
    work = await mkdtemp(path.join(tmpdir(), 'launch-timeout-'));
    const plan: TerminalLaunchPlan = { ...planTerminalLaunch({ platform: 'darwin', env: {}, available: () => true, mongoshPath: '/bin/true', mongoshArgs: [] }), command: 'true', args: [scriptPathArg], exitsAfterHandOff: false };
    const error = await launchInTerminal(plan, credentials, { tempDir: work, handOffTimeoutMs: 300 }).then(() => undefined, (failure: unknown) => failure);
    expect(isAtlasSsoError(error, 'mongodb-terminal-launch-failed')).toBe(true);
    expect((error as Error).message).toContain('did not start mongosh');
    expect(await readdir(work)).toEqual([]);
  });

  it('reports a hand-over command that exits with an error (like `open` for a missing app)', async () => {
    work = await mkdtemp(path.join(tmpdir(), 'launch-exit-'));
    const plan: TerminalLaunchPlan = { ...planTerminalLaunch({ platform: 'darwin', env: {}, available: () => true, mongoshPath: '/bin/true', mongoshArgs: [] }), command: 'false' };
    const error = await launchInTerminal(plan, credentials, { tempDir: work }).then(() => undefined, (failure: unknown) => failure);
    expect(isAtlasSsoError(error, 'mongodb-terminal-launch-failed')).toBe(true);
    expect((error as Error).message).toContain('ended with status 1');
    expect(await readdir(work)).toEqual([]);
  });

  it('reports a terminal program that is not installed', async () => {
    const plan: TerminalLaunchPlan = { terminal: 'nope', command: '/nonexistent/terminal', args: [], envSet: {}, envUnset: [], exitsAfterHandOff: false, windowsVerbatimArguments: false };
    const error = await launchInTerminal(plan, credentials).then(() => undefined, (failure: unknown) => failure);
    expect(isAtlasSsoError(error, 'mongodb-terminal-not-found')).toBe(true);
  });

  it('keeps the window open (waits for Enter) only when mongosh fails, and passes its status on', () => {
    const innerCommand = (mongoshPath: string): readonly string[] => planTerminalLaunch({ platform: 'linux', env: { DISPLAY: ':0' }, available: () => true, preferred: 'xterm', mongoshPath, mongoshArgs: [uri] }).args.slice(1);
    const run = (mongoshPath: string): ReturnType<typeof spawnSync> => {
      const [command = '', ...args] = innerCommand(mongoshPath);
      return spawnSync(command, args, { input: '\n', encoding: 'utf8' });
    };
    const failed = run('/bin/false');
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('mongosh ended with status 1. Press Enter to close this window.');
    const succeeded = run('/bin/true');
    expect(succeeded.status).toBe(0);
    expect(succeeded.stdout).toBe('');
  });

  it('finds terminals on PATH and by path', () => {
    const available = terminalAvailability({ env: { PATH: '/usr/bin:/bin' }, platform: 'linux' });
    expect(available('xterm')).toBe(true);
    expect(available('/usr/bin/xterm')).toBe(true);
    expect(available('no-such-terminal')).toBe(false);
  });
});
