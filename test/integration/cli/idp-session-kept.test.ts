/**
 * The IdP's session cookie (SimpleSAMLphp's default: no expiry, so a browser keeps it while it stays open) is kept
 * between CLI runs, so the next `login` and credential_process's refresh ask for no password, until forget-sign-in.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimpleSamlPhp } from '../../emulators/simplesamlphp/server.js';
import { startSimpleSamlPhp } from '../../emulators/simplesamlphp/server.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';
import type { CliRun } from '../../support/run-cli.js';
import { runCli } from '../../support/run-cli.js';
import { browserProfilesOf, browserTestEnv, connectToCliBrowser, idpPage, typeCredentials } from './drive-cli-sign-in.js';

const principalArn = 'arn:aws:iam::012345678901:saml-provider/SimpleSAMLphp';
const dbaArn = 'arn:aws:iam::012345678901:role/team/dba';
const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-idp-session-'));
const env = {
  ATLAS_SSO_CONFIG: join(folder, 'config', 'connections.json'),
  AWS_SHARED_CREDENTIALS_FILE: join(folder, 'aws', 'credentials'),
  AWS_CONFIG_FILE: join(folder, 'aws', 'config'),
};
let ssp: SimpleSamlPhp;
let sts: StsEmulator;
/** Password prompts answered: each time the test found SimpleSAMLphp's form and typed into it. */
let passwordsTyped = 0;

beforeAll(async () => {
  ssp = await startSimpleSamlPhp({ users: [{ username: 'alice', password: 'alice-pass', roles: [`${dbaArn},${principalArn}`], sessionDuration: 3600 }] });
  sts = await startStsEmulator({ providers: [{ principalArn, certificatePem: ssp.certificatePem, issuer: ssp.entityId }], roles: [{ roleArn: dbaArn }] });
  const added = await runCli(['connections', 'add', 'SimpleSAMLphp', '--idp-url', ssp.ssoUrl, '--role', dbaArn], { env });
  expect(added.code, added.stderr).toBe(0);
});

afterAll(async () => {
  await Promise.all([ssp.close(), sts.close()]);
  rmSync(folder, { recursive: true, force: true });
});

/** Runs the command as a terminal would; with `typePassword` the test answers SimpleSAMLphp's form once it shows. */
async function signIn(args: readonly string[], typePassword: boolean): Promise<CliRun> {
  const run = runCli([...args, '--connection', 'simplesamlphp', '--browser', '/usr/bin/chromium', '--timeout', '20'], {
    env: { ...env, PATH: '/usr/bin:/bin', HOME: folder, AWS_ENDPOINT_URL_STS: sts.url, AWS_EC2_METADATA_DISABLED: 'true', ...browserTestEnv() },
    timeoutMs: 60_000,
  });
  let browser: Browser | undefined;
  try {
    if (typePassword) {
      browser = await connectToCliBrowser(browserProfilesOf(env.ATLAS_SSO_CONFIG));
      await typeCredentials(await idpPage(browser, ssp.url), { usernameSelector: '#username', passwordSelector: '#password', submitSelector: '#submit_button', username: 'alice', password: 'alice-pass' });
      passwordsTyped += 1;
    }
    return await run;
  } finally {
    await run.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}

function issuedKeys(run: CliRun): string {
  expect(run.code, run.stderr).toBe(0);
  const accessKeyId = String((JSON.parse(run.stdout) as Record<string, unknown>).AccessKeyId);
  expect(sts.issued.get(accessKeyId)?.arn).toBe('arn:aws:sts::012345678901:assumed-role/dba/alice');
  return accessKeyId;
}

describe('the IdP session between CLI sign-ins, with SimpleSAMLphp in its default configuration', () => {
  it('the second login and credential_process sign in with no password; after forget-sign-in the password is asked again', async () => {
    const login = ['login', '--format', 'credential-process'];
    const first = issuedKeys(await signIn(login, true));
    expect(passwordsTyped).toBe(1);

    // Nobody types: with the cookie dropped these would time out on the password form.
    const second = issuedKeys(await signIn(login, false));
    expect(second).not.toBe(first);
    // Signing out takes the cached keys, not the IdP session: credential_process's next run signs in again, silently.
    expect((await runCli(['logout', '--connection', 'simplesamlphp'], { env })).code).toBe(0);
    const refreshed = issuedKeys(await signIn(['credential-process'], false));
    expect(new Set([first, second, refreshed]).size).toBe(3);
    expect(passwordsTyped).toBe(1);

    // The session rests encrypted in 0600 files, its cookie names and values nowhere in clear.
    const cacheFolder = join(folder, 'config', 'idp-sessions');
    expect(readdirSync(cacheFolder).length).toBeGreaterThanOrEqual(2);
    for (const file of readdirSync(cacheFolder)) {
      expect(statSync(join(cacheFolder, file)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(cacheFolder, file), 'latin1')).not.toMatch(/SimpleSAML|PHPSESSID/);
    }

    const forgot = await runCli(['connections', 'forget-sign-in', 'simplesamlphp'], { env });
    expect(forgot.code, forgot.stderr).toBe(0);
    const nobodyTyping = await signIn(login, false);
    expect(nobodyTyping.code).toBe(7);
    expect(nobodyTyping.stderr).toMatch(/^atlas-sso: Sign-in did not finish within 20 seconds/);
    issuedKeys(await signIn(login, true));
    expect(passwordsTyped).toBe(2);
    process.stdout.write(`SimpleSAMLphp: 5 sign-in attempts, ${passwordsTyped} passwords typed\n`);
  }, 300_000);
});
