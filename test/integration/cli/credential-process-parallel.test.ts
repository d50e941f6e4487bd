/**
 * credential_process called by many programs at once, as AWS CLIs in a loop, SDK scripts and mongosh windows do:
 * 8 real AWS CLIs and 4 Node SDK default chains (what mongosh uses), with one sign-in among them.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { createKeysCache } from '../../../core/credentials/keys-cache.js';
import { createEncryptedFileStore } from '../../../core/credentials/keys-cache-file.js';
import { demoRoles, startDemoSts, allDemoRoleValues } from '../../emulators/demo-corp.js';
import type { IdpEmulator } from '../../emulators/idp/server.js';
import { startIdpEmulator } from '../../emulators/idp/server.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { cliPath, runCli } from '../../support/run-cli.js';
import { browserProfilesOf, browserTestEnv, connectToCliBrowser, idpPage, typeCredentials } from './drive-cli-sign-in.js';

const alice = { usernameSelector: '#username', passwordSelector: '#password', submitSelector: 'button[type=submit]', username: 'alice', password: 'alice-pass' };
const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-cp-parallel-'));
const configFile = join(folder, 'config', 'connections.json');
const env = {
  ATLAS_SSO_CONFIG: configFile,
  AWS_SHARED_CREDENTIALS_FILE: join(folder, 'aws', 'credentials'),
  AWS_CONFIG_FILE: join(folder, 'aws', 'config'),
};
const cacheKey = { connectionId: 'demo', role: demoRoles.dba.roleArn };
const cache = createKeysCache({ stores: [createEncryptedFileStore(join(folder, 'config', 'keys-cache'))] });
const awsCallers = 8;
const sdkCallers = 4;

let idp: IdpEmulator;
let sts: StsEmulator;

beforeAll(async () => {
  idp = await startIdpEmulator({ users: [{ username: 'alice', password: 'alice-pass', roles: allDemoRoleValues }] });
  sts = await startDemoSts();
  const added = await runCli(['connections', 'add', 'Demo', '--idp-url', idp.ssoUrl, '--role', demoRoles.dba.roleArn], { env });
  expect(added.code, added.stderr).toBe(0);
  // The profile a person sets up, with a sign-in timeout short enough that a test that goes wrong ends.
  mkdirSync(dirname(env.AWS_CONFIG_FILE), { recursive: true });
  writeFileSync(env.AWS_CONFIG_FILE, `[profile atlas]\ncredential_process = ${process.execPath} ${cliPath} credential-process --connection demo --timeout 40\nregion = us-east-1\n`);
});

afterAll(async () => {
  await Promise.all([idp.close(), sts.close()]);
  rmSync(folder, { recursive: true, force: true });
});

beforeEach(async () => {
  // Every case starts with no kept IdP session, so its sign-in is one the test types (or refuses to).
  expect((await runCli(['connections', 'forget-sign-in', 'demo'], { env })).code).toBe(0);
});

/** The callers' environment: a terminal's, with only the profile named, and nothing reachable but the emulators. */
function callerEnv(): NodeJS.ProcessEnv {
  return { PATH: '/usr/bin:/bin', HOME: folder, ...env, AWS_PROFILE: 'atlas', AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL_STS: sts.url, ...browserTestEnv() };
}

interface CallerResult {
  readonly who: string;
  readonly code: number;
  readonly keys: Record<string, unknown> | undefined;
  readonly stderr: string;
}

function call(who: string, file: string, args: readonly string[], callerEnvironment: NodeJS.ProcessEnv): Promise<CallerResult> {
  return new Promise((done) => {
    execFile(file, args, { env: callerEnvironment, cwd: resolve('.'), timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ who, code, keys: code === 0 ? (JSON.parse(stdout) as Record<string, unknown>) : undefined, stderr });
    });
  });
}

/** A mongosh-style caller: the Node SDK's default chain, which runs the profile's credential_process. */
const sdkChain = `
const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
const keys = await fromNodeProviderChain()();
process.stdout.write(JSON.stringify({ AccessKeyId: keys.accessKeyId, SecretAccessKey: keys.secretAccessKey, SessionToken: keys.sessionToken }));
`;

/** Starts the 12 callers at once; `drive` acts on the one sign-in window once all 12 are waiting for it. */
async function everyoneAtOnce(drive: (browser: Browser) => Promise<void>): Promise<readonly CallerResult[]> {
  const callers = [
    ...Array.from({ length: awsCallers }, (_, index) => call(`aws ${index}`, '/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'atlas'], callerEnv())),
    ...Array.from({ length: sdkCallers }, (_, index) => call(`sdk ${index}`, process.execPath, ['--input-type=module', '-e', sdkChain], callerEnv())),
  ];
  let browser: Browser | undefined;
  try {
    await waitForCredentialProcesses(awsCallers + sdkCallers);
    browser = await connectToCliBrowser(browserProfilesOf(configFile));
    await drive(browser);
    return await Promise.all(callers);
  } finally {
    await Promise.allSettled(callers);
    await browser?.close().catch(() => undefined);
  }
}

/** Waits until `count` `atlas-sso credential-process` runs of this test are alive (read from /proc: ours only, by their environment). */
async function waitForCredentialProcesses(count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const running = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && isOurCredentialProcess(pid)).length;
    if (running >= count) return;
    if (Date.now() > deadline) throw new Error(`Only ${running} of ${count} credential-process runs started.`);
    await sleep(100);
  }
}

function isOurCredentialProcess(pid: string): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv[0] === process.execPath && argv[1] === cliPath && argv[2] === 'credential-process' && readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`ATLAS_SSO_CONFIG=${configFile}`);
  } catch {
    return false; // gone meanwhile, or not ours to read
  }
}

