import { execFile, spawn } from 'node:child_process';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasSsoError } from '../../../core/errors.js';
import { testConnection } from '../../../core/mongodb/test-connection.js';
import { cliPath, runCli } from '../../support/run-cli.js';
import type { DemoWorld } from './demo-world.js';
import { mongoshPath, startDemoWorld } from './demo-world.js';

const run = promisify(execFile);
/** Who Atlas says we are, and one query on the sample data the role may read. */
function queryScript(database: 'sales' | 'analytics'): string {
  const query = database === 'sales' ? "db.getSiblingDB('sales').orders.countDocuments({ region: 'EU' })" : "db.getSiblingDB('analytics').events.countDocuments()";
  return `JSON.stringify({ authInfo: db.runCommand({ connectionStatus: 1 }).authInfo, count: ${query} })`;
}
const script = queryScript('sales');
const dba = 'arn:aws:iam::012345678901:role/AtlasDba';
const reader = 'arn:aws:iam::012345678901:role/AtlasReader';

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld();
});
afterAll(async () => {
  await world.close();
});

async function assumeArgs(command: string, role: string): Promise<readonly string[]> {
  return [command, '--saml-response', await world.samlFile(), '--sts-endpoint', world.sts.url, '--role', role];
}

/** The session mongosh printed, checked against what the Atlas emulator recorded for the last sign-in. */
function expectSignedIn(stdout: string, user: string, roles: readonly { readonly role: string; readonly db: string }[], count: number): void {
  const seen = JSON.parse(stdout) as { readonly authInfo: unknown; readonly count: number };
  expect(seen.authInfo).toEqual({ authenticatedUsers: [{ user, db: '$external' }], authenticatedUserRoles: roles });
  expect(seen.count).toBe(count);
  expect(world.atlas.authentications.at(-1)).toEqual({ user, ok: true });
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

/** Every process below `root`, from the parent links in /proc. */
async function descendants(root: number): Promise<readonly number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Field 4 (ppid) comes after the command name in parentheses, which may itself hold spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(ppid)) parents.set(Number(entry), ppid);
  }
  const found: number[] = [];
  const visit = (pid: number): void => {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(root);
  return found;
}

