import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allDemoRoleValues, demoAccounts, demoRoles, startDemoSts } from '../../emulators/demo-corp.js';
import type { IdpEmulator } from '../../emulators/idp/server.js';
import { startIdpEmulator } from '../../emulators/idp/server.js';
import type { SimpleSamlPhp } from '../../emulators/simplesamlphp/server.js';
import { startSimpleSamlPhp } from '../../emulators/simplesamlphp/server.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';
import type { CliRun } from '../../support/run-cli.js';
import { runCli, terminalPath } from '../../support/run-cli.js';
import type { Typing } from './drive-cli-sign-in.js';
import { browserProfilesOf, browserTestEnv, connectToCliBrowser, idpPage, typeCredentials } from './drive-cli-sign-in.js';

const alice: Typing = { usernameSelector: '#username', passwordSelector: '#password', submitSelector: 'button[type=submit]', username: 'alice', password: 'alice-pass' };

let idp: IdpEmulator;
let sts: StsEmulator;
const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-login-'));
const env = {
  ATLAS_SSO_CONFIG: join(folder, 'config', 'connections.json'),
  AWS_SHARED_CREDENTIALS_FILE: join(folder, 'aws', 'credentials'),
  AWS_CONFIG_FILE: join(folder, 'aws', 'config'),
  SHELL: '/bin/bash',
};

beforeAll(async () => {
  idp = await startIdpEmulator({ users: [{ username: 'alice', password: 'alice-pass', roles: allDemoRoleValues }] });
  sts = await startDemoSts();
  const added = await runCli(['connections', 'add', 'Demo', '--idp-url', idp.ssoUrl, '--alias', `${demoAccounts.analytics}=Analytics`], { env });
  expect(added.code).toBe(0);
});

afterAll(async () => {
  await Promise.all([idp.close(), sts.close()]);
  rmSync(folder, { recursive: true, force: true });
});

afterEach(async () => {
  idp.setMode({ kind: 'normal' });
  // The IdP session is kept between runs: each test here starts at the password form.
  expect((await runCli(['connections', 'forget-sign-in', 'demo'], { env })).code).toBe(0);
});

