import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openKeysCache } from '../../../core/credentials/open-keys-cache.js';
import type { BrowserMode } from '../../../server/main.js';
import { startBrowserMode } from '../../../server/main.js';
import { demoRoles } from '../../emulators/demo-corp.js';
import type { DemoStack } from '../../emulators/demo-stack.js';
import { startDemoStack } from '../../emulators/demo-stack.js';
import { chromiumExecutable, testChromiumArgs, typeIntoIdpWhenAsked } from '../../emulators/idp/test-chromium.js';
import { runCli } from '../../support/run-cli.js';

const run = promisify(execFile);
const connectionId = 'demo-corp';

let stack: DemoStack;
let folder: string;
let env: Record<string, string>;
let app: BrowserMode | undefined;

/** The app as `atlas-sso ui` starts it, signing in at the IdP emulator in Chromium, with the STS emulator behind. */
async function startApp(): Promise<BrowserMode> {
  app = await startBrowserMode({
    env: { ...env, ...stack.env },
    platform: 'linux',
    uiDir: folder,
    login: { executablePath: chromiumExecutable, headless: true, extraArgs: testChromiumArgs, onPage: typeIntoIdpWhenAsked('alice', 'alice-demo') },
  });
  return app;
}

async function signIn(started: BrowserMode, roleArn: string): Promise<void> {
  await started.service.signIn({ connectionId });
  await started.service.pickRole({ connectionId, roleArn });
}

/** The real AWS CLI with AWS_PROFILE alone: it runs our credential_process (which has no browser it could open here). */
async function awsCallerArn(profile: string): Promise<string> {
  const { stdout } = await run('/usr/bin/aws', ['sts', 'get-caller-identity', '--endpoint-url', stack.sts.url, '--output', 'json'], {
    env: { PATH: process.env.PATH, ...env, AWS_PROFILE: profile, AWS_EC2_METADATA_DISABLED: 'true' },
    timeout: 60_000,
  });
  return String((JSON.parse(stdout) as { Arn?: unknown }).Arn);
}

const cachedKeys = (role: string) => openKeysCache(env.ATLAS_SSO_CONFIG ?? '', 'linux', env).get({ connectionId, role });
const assumeCalls = (): number => stack.sts.requests.filter((request) => request.action === 'AssumeRoleWithSAML').length;

async function setupProfile(profile: string, role: string): Promise<void> {
  const setup = await runCli(['setup-profile', '--connection', connectionId, '--profile', profile, '--role', role], { env });
  expect(setup.code, setup.stderr).toBe(0);
}

beforeAll(async () => {
  stack = await startDemoStack();
});

afterAll(async () => {
  await stack.close();
});

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'atlas-sso-sharing-'));
  // No D-Bus session: the OS keychain is out of reach, so the shared cache is the encrypted files beside the connections.
  env = { HOME: folder, ATLAS_SSO_CONFIG: join(folder, 'connections.json'), AWS_CONFIG_FILE: join(folder, 'aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(folder, 'aws', 'credentials') };
  const { name, idpUrl } = stack.connection;
  const added = await runCli(['connections', 'add', name, '--idp-url', idpUrl], { env });
  expect(added.code, added.stderr).toBe(0);
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  rmSync(folder, { recursive: true, force: true });
});

describe('a sign-in in the app, shared with credential-process', () => {
  it('serves an AWS profile set up for the same connection and role, by ARN or by name, without a second sign-in', async () => {
    await setupProfile('by-arn', demoRoles.dba.roleArn);
    await setupProfile('by-name', 'AtlasDba');
    await signIn(await startApp(), demoRoles.dba.roleArn);
    const issued = [...stack.sts.issued.values()].at(-1);
    expect(issued?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
    const calls = assumeCalls();
    expect(await awsCallerArn('by-arn')).toBe(issued?.arn);
    expect(await awsCallerArn('by-name')).toBe(issued?.arn);
    // The AWS CLI's calls were answered with the app's keys: nobody assumed a role again.
    expect(assumeCalls()).toBe(calls);
  });

  it('wipes the shared keys when the person signs out, and keeps them when the app only quits', async () => {
    await setupProfile('atlas', demoRoles.dba.roleArn);
    const started = await startApp();
    await signIn(started, demoRoles.dba.roleArn);
    expect(await cachedKeys(demoRoles.dba.roleArn)).toBeDefined();
    await started.service.signOut({ connectionId });
    await expect.poll(() => cachedKeys(demoRoles.dba.roleArn)).toBeUndefined();

    await signIn(started, demoRoles.dba.roleArn);
    await started.close();
    app = undefined;
    expect(await cachedKeys(demoRoles.dba.roleArn)).toBeDefined();
  });

  it('wipes them with the connection when the person removes it', async () => {
    await setupProfile('atlas', 'AtlasDba');
    const started = await startApp();
    await signIn(started, demoRoles.dba.roleArn);
    expect(await cachedKeys('AtlasDba')).toBeDefined();
    await started.service.removeConnection({ connectionId });
    expect(await cachedKeys('AtlasDba')).toBeUndefined();
  });

  it('keeps no keys at rest for a connection and role no AWS profile uses', async () => {
    await setupProfile('reader', demoRoles.reader.roleArn);
    await signIn(await startApp(), demoRoles.dba.roleArn);
    expect(await cachedKeys(demoRoles.dba.roleArn)).toBeUndefined();
    expect(await cachedKeys(demoRoles.reader.roleArn)).toBeUndefined();
    expect(readdirSync(folder)).not.toContain('keys-cache');
  });
});
