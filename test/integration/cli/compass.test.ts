import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { access, mkdir, readFile, rm, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';
import type { DemoWorld } from '../mongosh/demo-world.js';
import { startDemoWorld } from '../mongosh/demo-world.js';

/** Compass cannot be installed here: this stand-in records its argv and AWS_* environment as JSON in $STAND_IN_RECORD. */
const standIn = resolve('test/fixtures/stand-in-compass/mongodb-compass');
const cluster = 'mongodb+srv://bob:hunter2@cluster0.abcde.mongodb.net/?retryWrites=true&appName=Cluster0';
const normalized = 'mongodb+srv://cluster0.abcde.mongodb.net/?retryWrites=true&appName=Cluster0&authSource=%24external&authMechanism=MONGODB-AWS';

let world: DemoWorld;
let record: string;

beforeAll(async () => {
  world = await startDemoWorld();
  record = join(world.folder, 'compass-record.json');
});
afterAll(async () => {
  await world.close();
});
beforeEach(async () => {
  await rm(record, { force: true });
});

interface StandInRecord {
  readonly argv: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

/** Compass runs on its own after the command returns: wait (with a deadline) for the stand-in's record. */
async function recorded(): Promise<StandInRecord> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (await exists(record)) return JSON.parse(await readFile(record, 'utf8')) as StandInRecord;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error('The stand-in Compass never started.');
}

async function compassRun(args: readonly string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof runCli> {
  const saml = await world.samlFile();
  return runCli(['compass', '--saml-response', saml, '--sts-endpoint', world.sts.url, ...args], { env: { ...world.env, STAND_IN_RECORD: record, ...env } });
}

describe('atlas-sso compass', () => {
  it('opens Compass on the credential-free connection string, the keys in its environment only and AWS_PROFILE removed', async () => {
    const run = await compassRun(['--role', 'AtlasDba', '--cluster', cluster, '--compass', standIn], { AWS_PROFILE: 'work' });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Opened MongoDB Compass on cluster0\.abcde\.mongodb\.net \(keys valid until .*quit Compass and run this again\)\.$/m);
    const seen = await recorded();
    expect(seen.argv).toEqual([normalized]);
    const issued = world.sts.issued.get(seen.environment.AWS_ACCESS_KEY_ID ?? '');
    expect(issued?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
    expect(seen.environment).toMatchObject({ AWS_SECRET_ACCESS_KEY: issued?.secretAccessKey, AWS_SESSION_TOKEN: issued?.sessionToken, AWS_REGION: 'us-east-1' });
    expect(seen.environment).not.toHaveProperty('AWS_PROFILE');
    for (const secret of [issued?.secretAccessKey ?? '<none>', issued?.sessionToken ?? '<none>', 'hunter2']) {
      expect(seen.argv.join(' ')).not.toContain(secret);
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
  });

  it('finds mongodb-compass on PATH when --compass is not given', async () => {
    const folder = join(world.folder, 'compass-bin');
    await mkdir(folder, { recursive: true });
    await symlink(standIn, join(folder, 'mongodb-compass')).catch(() => undefined);
    const run = await compassRun(['--role', 'Analyst', '--cluster', world.atlas.uri], { PATH: `${folder}:/usr/bin:/bin` });
    expect(run.stderr).toMatch(/^Opened MongoDB Compass/);
    expect(run.code).toBe(0);
    expect((await recorded()).argv).toEqual([world.atlas.uri]);
  });

  it('says where to get Compass (exit 6) when it is not installed, before spending the sign-in', async () => {
    const before = world.sts.requests.length;
    const run = await compassRun(['--role', 'AtlasDba', '--cluster', world.atlas.uri], { PATH: '/usr/bin:/bin' });
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/^atlas-sso: MongoDB Compass is not installed \(or not where Atlas SSO looks\): install it from https:\/\/www\.mongodb\.com\/try\/download\/compass/);
    expect(world.sts.requests).toHaveLength(before);
  });

  describe('while Compass already runs', () => {
    let running: ChildProcess;
    beforeAll(async () => {
      const runningRecord = join(world.folder, 'running-record.json');
      running = spawn(standIn, [], { env: { PATH: '/usr/bin:/bin', STAND_IN_RECORD: runningRecord, STAND_IN_STAY_SECONDS: '60' }, stdio: 'ignore' });
      for (let waited = 0; waited < 10_000 && !(await exists(runningRecord)); waited += 50) await new Promise((done) => setTimeout(done, 50));
    });
    afterAll(() => {
      running.kill();
    });

    it('says to quit it first, since a running Compass would get the connection without the keys, and spends no sign-in', async () => {
      const before = world.sts.requests.length;
      const run = await compassRun(['--role', 'AtlasDba', '--cluster', world.atlas.uri, '--compass', standIn]);
      expect(run.code).toBe(6);
      expect(run.stderr).toMatch(/^atlas-sso: MongoDB Compass is already running, and a running Compass would get the connection without the keys: quit Compass/);
      expect(world.sts.requests).toHaveLength(before);
      expect(await exists(record)).toBe(false);
    });
  });
});
