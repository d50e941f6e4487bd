/** "Check my identity" behind the app: a session's keys and the machine's own chain, diagnosed against the Demo Corp STS and Atlas emulators. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnectionStore } from '../../../core/connections/connection-store.js';
import type { AtlasSsoError } from '../../../core/errors.js';
import { diagnoseIdentity } from '../../../core/identity/diagnose-identity.js';
import type { LoginBrowser } from '../../../core/login/login-browser.js';
import { parseParams } from '../../../core/session/api-dispatch.js';
import type { SessionService } from '../../../core/session/session-service.js';
import { createSessionService } from '../../../core/session/session-service.js';
import type { AtlasEmulator } from '../../emulators/atlas/index.js';
import { demoAccounts, demoRoles, roleAttributeValue, startDemoAtlas, startDemoSts } from '../../emulators/demo-corp.js';
import { buildSamlResponseBase64 } from '../../emulators/idp/saml-response.js';
import type { StsEmulator } from '../../emulators/sts/index.js';

/** The LoginBrowser seam: hands back a response signed by the Demo Corp IdP key, as the real window would after the person signed in. */
const signedResponseBrowser: LoginBrowser = {
  capture: () => {
    const roles = [demoRoles.dba, demoRoles.noDbUser].map((role) => roleAttributeValue(role));
    return Promise.resolve({ samlResponse: buildSamlResponseBase64({ roles, subject: 'alice@demo.test', roleSessionName: 'alice' }), relayState: null, acsUrl: 'https://signin.aws.amazon.com/saml' });
  },
  forget: () => Promise.resolve(),
};

let sts: StsEmulator;
let atlas: AtlasEmulator;
let folder: string;
let service: SessionService;

beforeAll(async () => {
  sts = await startDemoSts();
  atlas = await startDemoAtlas(sts);
});

afterAll(async () => {
  await atlas.close();
  await sts.close();
});

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-check-identity-'));
  const store = createConnectionStore(path.join(folder, 'connections.json'));
  await store.add({ id: 'demo', name: 'Demo Corp', idpUrl: 'https://idp.demo.test/sso/aws', clusters: [{ name: 'Demo cluster', uri: atlas.uri }] });
  // The machine's chain is read from this process's environment: no AWS files, no metadata service, keys only where a test puts them.
  vi.stubEnv('AWS_ENDPOINT_URL_STS', sts.url);
  vi.stubEnv('AWS_CONFIG_FILE', path.join(folder, 'aws-config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(folder, 'aws-credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  for (const name of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_REGION', 'AWS_DEFAULT_REGION']) {
    vi.stubEnv(name, undefined);
  }
  service = createSessionService({
    store,
    loginBrowser: signedResponseBrowser,
    terminal: { open: () => Promise.reject(new Error('no terminal in these tests')) },
    env: process.env,
    platform: 'linux',
    appVersion: '0.0.0-test',
    host: 'browser',
    diagnoseIdentity,
  });
});

afterEach(async () => {
  service.close();
  vi.unstubAllEnvs();
  await rm(folder, { recursive: true, force: true });
});

async function signedInAs(roleArn: string) {
  await service.signIn({ connectionId: 'demo' });
  return await service.pickRole({ connectionId: 'demo', roleArn });
}

async function failure(promise: Promise<unknown>): Promise<AtlasSsoError> {
  return await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as AtlasSsoError,
  );
}