async function typePassword(browser: Browser): Promise<void> {
  await typeCredentials(await idpPage(browser, idp.url), alice);
}

function expectOneSignInServedAll(results: readonly CallerResult[], signInsBefore: number, stsBefore: number): void {
  for (const result of results) expect(result.code, `${result.who}: ${result.stderr}`).toBe(0);
  expect(idp.signIns.slice(signInsBefore)).toEqual([{ username: 'alice', silent: false }]);
  expect(sts.requests.length - stsBefore).toBe(1);
  const accessKeyIds = new Set(results.map((result) => result.keys?.AccessKeyId));
  expect(accessKeyIds.size).toBe(1);
  const [accessKeyId] = accessKeyIds;
  expect(sts.issued.get(String(accessKeyId))?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
  expect(new Set(results.map((result) => result.keys?.SessionToken)).size).toBe(1);
  process.stdout.write(`${results.length} callers, ${idp.signIns.length - signInsBefore} IdP sign-in, ${new Set(results.map((result) => result.keys?.AccessKeyId)).size} set of keys\n`);
}

function cachedKeys(expiresInMs: number): TemporaryCredentials {
  return { accessKeyId: 'ASIAOLDKEYSFORTHETEST', secretAccessKey: 'old-secret', sessionToken: 'old-token', expiration: new Date(Date.now() + expiresInMs) };
}

describe('credential_process with 8 AWS CLIs and 4 Node SDK chains at once', () => {
  it('against an empty cache: all succeed with the same keys from one sign-in', async () => {
    await cache.forget(cacheKey);
    const [signIns, stsCalls] = [idp.signIns.length, sts.requests.length];
    expectOneSignInServedAll(await everyoneAtOnce(typePassword), signIns, stsCalls);
  }, 180_000);

  it('against expired keys (and keys inside the 10-minute margin): all succeed with the same new keys from one sign-in', async () => {
    for (const expiresIn of [-60_000, 5 * 60_000]) {
      await cache.put(cacheKey, cachedKeys(expiresIn));
      const [signIns, stsCalls] = [idp.signIns.length, sts.requests.length];
      const results = await everyoneAtOnce(typePassword);
      expectOneSignInServedAll(results, signIns, stsCalls);
      expect(results[0]?.keys?.AccessKeyId).not.toBe('ASIAOLDKEYSFORTHETEST');
      await runCli(['connections', 'forget-sign-in', 'demo'], { env });
    }
  }, 360_000);

  it('when the sign-in window is closed: every caller fails with that one message, and none hangs', async () => {
    await cache.forget(cacheKey);
    const signIns = idp.signIns.length;
    const results = await everyoneAtOnce(async (browser) => {
      await (await idpPage(browser, idp.url)).waitForSelector('#password', { timeout: 20_000 });
      // The person closes the window, and with its last window the browser quits.
      await (await browser.newBrowserCDPSession()).send('Browser.close').catch(() => undefined);
    });
    for (const result of results) expect(result.code, result.who).not.toBe(0);
    // The AWS CLI shows credential_process's message; the Node SDK's chain only says it found no credentials.
    for (const result of results.filter(({ who }) => who.startsWith('aws'))) {
      expect(result.stderr, result.who).toContain('atlas-sso: The sign-in window was closed before sign-in finished.');
    }
    for (const result of results.filter(({ who }) => who.startsWith('sdk'))) expect(result.stderr, result.who).toContain('Could not load credentials from any providers');
    expect(idp.signIns.length).toBe(signIns);
    // The closed window stays the answer for 10 s (the SDKs retry at once); a person's next try, like the next test's, comes later.
    const locks = join(dirname(configFile), 'sign-in-locks');
    for (const name of readdirSync(locks).filter((entry) => entry.endsWith('.outcome.json'))) rmSync(join(locks, name));
  }, 180_000);
});

describe('credential_process inside the advisory window (10 to 15 minutes left)', () => {
  it('with no IdP session kept, serves the cached keys as they are with one line on stderr, and opens no browser', async () => {
    const advisory = cachedKeys(12 * 60_000);
    await cache.put(cacheKey, advisory);
    const signIns = idp.signIns.length;
    const run = await runCli(['credential-process', '--connection', 'demo'], { env: { ...env, AWS_ENDPOINT_URL_STS: sts.url, ...browserTestEnv() } });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as Record<string, unknown>).AccessKeyId).toBe(advisory.accessKeyId);
    expect(run.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(run.stderr).toMatch(/expire at .*served as they are.*atlas-sso login --connection demo/);
    expect(idp.signIns.length).toBe(signIns);
  }, 60_000);

  it('with the IdP session kept from a sign-in, renews them silently: new keys, no password, nothing on stderr', async () => {
    await cache.forget(cacheKey);
    const [signIns, stsCalls] = [idp.signIns.length, sts.requests.length];
    expectOneSignInServedAll(await everyoneAtOnce(typePassword), signIns, stsCalls);
    const advisory = cachedKeys(12 * 60_000);
    await cache.put(cacheKey, advisory);
    const beforeSilent = idp.signIns.length;
    const run = await runCli(['credential-process', '--connection', 'demo'], { env: { ...env, AWS_ENDPOINT_URL_STS: sts.url, ...browserTestEnv() }, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const renewed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(renewed.AccessKeyId).not.toBe(advisory.accessKeyId);
    expect(sts.issued.get(String(renewed.AccessKeyId))?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
    expect(idp.signIns.slice(beforeSilent)).toEqual([{ username: 'alice', silent: true }]);
    expect((await cache.get(cacheKey))?.accessKeyId).toBe(renewed.AccessKeyId);
  }, 240_000);
});