describe('the real mongosh 2.12.0 signs in at the Atlas emulator with the keys from atlas-sso', () => {
  it('(1) through `atlas-sso mongosh -- …`, finding mongosh on PATH', async () => {
    const result = await runCli([...(await assumeArgs('mongosh', 'AtlasDba')), '--cluster', world.atlas.uri, '--', '--quiet', '--norc', '--eval', script], { env: world.env, timeoutMs: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectSignedIn(result.stdout, dba, [{ role: 'readWrite', db: 'sales' }], 2);
  });

  it('(2) through `atlas-sso exec -- mongosh URI …`', async () => {
    const result = await runCli([...(await assumeArgs('exec', 'AtlasReader')), '--', 'mongosh', world.atlas.uri, '--quiet', '--norc', '--eval', script], { env: world.env, timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    expectSignedIn(result.stdout, reader, [{ role: 'read', db: 'sales' }], 2);
  });

  it('(3) through the command `atlas-sso assume --format mongosh --shell bash` prints, run in bash (a profile in the shell is hidden from it)', async () => {
    const printed = await runCli([...(await assumeArgs('assume', 'Analyst')), '--format', 'mongosh', '--shell', 'bash', '--cluster', world.atlas.uri], { env: world.env });
    expect(printed.code).toBe(0);
    const { stdout } = await run('/bin/bash', ['-c', 'eval "$COMMAND --quiet --norc --eval \\"\\$SCRIPT\\""'], {
      env: { ...world.env, COMMAND: printed.stdout.trimEnd(), SCRIPT: queryScript('analytics'), AWS_PROFILE: 'someone-else' },
      timeout: 60_000,
    });
    expectSignedIn(stdout, 'arn:aws:iam::210987654321:role/Analyst', [{ role: 'read', db: 'analytics' }], 1);
  });

  it('(4) through AWS_PROFILE after `atlas-sso assume --write-profile`', async () => {
    const credentialsFile = join(world.folder, 'aws', 'credentials');
    const written = await runCli([...(await assumeArgs('assume', 'AtlasDba')), '--write-profile', 'atlas-dba'], { env: { ...world.env, AWS_SHARED_CREDENTIALS_FILE: credentialsFile } });
    expect(written.code).toBe(0);
    const { stdout } = await run(mongoshPath, [world.atlas.uri, '--quiet', '--norc', '--eval', script], {
      env: { ...world.env, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_PROFILE: 'atlas-dba' },
      timeout: 60_000,
    });
    expectSignedIn(stdout, dba, [{ role: 'readWrite', db: 'sales' }], 2);
  });
});

describe('what the person sees when it fails', () => {
  it("shows mongosh's own 'user not found' for a role with no database user, and exits non-zero", async () => {
    const result = await runCli([...(await assumeArgs('mongosh', 'NoDatabaseUser')), '--cluster', world.atlas.uri, '--', '--quiet', '--norc', '--eval', '1'], { env: world.env, timeoutMs: 60_000 });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('bad auth : user arn:aws:iam::210987654321:role/NoDatabaseUser is not found');
  });

  it('asks to sign in again when the session token was altered, without repeating it', async () => {
    const printed = await runCli([...(await assumeArgs('assume', 'AtlasDba')), '--format', 'json'], { env: world.env });
    const keys = JSON.parse(printed.stdout) as { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string };
    const middle = Math.floor(keys.sessionToken.length / 2);
    const sessionToken = `${keys.sessionToken.slice(0, middle)}${keys.sessionToken[middle] === 'A' ? 'B' : 'A'}${keys.sessionToken.slice(middle + 1)}`;
    const failure = await testConnection({ uri: world.atlas.uri, credentials: { ...keys, sessionToken, expiration: new Date(keys.expiration) } }).then(
      () => undefined,
      (error: unknown) => error as AtlasSsoError,
    );
    expect(failure?.code).toBe('mongodb-auth-failed');
    expect(failure?.message).toMatch(/^Atlas did not accept your AWS keys .*: sign in again\./);
    for (const text of [failure?.message ?? '', failure?.details ?? '']) {
      expect(text).not.toContain(sessionToken);
      expect(text).not.toContain(keys.secretAccessKey);
    }
    expect(world.atlas.authentications.at(-1)).toMatchObject({ ok: false, reason: 'bad auth : aws sts call has response 403' });
  });
});

describe('the keys never appear in a command line', () => {
  it('keeps them out of the argv of atlas-sso and of every process it starts, while mongosh is connected', async () => {
    const ready = join(world.folder, 'mongosh-ready');
    const release = join(world.folder, 'mongosh-release');
    const waiting = `db.runCommand({ ping: 1 }); const fs = require('fs'); fs.writeFileSync(${JSON.stringify(ready)}, 'connected'); while (!fs.existsSync(${JSON.stringify(release)})) sleep(50); 'released'`;
    const saml = await world.samlFile();
    const child = spawn(process.execPath, [cliPath, 'mongosh', '--saml-response', saml, '--sts-endpoint', world.sts.url, '--role', 'AtlasDba', '--cluster', world.atlas.uri, '--', '--quiet', '--norc', '--eval', waiting], { env: world.env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      while (!(await exists(ready))) await sleep(50);
      const pids = [child.pid ?? 0, ...(await descendants(child.pid ?? 0))];
      const secrets = [...world.sts.issued.values()].flatMap((keys) => [keys.secretAccessKey, keys.sessionToken]);
      secrets.push((await readFile(saml, 'utf8')).slice(0, 60));
      const environments: string[] = [];
      for (const pid of pids) {
        const commandLine = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
        for (const secret of secrets) expect(commandLine).not.toContain(secret);
        environments.push(await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => ''));
      }
      expect(pids.length).toBeGreaterThan(1);
      // They travel in the environment of mongosh instead.
      const tokens = [...world.sts.issued.values()].map((keys) => keys.sessionToken);
      expect(environments.some((environment) => tokens.some((token) => environment.includes(`AWS_SESSION_TOKEN=${token}\0`)))).toBe(true);
    } finally {
      await writeFile(release, '');
    }
    expect(await exited).toBe(0);
  });
});
