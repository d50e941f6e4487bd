import { spawn } from 'node:child_process';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, runCli, terminalPath } from '../../support/run-cli.js';
import type { DemoWorld } from '../mongosh/demo-world.js';
import { startDemoWorld } from '../mongosh/demo-world.js';

let world: DemoWorld;

/** The world's environment as a person's terminal has it: no node_modules/.bin on PATH. */
function terminalWorldEnv(): Readonly<Record<string, string>> {
  return { ...world.env, PATH: terminalPath };
}

beforeAll(async () => {
  world = await startDemoWorld();
});
afterAll(async () => {
  await world.close();
});

async function assumeArgs(role: string): Promise<readonly string[]> {
  return ['exec', '--saml-response', await world.samlFile(), '--sts-endpoint', world.sts.url, '--role', role];
}

/** Prints the AWS_* variables the command sees, as JSON. */
const printAwsEnv = ['node', '-e', 'console.log(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => /^aws_/i.test(k)))))'];

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

async function waitForFile(file: string): Promise<void> {
  while (!(await exists(file))) await sleep(50);
}

/** True while `signal` waits for delivery to `pid` (the SigPnd and ShdPnd masks of /proc/PID/status). */
async function signalPending(pid: number, signal: number): Promise<boolean> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return ['SigPnd', 'ShdPnd'].some((field) => {
    const mask = BigInt(`0x${new RegExp(`^${field}:\\s*([0-9a-f]+)$`, 'm').exec(status)?.[1] ?? '0'}`);
    return ((mask >> BigInt(signal - 1)) & 1n) === 1n;
  });
}

describe('atlas-sso exec', () => {
  it('runs the command with the keys, the region and no competing credential source in its environment', async () => {
    const run = await runCli([...(await assumeArgs('AtlasDba')), '--', ...printAwsEnv], {
      env: { ...terminalWorldEnv(), AWS_PROFILE: 'work', AWS_DEFAULT_PROFILE: 'old', AWS_SESSION_TOKEN: 'stale-token', AWS_ROLE_ARN: 'arn:aws:iam::1:role/x' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const seen = JSON.parse(run.stdout) as Record<string, string>;
    const issued = world.sts.issued.get(seen.AWS_ACCESS_KEY_ID ?? '');
    expect(issued?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
    expect(seen).toMatchObject({ AWS_SECRET_ACCESS_KEY: issued?.secretAccessKey, AWS_SESSION_TOKEN: issued?.sessionToken, AWS_REGION: 'us-east-1' });
    // STS sends the expiry to the second.
    expect(Math.abs(Date.parse(seen.AWS_CREDENTIAL_EXPIRATION ?? '') - (issued?.expiration.getTime() ?? 0))).toBeLessThan(1000);
    for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ROLE_ARN']) expect(seen).not.toHaveProperty(name);
    // What the person's own settings say about files stays.
    expect(seen.AWS_SHARED_CREDENTIALS_FILE).toBe(terminalWorldEnv().AWS_SHARED_CREDENTIALS_FILE);
  });

  it('passes the exit status through, and a signal death as 128 + its number', async () => {
    expect((await runCli([...(await assumeArgs('Analyst')), '--', 'sh', '-c', 'exit 7'], { env: terminalWorldEnv() })).code).toBe(7);
    expect((await runCli([...(await assumeArgs('Analyst')), '--', 'sh', '-c', 'kill -TERM $$'], { env: terminalWorldEnv() })).code).toBe(143);
  });

  it('shares its standard input, output and error with the command', async () => {
    const run = await runCli([...(await assumeArgs('Analyst')), '--', 'sh', '-c', 'read line; echo "out:$line"; echo "err:$line" >&2'], { env: terminalWorldEnv(), stdin: 'hello\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('out:hello\n');
    expect(run.stderr).toBe('err:hello\n');
  });

  it('says "command not found" and exits 127 like a shell, before spending the sign-in at STS', async () => {
    const before = world.sts.requests.length;
    const run = await runCli([...(await assumeArgs('Analyst')), '--', 'no-such-command-atlas-sso', '--flag'], { env: terminalWorldEnv() });
    expect(run.code).toBe(127);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('atlas-sso: command not found: no-such-command-atlas-sso (nothing was signed in)\n');
    expect(world.sts.requests.length).toBe(before);
  });

  it('exits 127 for a path that does not exist, as a shell does', async () => {
    const run = await runCli([...(await assumeArgs('Analyst')), '--', join(world.folder, 'missing', 'tool')], { env: terminalWorldEnv() });
    expect(run.code).toBe(127);
    expect(run.stderr).toMatch(/^atlas-sso: command not found: .*missing\/tool\n$/);
  });

  it('exits 126 for a file that is not executable', async () => {
    const file = join(world.folder, 'not-executable.sh');
    await writeFile(file, 'echo hi\n', { mode: 0o644 });
    const run = await runCli([...(await assumeArgs('Analyst')), '--', file], { env: terminalWorldEnv() });
    expect(run.code).toBe(126);
    expect(run.stderr).toMatch(/^atlas-sso: .*not-executable\.sh cannot be run \(EACCES\)/);
  });

  it('passes SIGTERM on to the command and exits with its status', async () => {
    const ready = join(world.folder, 'term-ready');
    const child = spawn(process.execPath, [cliPath, ...(await assumeArgs('Analyst')), '--', 'sh', '-c', `trap 'exit 42' TERM; touch ${ready}; while :; do sleep 0.05; done`], { env: terminalWorldEnv(), stdio: 'ignore' });
    const code = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitForFile(ready);
      child.kill('SIGTERM');
      expect(await code).toBe(42);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('passes on a SIGINT sent to atlas-sso alone only when it repeats (a terminal already sends Ctrl+C to the command too)', async () => {
    const ready = join(world.folder, 'int-ready');
    const release = join(world.folder, 'int-release');
    const heard = join(world.folder, 'int-heard');
    const child = spawn(process.execPath, [cliPath, ...(await assumeArgs('Analyst')), '--', 'sh', '-c', `trap 'echo int >> ${heard}' INT; touch ${ready}; while [ ! -e ${release} ]; do sleep 0.05; done`], { env: terminalWorldEnv(), stdio: 'ignore' });
    const code = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitForFile(ready);
      child.kill('SIGINT');
      // Two signals pending at once would merge into one: wait until the kernel has delivered the first.
      while (await signalPending(child.pid ?? 0, 2)) await sleep(20);
      child.kill('SIGINT');
      await waitForFile(heard);
      await writeFile(release, '');
      expect(await code).toBe(0);
      expect(await readFile(heard, 'utf8')).toBe('int\n');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('never starts the command when the role cannot be assumed', async () => {
    const marker = join(world.folder, 'ran');
    const run = await runCli([...(await assumeArgs('Admin')), '--', 'touch', marker], { env: terminalWorldEnv() });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/does not grant the role "Admin"/);
    expect(await exists(marker)).toBe(false);
  });

  it('needs the command to run', async () => {
    const run = await runCli([...(await assumeArgs('Analyst'))], { env: terminalWorldEnv() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing required argument 'command'/);
  });

  it('gives options after -- to the command, not to atlas-sso', async () => {
    const run = await runCli([...(await assumeArgs('Analyst')), '--', 'node', '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', '--', '--verbose', '--role', 'x', '--help'], { env: terminalWorldEnv() });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(['--verbose', '--role', 'x', '--help']);
  });
});
