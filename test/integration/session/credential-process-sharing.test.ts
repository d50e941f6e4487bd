import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConnectionStore } from '../../../core/connections/connection-store.js';
import { openKeysCache } from '../../../core/credentials/open-keys-cache.js';
import type { LoginBrowser } from '../../../core/login/login-browser.js';
import type { SessionService } from '../../../core/session/session-service.js';
import { createSessionService } from '../../../core/session/session-service.js';
import { demoRoles, roleAttributeValue, startDemoSts } from '../../emulators/demo-corp.js';
import { buildSamlResponseBase64 } from '../../emulators/idp/saml-response.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { runCli } from '../../support/run-cli.js';

const run = promisify(execFile);

let sts: StsEmulator;
let folder: string;
let env: Record<string, string>;
let service: SessionService | undefined;

/** The IdP step stands in (the Chromium one is tested elsewhere): a signed assertion the STS emulator checks. */
const loginBrowser: LoginBrowser = {
  capture: () =>
    Promise.resolve({
      samlResponse: buildSamlResponseBase64({ roles: [demoRoles.dba, demoRoles.reader].map((role) => roleAttributeValue(role)), subject: 'alice@demo.test' }),
      relayState: null,
      acsUrl: 'https://signin.aws.amazon.com/saml',
    }),
  forget: () => Promise.resolve(),
};

function startApp(): SessionService {
  const store = createConnectionStore(env.ATLAS_SSO_CONFIG ?? '');
  service = createSessionService({
    store,
    loginBrowser,
    terminal: { open: () => Promise.resolve({ terminal: 'none' }) },
    env: { ...env, AWS_ENDPOINT_URL_STS: sts.url },
    platform: 'linux',
    appVersion: '0.0.0-test',
    host: 'browser',
    credentialProcessKeys: openKeysCache(store.filePath, 'linux', env),
  });
  return service;
}

async function signIn(app: SessionService, roleArn: string): Promise<void> {
  await app.signIn({ connectionId: 'demo' });
  await app.pickRole({ connectionId: 'demo', roleArn });
}

/** The real AWS CLI with AWS_PROFILE alone: it runs our credential_process, which may not open any browser here. */
async function awsCallerArn(profile: string): Promise<string> {
  const { stdout } = await run('/usr/bin/aws', ['sts', 'get-caller-identity', '--endpoint-url', sts.url, '--output', 'json'], {
    env: { PATH: process.env.PATH, HOME: folder, ...env, AWS_PROFILE: profile, AWS_EC2_METADATA_DISABLED: 'true' },
    timeout: 60_000,
  });
  return String((JSON.parse(stdout) as { Arn?: unknown }).Arn);
}

const cachedKeys = (role: string) => openKeysCache(env.ATLAS_SSO_CONFIG ?? '', 'linux', env).get({ connectionId: 'demo', role });

beforeAll(async () => {
  sts = await startDemoSts();
});

afterAll(async () => {
  await sts.close();
});

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'atlas-sso-sharing-'));
  // No D-Bus session: the OS keychain is out of reach, so the shared cache is the encrypted files beside the connections.
  env = { ATLAS_SSO_CONFIG: join(folder, 'connections.json'), AWS_CONFIG_FILE: join(folder, 'aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(folder, 'aws', 'credentials'), HOME: folder };
  const added = await runCli(['connections', 'add', 'Demo', '--idp-url', 'https://idp.demo.test/sso/aws'], { env });
  expect(added.code, added.stderr).toBe(0);
});

afterEach(() => {
  service?.close();
  service = undefined;
  rmSync(folder, { recursive: true, force: true });
});

describe('a sign-in in the app, shared with credential-process', () => {
  it('serves an AWS profile set up for the same connection and role, by ARN or by name, without a second sign-in', async () => {
    for (const [profile, role] of [['by-arn', demoRoles.dba.roleArn], ['by-name', 'AtlasDba']] as const) {
      const setup = await runCli(['setup-profile', '--connection', 'demo', '--profile', profile, '--role', role], { env });
      expect(setup.code, setup.stderr).toBe(0);
    }
    const app = startApp();
    await signIn(app, demoRoles.dba.roleArn);
    const issued = [...sts.issued.values()].at(-1);
    expect(issued?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice@demo.test');
    const stsCalls = sts.requests.filter((request) => request.action === 'AssumeRoleWithSAML').length;
    expect(await awsCallerArn('by-arn')).toBe(issued?.arn);
    expect(await awsCallerArn('by-name')).toBe(issued?.arn);
    // The AWS CLI's calls were answered with the app's keys: nobody assumed a role again.
    expect(sts.requests.filter((request) => request.action === 'AssumeRoleWithSAML').length).toBe(stsCalls);
  });

  it('wipes the shared keys when the person signs out, and keeps them when the app only quits', async () => {
    await runCli(['setup-profile', '--connection', 'demo', '--profile', 'atlas', '--role', demoRoles.dba.roleArn], { env });
    const app = startApp();
    await signIn(app, demoRoles.dba.roleArn);
    expect(await cachedKeys(demoRoles.dba.roleArn)).toBeDefined();
    await app.signOut({ connectionId: 'demo' });
    await expect.poll(() => cachedKeys(demoRoles.dba.roleArn)).toBeUndefined();

    await signIn(app, demoRoles.dba.roleArn);
    app.close();
    expect(await cachedKeys(demoRoles.dba.roleArn)).toBeDefined();
  });

  it('wipes them with the connection when the person removes it', async () => {
    await runCli(['setup-profile', '--connection', 'demo', '--profile', 'atlas', '--role', 'AtlasDba'], { env });
    const app = startApp();
    await signIn(app, demoRoles.dba.roleArn);
    expect(await cachedKeys('AtlasDba')).toBeDefined();
    await app.removeConnection({ connectionId: 'demo' });
    expect(await cachedKeys('AtlasDba')).toBeUndefined();
  });

  it('keeps no keys at rest for a connection and role no AWS profile uses', async () => {
    await runCli(['setup-profile', '--connection', 'demo', '--profile', 'reader', '--role', demoRoles.reader.roleArn], { env });
    const app = startApp();
    await signIn(app, demoRoles.dba.roleArn);
    expect(await cachedKeys(demoRoles.dba.roleArn)).toBeUndefined();
    expect(await cachedKeys(demoRoles.reader.roleArn)).toBeUndefined();
    expect(existsSync(join(folder, 'keys-cache'))).toBe(false);
  });
});