/** Runs `atlas-sso login` while `drive` acts on the IdP page like a person (or leaves it alone when absent). */
async function login(args: readonly string[], drive?: (page: Page) => Promise<void>, options: { readonly stsUrl?: string; readonly idpOrigin?: string; readonly connection?: string } = {}): Promise<CliRun> {
  const run = runCli(['login', '--connection', options.connection ?? 'demo', '--browser', '/usr/bin/chromium', ...args], {
    env: { ...env, AWS_ENDPOINT_URL_STS: options.stsUrl ?? sts.url, ...browserTestEnv() },
    timeoutMs: 60_000,
  });
  let browser: Browser | undefined;
  try {
    if (drive !== undefined) {
      browser = await connectToCliBrowser(browserProfilesOf(env.ATLAS_SSO_CONFIG));
      await drive(await idpPage(browser, options.idpOrigin ?? idp.url));
    }
    return await run;
  } finally {
    await run.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}

function keysOf(run: CliRun): Record<string, unknown> {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe('atlas-sso login with the IdP emulator in headless Chromium', () => {
  it('signs in as the person types, prints the credential_process JSON of keys STS issued, and remembers the role', async () => {
    const run = await login(['--role', 'AtlasDba', '--format', 'credential-process', '--verbose'], (page) => typeCredentials(page, alice));
    const output = keysOf(run);
    expect(Object.keys(output)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    const issued = sts.issued.get(String(output.AccessKeyId));
    expect(issued?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
    expect(output.SecretAccessKey).toBe(issued?.secretAccessKey);
    expect(run.stderr).toContain('Waiting for you to sign in…');
    expect(run.stderr).toContain('Asking AWS STS for temporary keys…');
    expect(run.stderr).not.toContain(issued?.secretAccessKey ?? '<none>');
    const shown = await runCli(['connections', 'show', 'demo', '--json'], { env });
    expect(JSON.parse(shown.stdout)).toMatchObject({ lastRole: demoRoles.dba.roleArn });
  });

  it('takes --duration, --region and --principal like assume', async () => {
    const run = await login(['--role', 'Analyst', '--principal', demoRoles.analyst.principalArn, '--duration', '1800', '--region', 'eu-west-1', '--format', 'json'], (page) => typeCredentials(page, alice));
    expect(keysOf(run)).toMatchObject({ roleArn: demoRoles.analyst.roleArn, principalArn: demoRoles.analyst.principalArn, region: 'eu-west-1', durationSeconds: 1800 });
    // The IdP session from the first run is kept: this one signs in with nobody typing.
    const otherProvider = await login(['--role', 'Analyst', '--principal', demoRoles.dba.principalArn, '--format', 'json']);
    expect(otherProvider.code).toBe(3);
    expect(otherProvider.stderr).toContain(demoRoles.dba.principalArn);
  });

  it('writes a profile the AWS CLI reads back', async () => {
    const run = await login(['--role', demoRoles.analyst.roleArn, '--write-profile', 'analyst'], (page) => typeCredentials(page, alice));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const aws = (key: string): string =>
      execFileSync('/usr/bin/aws', ['configure', 'get', key, '--profile', 'analyst'], { encoding: 'utf8', env: { PATH: terminalPath, HOME: folder, ...env } }).trim();
    const accessKeyId = aws('aws_access_key_id');
    expect(sts.issued.get(accessKeyId)?.arn).toBe('arn:aws:sts::210987654321:assumed-role/Analyst/alice');
    expect(aws('aws_secret_access_key')).toBe(sts.issued.get(accessKeyId)?.secretAccessKey);
  });

  it('keeps waiting after a wrong password: the IdP says so, and the right one then signs in', async () => {
    let errorShown = '';
    const run = await login(['--role', 'AtlasDba', '--format', 'json'], async (page) => {
      await typeCredentials(page, { ...alice, password: 'wrong' });
      errorShown = (await page.locator('.error').textContent({ timeout: 20_000 })) ?? '';
      await typeCredentials(page, alice);
    });
    expect(errorShown).toBe('Incorrect username or password.');
    expect(keysOf(run)).toMatchObject({ roleArn: demoRoles.dba.roleArn });
  });

  it('exits 7 when the person closes the sign-in window', async () => {
    const run = await login(['--role', 'AtlasDba', '--format', 'json'], async (page) => {
      await page.waitForSelector('#password', { timeout: 20_000 });
      await page.close();
    });
    expect(run.code).toBe(7);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('atlas-sso: The sign-in window was closed before sign-in finished.\n');
  });

  it('exits 7 with the time it waited when nobody signs in', async () => {
    const run = await login(['--role', 'AtlasDba', '--format', 'json', '--timeout', '3']);
    expect(run.code).toBe(7);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^atlas-sso: Sign-in did not finish within 3 seconds, so the sign-in window was closed\./);
  });

  it("exits 3 with the IdP's status when the IdP answers with an error status", async () => {
    idp.setMode({ kind: 'error-status', code: 'Responder', message: 'Your account is locked' });
    const run = await login(['--role', 'AtlasDba', '--format', 'json'], (page) => typeCredentials(page, alice));
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Responder/);
    expect(run.stderr).toMatch(/Your account is locked/);
  });

  it('signs in with an assertion at the 100,000-character limit', async () => {
    idp.setMode({ kind: 'huge-assertion' });
    const run = await login(['--role', 'AtlasDba', '--format', 'json'], (page) => typeCredentials(page, alice));
    expect(keysOf(run)).toMatchObject({ roleArn: demoRoles.dba.roleArn });
    expect(sts.issued.get(String(keysOf(run).accessKeyId))?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
  });

  it('says "sign in again" (exit 4) when STS finds the assertion expired', async () => {
    const lateSts = await startDemoSts({ clock: () => new Date(Date.now() + 10 * 60_000) });
    try {
      idp.setMode({ kind: 'short-expiry', seconds: 60 });
      const run = await login(['--role', 'AtlasDba', '--format', 'json'], (page) => typeCredentials(page, alice), { stsUrl: lateSts.url });
      expect(run.code).toBe(4);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/sign in again/i);
      expect(lateSts.issued.size).toBe(0);
    } finally {
      await lateSts.close();
    }
  });

  it('with several roles, no --role and no terminal to pick in, lists the roles by account and says to pass --role', async () => {
    const run = await login(['--format', 'json'], (page) => typeCredentials(page, alice));
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('say which with --role');
    expect(run.stderr).toContain(`Analytics (${demoAccounts.analytics}): ${demoRoles.analyst.roleArn}`);
    expect(run.stderr).toContain(demoRoles.reader.roleArn);
  });

  it('refuses incomplete flags before any browser opens', async () => {
    const signInsBefore = idp.signIns.length;
    const run = await login(['--role', 'AtlasDba', '--cluster', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/has no cluster named "nope"/);
    const none = await login(['--role', 'AtlasDba']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Say what to do with the keys/);
    expect(idp.signIns.length).toBe(signInsBefore);
  });
});

describe('atlas-sso login and the IdP\'s "Keep me signed in", across CLI runs', () => {
  // Connections of their own: their browser profiles keep IdP cookies that the other tests must not inherit.
  beforeAll(async () => {
    for (const name of ['Kept', 'Unticked']) {
      const added = await runCli(['connections', 'add', name, '--idp-url', idp.ssoUrl, '--role', demoRoles.dba.roleArn], { env });
      expect(added.code, added.stderr).toBe(0);
    }
  });

  const keysArgs = ['--format', 'credential-process', '--timeout', '20'];

  it('after the box is ticked, the next run signs in with nobody typing; after forget-sign-in the form is back', async () => {
    const first = keysOf(await login(keysArgs, (page) => typeCredentials(page, { ...alice, keepSignedInSelector: '#keep-signed-in' }), { connection: 'kept' }));
    expect(sts.issued.get(String(first.AccessKeyId))?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
    expect(idp.signIns.at(-1)).toEqual({ username: 'alice', silent: false });

    const beforeSilent = idp.signIns.length;
    const second = keysOf(await login(keysArgs, undefined, { connection: 'kept' }));
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(sts.issued.get(String(second.AccessKeyId))?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
    expect(second.SessionToken).toBe(sts.issued.get(String(second.AccessKeyId))?.sessionToken);
    expect(idp.signIns.slice(beforeSilent)).toEqual([{ username: 'alice', silent: true }]);

    const forgot = await runCli(['connections', 'forget-sign-in', 'Kept'], { env });
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(forgot.stdout).toBe('Forgot the IdP sign-in of "Kept": its next sign-in asks for your password again.\n');
    expect(existsSync(join(folder, 'config', 'browser-profiles', 'kept'))).toBe(false);

    const beforeForgotten = idp.signIns.length;
    const third = await login(['--format', 'json', '--timeout', '3'], undefined, { connection: 'kept' });
    expect(third.code).toBe(7);
    expect(third.stdout).toBe('');
    expect(third.stderr).toMatch(/^atlas-sso: Sign-in did not finish within 3 seconds/);
    expect(idp.signIns.length).toBe(beforeForgotten);
  }, 90_000);

  it('without the box, the next run signs in with nobody typing too: the IdP\'s session cookie is kept between runs', async () => {
    const first = keysOf(await login(keysArgs, (page) => typeCredentials(page, alice), { connection: 'unticked' }));
    expect(sts.issued.get(String(first.AccessKeyId))?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
    expect(existsSync(join(folder, 'config', 'browser-profiles', 'unticked'))).toBe(true);

    const before = idp.signIns.length;
    const second = keysOf(await login(keysArgs, undefined, { connection: 'unticked' }));
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(idp.signIns.slice(before)).toEqual([{ username: 'alice', silent: true }]);
  }, 60_000);

  it('forget-sign-in refuses, with exit 3, a connection that does not exist', async () => {
    const run = await runCli(['connections', 'forget-sign-in', 'nope'], { env });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^atlas-sso: .*"nope"/);
  });
});

describe('atlas-sso login with SimpleSAMLphp in headless Chromium', () => {
  const principalArn = 'arn:aws:iam::012345678901:saml-provider/SimpleSAMLphp';
  const dbaArn = 'arn:aws:iam::012345678901:role/team/dba';
  let ssp: SimpleSamlPhp;
  let sspSts: StsEmulator;

  beforeAll(async () => {
    ssp = await startSimpleSamlPhp({ users: [{ username: 'alice', password: 'alice-pass', roles: [`${dbaArn},${principalArn}`], sessionDuration: 3600 }] });
    sspSts = await startStsEmulator({ providers: [{ principalArn, certificatePem: ssp.certificatePem, issuer: ssp.entityId }], roles: [{ roleArn: dbaArn }] });
    const added = await runCli(['connections', 'add', 'SimpleSAMLphp', '--idp-url', ssp.ssoUrl], { env });
    expect(added.code).toBe(0);
  });

  afterAll(async () => {
    await Promise.all([ssp.close(), sspSts.close()]);
  });

  it('signs in at the real login page and gets keys for its only role', async () => {
    const run = await login(['--format', 'credential-process'], (page) => typeCredentials(page, { ...alice, submitSelector: '#submit_button' }), {
      stsUrl: sspSts.url,
      idpOrigin: ssp.url,
      connection: 'simplesamlphp',
    });
    const output = keysOf(run);
    expect(sspSts.issued.get(String(output.AccessKeyId))?.arn).toBe('arn:aws:sts::012345678901:assumed-role/dba/alice');
    expect(output.SessionToken).toBe(sspSts.issued.get(String(output.AccessKeyId))?.sessionToken);
  });
});
