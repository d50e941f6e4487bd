import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionsFilePath } from '../../../core/connections/config-path.js';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { openKeysCache } from '../../../core/credentials/open-keys-cache.js';
import { serveWarmKeys, warmCall } from '../../../cli/credential-process-fast.js';
import type { CliRun } from '../../support/run-cli.js';
import { cliPath } from '../../support/run-cli.js';

const run = promisify(execFile);
const dba = 'arn:aws:iam::012345678901:role/AtlasDba';
const reader = 'arn:aws:iam::012345678901:role/AtlasReader';
const aws = '/usr/bin/aws';

// A person's terminal: their own HOME, a plain PATH with this node, no display, no AWS_* of the test runner's.
const home = mkdtempSync(join(tmpdir(), 'atlas-sso-warm-'));
const terminal: NodeJS.ProcessEnv = { HOME: home, PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter), LANG: 'C.UTF-8' };
const connectionsFile = connectionsFilePath({ platform: process.platform, env: terminal, homeDir: home });

async function cli(args: readonly string[]): Promise<CliRun> {
  const child = spawn(process.execPath, [cliPath, ...args], { env: terminal, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, stdout, stderr };
}

function keysLasting(minutes: number, id: string): TemporaryCredentials {
  return { accessKeyId: `ASIAWARM${id}`, secretAccessKey: `secret-${id}`, sessionToken: `token-${id}`.repeat(30), expiration: new Date(Date.now() + minutes * 60_000) };
}

/** The warm path in-process: what it printed, or undefined when it left the call to the full command. */
async function warm(args: readonly string[]): Promise<string | undefined> {
  let printed = '';
  const stdout = new Writable({ write: (chunk: Buffer, _encoding, done) => ((printed += chunk.toString()), done()) });
  const served = await serveWarmKeys(args, { stdout, env: terminal, platform: process.platform });
  expect(served).toBe(printed !== '');
  return served ? printed : undefined;
}

const cache = () => openKeysCache(connectionsFile, process.platform, terminal);

beforeAll(async () => {
  const added = await cli(['connections', 'add', 'Acme Prod', '--idp-url', 'https://idp.example.com/aws', '--role', dba]);
  expect(added.code, added.stderr).toBe(0);
  await cache().put({ connectionId: 'acme-prod', role: dba }, keysLasting(60, 'FRESH'));
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('credential-process on a warm cache', () => {
  it('serves keys with more than 15 minutes left, found by id or name, as the credential_process JSON', async () => {
    const byName = await warm(['--connection', 'ACME prod']);
    expect(JSON.parse(byName ?? '{}')).toMatchObject({ Version: 1, AccessKeyId: 'ASIAWARMFRESH', SecretAccessKey: 'secret-FRESH' });
    expect(await warm(['--connection=acme-prod', '--timeout', '5', '--browser', '/usr/bin/chromium'])).toBe(byName);
    expect(await warm(['--role', dba, '--connection', 'acme-prod'])).toBe(byName);
  });

  it.each([
    ['advisory', 12],
    ['mandatory', 5],
    ['expired', -1],
  ])('leaves %s keys to the full command, which decides about refreshing', async (_stage, minutes) => {
    await cache().put({ connectionId: 'acme-prod', role: reader }, keysLasting(minutes, 'OLD'));
    expect(await warm(['--connection', 'acme-prod', '--role', reader])).toBeUndefined();
  });

  it('leaves anything unusual to the full command: no cached keys, unknown names, other options, bad values', async () => {
    for (const args of [
      ['--connection', 'acme-prod', '--role', 'AtlasOther'],
      ['--connection', 'nope'],
      ['--connection', 'acme-prod', '--verbose'],
      ['--connection', 'acme-prod', '--help'],
      ['--connection', 'acme-prod', '--timeout', '0'],
      ['--connection', 'acme-prod', '--connection', 'acme-prod'],
      ['--connection'],
      ['acme-prod'],
      [],
    ]) {
      expect(await warm(args), args.join(' ')).toBeUndefined();
    }
    expect(warmCall(['--connection', 'acme-prod', '--timeout', '30'])).toEqual({ connection: 'acme-prod' });
  });

  it('answers 8 AWS CLIs at once with the same cached keys (the real aws, through credential_process in ~/.aws/config)', async () => {
    const setup = await cli(['setup-profile', '--connection', 'acme-prod', '--profile', 'atlas']);
    expect(setup.code, setup.stderr).toBe(0);
    const callers = Array.from({ length: 8 }, () =>
      run(aws, ['configure', 'export-credentials', '--profile', 'atlas', '--format', 'process'], { env: { ...terminal, AWS_EC2_METADATA_DISABLED: 'true' }, timeout: 60_000 }),
    );
    const outputs = (await Promise.all(callers)).map(({ stdout }) => JSON.parse(stdout) as Record<string, unknown>);
    for (const output of outputs) expect(output).toEqual(outputs[0]);
    expect(outputs[0]).toMatchObject({ AccessKeyId: 'ASIAWARMFRESH', SecretAccessKey: 'secret-FRESH' });
  });

  it('loads no more of Node than the read needs: none of fs/promises, readline or child_process, which the full command loads', async () => {
    // Every AWS SDK waits on this path at each start; an ES import of node:fs, or the full command, would load these.
    const hook = join(home, 'module-list.cjs');
    const list = join(home, 'modules.txt');
    writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`);
    const modulesOf = async (args: readonly string[]): Promise<{ modules: string[]; stdout: string }> => {
      const child = spawn(process.execPath, ['--require', hook, ...args], { env: terminal, stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      await new Promise((done) => child.on('close', done));
      return { modules: readFileSync(list, 'utf8').split('\n'), stdout };
    };
    // What Node itself loads to run an ES module is not ours to save (Node 22's loader reads files with fs/promises).
    const empty = join(home, 'empty.mjs');
    writeFileSync(empty, '');
    const nodeOwn = (await modulesOf([empty])).modules;
    const slowOnly = ['NativeModule fs/promises', 'NativeModule internal/readline/interface', 'NativeModule child_process'].filter((name) => !nodeOwn.includes(name));
    expect(slowOnly).toContain('NativeModule child_process');
    // The same command for a connection that does not exist takes the full path: it loads them all.
    expect((await modulesOf([cliPath, 'credential-process', '--connection', 'no-such-connection'])).modules).toEqual(expect.arrayContaining(slowOnly));
    const warmRun = await modulesOf([cliPath, 'credential-process', '--connection', 'acme-prod']);
    expect(warmRun.stdout).toContain('"AccessKeyId":"ASIAWARMFRESH"');
    for (const name of slowOnly) expect(warmRun.modules).not.toContain(name);
  });

  it('prints all of the keys when its standard output is a non-blocking pipe that is full when it writes', async () => {
    // The warm path writes to the descriptor itself. A Node parent makes a child's pipe blocking, so the parent here is
    // Python, which hands over the pipe as it is: non-blocking, and filled before the CLI writes.
    const parent = [
      'import json, os, subprocess, sys, time',
      'r, w = os.pipe()',
      'os.set_blocking(w, False)',
      'filled = 0',
      'try:',
      '    while True: filled += os.write(w, b"x" * 4096)',
      'except BlockingIOError: pass',
      'child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)',
      'os.close(w)',
      'time.sleep(1)',
      'received = b"".join(iter(lambda: os.read(r, 65536), b""))',
      'print(json.dumps({"code": child.wait(), "filled": filled, "junk": received[:filled] == b"x" * filled, "rest": received[filled:].decode(), "stderr": child.stderr.read().decode()}))',
    ].join('\n');
    const python = await run('python3', ['-c', parent, process.execPath, cliPath, 'credential-process', '--connection', 'acme-prod'], { env: terminal }).catch((error: unknown) => error as Error);
    if (python instanceof Error && 'code' in python && python.code === 'ENOENT') {
      console.warn('python3 is not installed: the non-blocking stdout case is not checked.');
      return;
    }
    if (python instanceof Error) throw python;
    const result = JSON.parse(python.stdout) as { code: number; filled: number; junk: boolean; rest: string; stderr: string };
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.filled).toBeGreaterThan(0);
    expect(result.junk).toBe(true);
    expect(JSON.parse(result.rest)).toMatchObject({ AccessKeyId: 'ASIAWARMFRESH', SecretAccessKey: 'secret-FRESH' });
  });

  it("keeps Node's compiled code in the user's cache folder between runs", () => {
    if (typeof module.enableCompileCache !== 'function') {
      console.warn(`Node ${process.version} has no compile cache (22.1 and newer have): not checked.`);
      return;
    }
    const folder = join(home, '.cache', 'atlas-sso', 'node-compile-cache');
    expect(existsSync(folder) && readdirSync(folder, { recursive: true }).length > 0).toBe(true);
  });

  it.each([
    ['is cut short', (text: string) => text.slice(0, text.length / 2)],
    ['is from a newer version', (text: string) => text.replace('"version": 1', '"version": 2')],
  ])('says what is wrong when the connections file %s, as every other command does, even with keys cached', async (_damage, damage) => {
    const intact = readFileSync(connectionsFile, 'utf8');
    try {
      writeFileSync(connectionsFile, damage(intact));
      const [viaCredentialProcess, viaList] = await Promise.all([cli(['credential-process', '--connection', 'acme-prod']), cli(['connections', 'list'])]);
      expect(viaCredentialProcess.stdout).toBe('');
      expect(viaCredentialProcess.stderr).toContain(connectionsFile);
      expect(viaCredentialProcess.stderr).toMatch(/not valid JSON|newer Atlas SSO/);
      expect(viaCredentialProcess.stderr).toBe(viaList.stderr);
      expect(viaCredentialProcess.code).toBe(viaList.code);
      expect(viaCredentialProcess.code).not.toBe(0);
    } finally {
      writeFileSync(connectionsFile, intact);
    }
  });
});