describe('checkIdentity for a signed-in session', () => {
  it('names the caller, the Atlas user to create and the expiry, and holds no key', async () => {
    const summary = await signedInAs(demoRoles.dba.roleArn);
    const check = await service.checkIdentity({ target: { kind: 'session', connectionId: 'demo' } });
    expect(check).toEqual({
      target: 'session',
      source: 'session',
      sourceLabel: 'your Atlas SSO session on "Demo Corp"',
      detail: null,
      steps: [],
      callerArn: `arn:aws:sts::${demoAccounts.production}:assumed-role/AtlasDba/alice`,
      accountId: demoAccounts.production,
      atlasUser: { arn: demoRoles.dba.roleArn, kind: 'role', place: 'Atlas → Database Access → Add New Database User → AWS IAM → IAM Role' },
      expiresAt: summary.expiresAt,
      cluster: null,
      problem: null,
      warnings: [],
    });
    const keys = await service.revealKeys({ connectionId: 'demo' });
    const text = JSON.stringify(check);
    expect(text).not.toContain(keys.secretAccessKey);
    expect(text).not.toContain(keys.sessionToken);
    expect(text).not.toContain(keys.accessKeyId);
  });

  it('signs in to a saved cluster and says who Atlas took the keys for', async () => {
    await signedInAs(demoRoles.dba.roleArn);
    const check = await service.checkIdentity({ target: { kind: 'session', connectionId: 'demo', clusterName: 'Demo cluster' } });
    expect(check.problem).toBeNull();
    expect(check.cluster).toEqual({ address: atlas.uri.replace(/^mongodb:\/\/([^/?]+).*$/, '$1'), user: demoRoles.dba.roleArn, roles: [{ role: 'readWrite', db: 'sales' }], serverVersion: expect.any(String) as unknown });
  });

  it('names exactly the ARN to add when the cluster has no database user for the role', async () => {
    await signedInAs(demoRoles.noDbUser.roleArn);
    const check = await service.checkIdentity({ target: { kind: 'session', connectionId: 'demo', clusterName: 'demo cluster' } });
    expect(check.atlasUser?.arn).toBe(demoRoles.noDbUser.roleArn);
    expect(check.cluster?.user).toBeNull();
    expect(check.problem).toEqual({
      code: 'mongodb-no-database-user',
      message: `Atlas sees you as arn:aws:sts::${demoAccounts.analytics}:assumed-role/NoDatabaseUser/alice and has no database user for it: add ${demoRoles.noDbUser.roleArn} in Atlas → Database Access → Add New Database User → AWS IAM → IAM Role.`,
    });
  });

  it('refuses when signed out, and names the saved clusters for an unknown one', async () => {
    expect((await failure(service.checkIdentity({ target: { kind: 'session', connectionId: 'demo' } }))).code).toBe('session-signed-out');
    await signedInAs(demoRoles.dba.roleArn);
    const unknown = await failure(service.checkIdentity({ target: { kind: 'session', connectionId: 'demo', clusterName: 'Prod' } }));
    expect(unknown.code).toBe('input-invalid');
    expect(unknown.message).toContain('"Demo cluster"');
  });
});

describe("checkIdentity for this computer's credentials", () => {
  it('reports keys in the environment: the source, the caller, the Atlas user, and the cluster sign-in', async () => {
    const keys = sts.issueFor(demoRoles.reader.roleArn, 'ci-runner');
    vi.stubEnv('AWS_ACCESS_KEY_ID', keys.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', keys.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', keys.sessionToken);
    const check = await service.checkIdentity({ target: { kind: 'machine', clusterUri: atlas.uri } });
    expect(check).toMatchObject({
      target: 'machine',
      source: 'environment',
      sourceLabel: 'keys in environment variables (AWS_ACCESS_KEY_ID)',
      steps: [{ source: 'environment', label: 'keys in environment variables (AWS_ACCESS_KEY_ID)', outcome: 'answered', reason: null, stopsChain: false }],
      callerArn: `arn:aws:sts::${demoAccounts.production}:assumed-role/AtlasReader/ci-runner`,
      // Atlas drops the role's path (team/): the user to create is the role by its name.
      atlasUser: { arn: `arn:aws:iam::${demoAccounts.production}:role/AtlasReader`, kind: 'role' },
      cluster: { user: `arn:aws:iam::${demoAccounts.production}:role/AtlasReader`, roles: [{ role: 'read', db: 'sales' }] },
      problem: null,
    });
    const text = JSON.stringify(check);
    expect(text).not.toContain(keys.secretAccessKey);
    expect(text).not.toContain(keys.sessionToken);
  });

  it('lists every source tried when none answers, without asking the disabled metadata service', async () => {
    const check = await service.checkIdentity({ target: { kind: 'machine' } });
    expect(check.source).toBeNull();
    expect(check.callerArn).toBeNull();
    expect(check.problem?.code).toBe('identity-no-credentials');
    expect(check.steps.map((step) => [step.source, step.outcome])).toEqual([
      ['environment', 'not-configured'],
      ['sso', 'not-configured'],
      ['shared-files', 'not-configured'],
      ['credential-process', 'not-configured'],
      ['web-identity', 'not-configured'],
      ['container', 'not-configured'],
      ['instance-metadata', 'not-configured'],
    ]);
    expect(check.steps.at(-1)?.reason).toBe('AWS_EC2_METADATA_DISABLED is set');
  });

  it('refuses a connection string that is not one, before looking for credentials', async () => {
    expect((await failure(service.checkIdentity({ target: { kind: 'machine', clusterUri: 'https://cloud.mongodb.com' } }))).code).toBe('mongodb-invalid-connection-string');
  });
});

describe('checkIdentity params', () => {
  it('take a session or the machine, and nothing else', () => {
    expect(parseParams('checkIdentity', { target: { kind: 'session', connectionId: 'demo', clusterName: 'Demo cluster' } }).ok).toBe(true);
    expect(parseParams('checkIdentity', { target: { kind: 'machine' } }).ok).toBe(true);
    expect(parseParams('checkIdentity', { target: { kind: 'machine', connectionId: 'demo' } }).ok).toBe(false);
    expect(parseParams('checkIdentity', { target: { kind: 'keys', accessKeyId: 'AKIA' } }).ok).toBe(false);
  });
});
