import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasEmulator } from '../../emulators/atlas/index.js';
import { loadTestTls, startAtlasEmulator } from '../../emulators/atlas/index.js';
import type { IssuedCredentials, StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';

const run = promisify(execFile);
const mongosh = fileURLToPath(new URL('../../../node_modules/.bin/mongosh', import.meta.url));
const analystRole = 'arn:aws:iam::444455556666:role/analyst';
const users = [{ arn: analystRole, roles: [{ role: 'read' as const, db: 'sales' }] }];
const data = { sales: { orders: [{ _id: 1, region: 'EU', total: 120 }, { _id: 2, region: 'US', total: 80 }, { _id: 3, region: 'EU', total: 45 }] } };

let sts: StsEmulator;
let atlas: AtlasEmulator;
let secureAtlas: AtlasEmulator;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'atlas-mongosh-home-'));
  sts = await startStsEmulator({ providers: [], roles: [] });
  atlas = await startAtlasEmulator({ stsUrl: sts.url, users, data });
  secureAtlas = await startAtlasEmulator({ stsUrl: sts.url, users, data, tls: loadTestTls() });
});

afterAll(async () => {
  await atlas.close();
  await secureAtlas.close();
  await sts.close();
  await rm(home, { recursive: true, force: true });
});

/**
 * Runs the real mongosh with the keys in its environment (never argv), a throw-away HOME, no AWS files,
 * no telemetry and no update check (--quiet), so it talks to nothing but the emulators.
 */
async function runMongosh(uri: string, script: string, keys: IssuedCredentials): Promise<{ readonly stdout: string; readonly stderr: string }> {
  return run(mongosh, [uri, '--quiet', '--norc', '--eval', script], {
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      AWS_SESSION_TOKEN: keys.sessionToken,
      AWS_CONFIG_FILE: join(home, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      MONGOSH_FORCE_DISABLE_TELEMETRY_FOR_TESTING: '1',
      DO_NOT_TRACK: '1',
      CI: '1',
      MONGOSH_SKIP_NODE_VERSION_CHECK: '1',
    },
  });
}

describe('Atlas emulator with the real mongosh 2.12.0', () => {
  it('signs in with AWS keys from the environment and reports the role as the authenticated user', async () => {
    const { stdout, stderr } = await runMongosh(atlas.uri, 'JSON.stringify(db.runCommand({connectionStatus:1}).authInfo)', sts.issueFor(analystRole, 'carol'));
    expect(JSON.parse(stdout)).toEqual({ authenticatedUsers: [{ user: analystRole, db: '$external' }], authenticatedUserRoles: [{ role: 'read', db: 'sales' }] });
    expect(stderr).toBe('');
  });

  it('queries the sample data', async () => {
    const script = "JSON.stringify(db.getSiblingDB('sales').orders.find({region:'EU'},{_id:0}).sort({total:1}).toArray())";
    const { stdout } = await runMongosh(atlas.uri, script, sts.issueFor(analystRole, 'carol'));
    expect(JSON.parse(stdout)).toEqual([{ region: 'EU', total: 45 }, { region: 'EU', total: 120 }]);
  });

  it('connects over TLS with tlsCAFile', async () => {
    const { stdout } = await runMongosh(secureAtlas.uri, "db.getSiblingDB('sales').orders.countDocuments()", sts.issueFor(analystRole, 'carol'));
    expect(stdout.trim()).toBe('3');
  });

  it("fails with Atlas' 'bad auth' message when the secret is wrong, without echoing it", async () => {
    const issued = sts.issueFor(analystRole, 'carol');
    const wrong = { ...issued, secretAccessKey: 'x'.repeat(40) };
    const failure = await runMongosh(atlas.uri, '1', wrong).then(
      () => undefined,
      (error: unknown) => error as { readonly code: number; readonly stderr: string; readonly stdout: string },
    );
    expect(failure?.code).not.toBe(0);
    expect(`${failure?.stdout ?? ''}${failure?.stderr ?? ''}`).toContain('bad auth : aws sts call has response 403');
    expect(failure?.stderr).not.toContain(issued.sessionToken);
  });
});
