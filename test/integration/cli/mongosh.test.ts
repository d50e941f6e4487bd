import { access, chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attackerKey } from '../../emulators/idp/saml-response.js';
import { runCli, terminalPath } from '../../support/run-cli.js';
import type { DemoWorld } from '../mongosh/demo-world.js';
import { startDemoWorld } from '../mongosh/demo-world.js';

/** Records its argv and AWS_* environment as JSON in $STAND_IN_RECORD. */
const standIn = resolve('test/fixtures/stand-in-mongosh/mongosh');
const cluster = 'mongodb+srv://bob:hunter2@cluster0.abcde.mongodb.net/?retryWrites=true&appName=Cluster0';
const normalized = 'mongodb+srv://cluster0.abcde.mongodb.net/?retryWrites=true&appName=Cluster0&authSource=%24external&authMechanism=MONGODB-AWS';

let world: DemoWorld;

/** The world's environment as a person's terminal has it: no node_modules/.bin on PATH. */
function terminalWorldEnv(): Readonly<Record<string, string>> {
  return { ...world.env, PATH: terminalPath };
}
let record: string;

beforeAll(async () => {
  world = await startDemoWorld();
  record = join(world.folder, 'stand-in-record.json');
});
afterAll(async () => {
  await world.close();
});
beforeEach(async () => {
  await rm(record, { force: true });
});

async function mongoshRun(args: readonly string[], options: { readonly env?: NodeJS.ProcessEnv; readonly spec?: Parameters<DemoWorld['samlFile']>[0] } = {}): ReturnType<typeof runCli> {
  const saml = await world.samlFile(options.spec);
  return runCli(['mongosh', '--saml-response', saml, '--sts-endpoint', world.sts.url, ...args], { env: { ...terminalWorldEnv(), STAND_IN_RECORD: record, ...options.env } });
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

interface StandInRecord {
  readonly argv: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
}

describe('atlas-sso mongosh', () => {
  it('runs mongosh on the normalized cluster with the arguments after --, and the keys in its environment only', async () => {
    const run = await mongoshRun(['--role', 'AtlasDba', '--cluster', cluster, '--mongosh', standIn, '--', '--quiet', '--eval', 'db.stats()'], { env: { AWS_PROFILE: 'work' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: Removed the user name and password/m);
    const seen = JSON.parse(await readFile(record, 'utf8')) as StandInRecord;
    expect(seen.argv).toEqual([normalized, '--quiet', '--eval', 'db.stats()']);
    const issued = world.sts.issued.get(seen.environment.AWS_ACCESS_KEY_ID ?? '');
    expect(issued?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
    expect(seen.environment).toMatchObject({ AWS_SECRET_ACCESS_KEY: issued?.secretAccessKey, AWS_SESSION_TOKEN: issued?.sessionToken, AWS_REGION: 'us-east-1' });
    expect(seen.environment).not.toHaveProperty('AWS_PROFILE');
    expect(run.stdout + run.stderr).not.toContain(issued?.secretAccessKey ?? '<none>');
  });

  it("exits with mongosh's own status", async () => {
    const failing = join(world.folder, 'failing-mongosh');
    await writeFile(failing, '#!/bin/sh\nexit 9\n');
    await chmod(failing, 0o755);
    const run = await mongoshRun(['--role', 'Analyst', '--cluster', world.atlas.uri, '--mongosh', failing]);
    expect(run.code).toBe(9);
  });

  it('finds mongosh on PATH when --mongosh is not given', async () => {
    const folder = join(world.folder, 'bin');
    await mkdir(folder, { recursive: true });
    const onPath = join(folder, 'mongosh');
    await writeFile(onPath, `#!/bin/sh\nexec ${standIn} "$@"\n`);
    await chmod(onPath, 0o755);
    const run = await mongoshRun(['--role', 'Analyst', '--cluster', world.atlas.uri], { env: { PATH: `${folder}:/usr/bin:/bin` } });
    expect(run.code).toBe(0);
    expect((JSON.parse(await readFile(record, 'utf8')) as StandInRecord).argv[0]).toBe(world.atlas.uri);
  });

  it.each([
    ['no mongosh anywhere', [] as readonly string[], /^atlas-sso: mongosh is not installed \(or not where Atlas SSO looks\): install it from https:\/\/www\.mongodb\.com\/try\/download\/shell/],
    ['a --mongosh path that does not exist', ['--mongosh', '/nonexistent/mongosh'], /^atlas-sso: The mongosh set in Settings \(\/nonexistent\/mongosh\) does not exist or is not executable/],
  ])('says how to get mongosh (exit 6) for %s, before spending the sign-in', async (_name, extra, sentence) => {
    const before = world.sts.requests.length;
    const run = await mongoshRun(['--role', 'AtlasDba', '--cluster', world.atlas.uri, ...extra], { env: { PATH: '/usr/bin:/bin' } });
    expect(run.code).toBe(6);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(sentence);
    expect(world.sts.requests).toHaveLength(before);
  });

  it.each([
    ['a tampered signature', { key: attackerKey }, /do not trust each other/],
    ['an expired sign-in', { issueInstant: new Date(Date.now() - 3_600_000), notOnOrAfter: new Date(Date.now() - 3_300_000) }, /sign in again/],
  ])('refuses %s with the STS sentence and never starts mongosh', async (_name, spec, sentence) => {
    const marker = join(world.folder, 'never-started');
    const run = await mongoshRun(['--role', 'AtlasDba', '--cluster', world.atlas.uri, '--mongosh', standIn], { spec, env: { STAND_IN_RECORD: marker } });
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n').find((line) => line.startsWith('atlas-sso: '))).toMatch(sentence);
    expect(await exists(marker)).toBe(false);
  });

  it('explains that no window can open without a graphical session, before spending the sign-in', async () => {
    const before = world.sts.requests.length;
    const run = await mongoshRun(['--role', 'AtlasDba', '--cluster', world.atlas.uri, '--mongosh', standIn, '--new-window'], { env: { DISPLAY: '', WAYLAND_DISPLAY: '' } });
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/^atlas-sso: There is no graphical session here \(DISPLAY and WAYLAND_DISPLAY are unset\)/);
    expect(world.sts.requests).toHaveLength(before);
  });

  it('needs the cluster', async () => {
    const run = await mongoshRun(['--role', 'AtlasDba', '--mongosh', standIn]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '--cluster <uri>' not specified/);
  });
});
