import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasEmulator } from '../../emulators/atlas/index.js';
import { allDemoRoleValues, demoRoles, startDemoAtlas, startDemoSts } from '../../emulators/demo-corp.js';
import type { IdpEmulator } from '../../emulators/idp/server.js';
import { startIdpEmulator } from '../../emulators/idp/server.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import type { CliRun } from '../../support/run-cli.js';
import { runCli } from '../../support/run-cli.js';
import { browserProfilesOf, browserTestEnv, connectToCliBrowser, idpPage, typeCredentials } from './drive-cli-sign-in.js';

// `--connection` on the commands that assume a role: they sign in in the browser exactly as `login` does.
let idp: IdpEmulator;
let sts: StsEmulator;
let atlas: AtlasEmulator;
const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-connection-flag-'));
const env = { ATLAS_SSO_CONFIG: join(folder, 'connections.json'), AWS_SHARED_CREDENTIALS_FILE: join(folder, 'credentials'), AWS_CONFIG_FILE: join(folder, 'config') };

beforeAll(async () => {
  idp = await startIdpEmulator({ users: [{ username: 'alice', password: 'alice-pass', roles: allDemoRoleValues }] });
  sts = await startDemoSts();
  atlas = await startDemoAtlas(sts);
  const added = await runCli(['connections', 'add', 'Demo', '--idp-url', idp.ssoUrl, '--cluster', `Demo cluster=${atlas.uri}`], { env });
  expect(added.code, added.stderr).toBe(0);
});

afterAll(async () => {
  await Promise.all([idp.close(), sts.close(), atlas.close()]);
  rmSync(folder, { recursive: true, force: true });
});

afterEach(async () => {
  // The IdP session is kept between runs: each test here starts at the password form.
  expect((await runCli(['connections', 'forget-sign-in', 'demo'], { env })).code).toBe(0);
});

/** Runs the CLI while a person signs in at the IdP page its browser shows. */
async function withSignIn(args: readonly string[]): Promise<CliRun> {
  const run = runCli([args[0] ?? '', '--browser', '/usr/bin/chromium', ...args.slice(1)], { env: { ...env, AWS_ENDPOINT_URL_STS: sts.url, ...browserTestEnv() }, timeoutMs: 60_000 });
  let browser: Browser | undefined;
  try {
    browser = await connectToCliBrowser(browserProfilesOf(env.ATLAS_SSO_CONFIG));
    await typeCredentials(await idpPage(browser, idp.url), { usernameSelector: '#username', passwordSelector: '#password', submitSelector: 'button[type=submit]', username: 'alice', password: 'alice-pass' });
    return await run;
  } finally {
    await run.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}

describe('--connection instead of --saml-response', () => {
  it('test-connection signs in, finds the saved cluster by name, and reports the database user Atlas sees', async () => {
    const run = await withSignIn(['test-connection', '--connection', 'demo', '--role', 'AtlasDba', '--cluster', 'demo cluster', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, user: demoRoles.dba.roleArn });
    expect(atlas.authentications.at(-1)).toMatchObject({ ok: true, user: demoRoles.dba.roleArn });
    // Remembered beside the connections for the app's role picker, with the cluster's name as given.
    expect(JSON.parse(readFileSync(join(folder, 'atlas-verdicts.json'), 'utf8'))).toMatchObject({ connections: { demo: { [demoRoles.dba.roleArn]: { verdict: 'user-found', cluster: 'demo cluster' } } } });
  });

  it('exec gives the command keys STS issued for the chosen role', async () => {
    const run = await withSignIn(['exec', '--connection', 'demo', '--role', 'Analyst', '--', process.execPath, '-e', 'process.stdout.write(process.env.AWS_ACCESS_KEY_ID ?? "")']);
    expect(run.code, run.stderr).toBe(0);
    expect(sts.issued.get(run.stdout)?.arn).toMatch(/assumed-role\/Analyst\//);
  });

  it('refuses both sources, or neither, before any browser opens', async () => {
    for (const args of [['--connection', 'demo', '--saml-response', '-'], []]) {
      const run = await runCli(['exec', ...args, '--', 'true'], { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/Say where the (keys|sign-in) come/);
    }
  });

  it('refuses an unknown saved cluster name, listing the saved ones, before any browser opens', async () => {
    const run = await runCli(['test-connection', '--connection', 'demo', '--cluster', 'prod'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/has no cluster named "prod" \(it has "Demo cluster"\)/);
  });
});
