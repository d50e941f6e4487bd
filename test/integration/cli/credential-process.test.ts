import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasEmulator } from '../../emulators/atlas/index.js';
import { startAtlasEmulator } from '../../emulators/atlas/index.js';
import { allDemoRoleValues, demoRoles, startDemoSts } from '../../emulators/demo-corp.js';
import type { IdpEmulator } from '../../emulators/idp/server.js';
import { startIdpEmulator } from '../../emulators/idp/server.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { runCli } from '../../support/run-cli.js';
import { browserProfilesOf, browserTestEnv, connectToCliBrowser, idpPage, typeCredentials } from './drive-cli-sign-in.js';

const run = promisify(execFile);
const mongosh = fileURLToPath(new URL('../../../node_modules/.bin/mongosh', import.meta.url));

let idp: IdpEmulator;
let sts: StsEmulator;
let atlas: AtlasEmulator;
// A space in every path: the credential_process line must survive botocore's split and the JS SDK's shell.
const folder = mkdtempSync(join(tmpdir(), 'atlas sso cp-'));
const env = {
  ATLAS_SSO_CONFIG: join(folder, 'my config', 'connections.json'),
  AWS_SHARED_CREDENTIALS_FILE: join(folder, 'aws files', 'credentials'),
  AWS_CONFIG_FILE: join(folder, 'aws files', 'config'),
};
let primed: Record<string, unknown>;

/** The AWS tools' environment: no keys of their own, only the profile (and nothing reachable but the emulators). */
function toolEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: folder,
    ...env,
    AWS_PROFILE: 'atlas',
    AWS_EC2_METADATA_DISABLED: 'true',
    MONGOSH_FORCE_DISABLE_TELEMETRY_FOR_TESTING: '1',
    DO_NOT_TRACK: '1',
    CI: '1',
    MONGOSH_SKIP_NODE_VERSION_CHECK: '1',
  };
}

beforeAll(async () => {
  idp = await startIdpEmulator({ users: [{ username: 'alice', password: 'alice-pass', roles: allDemoRoleValues }] });
  sts = await startDemoSts();
  atlas = await startAtlasEmulator({ stsUrl: sts.url, users: [{ arn: demoRoles.dba.roleArn, roles: [{ role: 'read', db: 'sales' }] }], data: { sales: { orders: [{ _id: 1 }, { _id: 2 }] } } });
  expect((await runCli(['connections', 'add', 'Demo', '--idp-url', idp.ssoUrl, '--role', demoRoles.dba.roleArn], { env })).code).toBe(0);
  const setup = await runCli(['setup-profile', '--connection', 'Demo', '--profile', 'atlas'], { env });
  expect(setup.code, setup.stderr).toBe(0);

  // One sign-in, typed like a person, primes the cache.
  const first = runCli(['credential-process', '--connection', 'demo', '--browser', '/usr/bin/chromium'], { env: { ...env, AWS_ENDPOINT_URL_STS: sts.url, ...browserTestEnv() }, timeoutMs: 60_000 });
  let browser: Browser | undefined;
  try {
    browser = await connectToCliBrowser(browserProfilesOf(env.ATLAS_SSO_CONFIG));
    await typeCredentials(await idpPage(browser, idp.url), { usernameSelector: '#username', passwordSelector: '#password', submitSelector: 'button[type=submit]', username: 'alice', password: 'alice-pass' });
    const done = await first;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout.endsWith('}\n') && done.stdout.indexOf('\n') === done.stdout.length - 1).toBe(true);
    primed = JSON.parse(done.stdout) as Record<string, unknown>;
  } finally {
    await first.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
});

afterAll(async () => {
  await Promise.all([idp.close(), sts.close(), atlas.close()]);
  rmSync(folder, { recursive: true, force: true });
});

describe('atlas-sso credential-process', () => {
  it('printed exactly the credential_process JSON of keys STS issued for the default role', () => {
    expect(Object.keys(primed)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(sts.issued.get(String(primed.AccessKeyId))?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
  });

  it('answers the next call from the cache: same keys, no browser, no STS, nothing on stderr', async () => {
    const signIns = idp.signIns.length;
    const stsCalls = sts.requests.length;
    const again = await runCli(['credential-process', '--connection', 'demo', '--timeout', '2'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toEqual(primed);
    expect(idp.signIns.length).toBe(signIns);
    expect(sts.requests.length).toBe(stsCalls);
  });

  it('keeps the cache in 0600 files that hold no key in clear', () => {
    const cacheFolder = join(folder, 'my config', 'keys-cache');
    const files = readdirSync(cacheFolder);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      expect(statSync(join(cacheFolder, file)).mode & 0o777).toBe(0o600);
      const text = readFileSync(join(cacheFolder, file), 'latin1');
      expect(text).not.toContain(String(primed.SecretAccessKey));
      expect(text).not.toContain(String(primed.AccessKeyId));
    }
  });

  it('lets the real AWS CLI sign its STS call with the keys (the emulator checks the SigV4), with no browser', async () => {
    const signIns = idp.signIns.length;
    const { stdout } = await run('/usr/bin/aws', ['sts', 'get-caller-identity', '--endpoint-url', sts.url, '--output', 'json'], { env: toolEnv(), timeout: 60_000 });
    expect(JSON.parse(stdout)).toMatchObject({ Arn: 'arn:aws:sts::012345678901:assumed-role/AtlasDba/alice', Account: '012345678901' });
    expect(idp.signIns.length).toBe(signIns);
  });

  it('lets mongosh authenticate to Atlas with AWS_PROFILE alone (mongosh runs credential_process itself)', async () => {
    const { stdout } = await run(mongosh, [atlas.uri, '--quiet', '--norc', '--eval', 'JSON.stringify(db.runCommand({connectionStatus:1}).authInfo.authenticatedUsers)'], { env: toolEnv(), timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual([{ user: demoRoles.dba.roleArn, db: '$external' }]);
  });

  it('refuses an unknown connection with one line on stderr and nothing on stdout', async () => {
    const missing = await runCli(['credential-process', '--connection', 'nope'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^atlas-sso: There is no connection "nope"\. Saved connections: "Demo" \(demo\)\.\n$/);
  });
});
