import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRoles } from '../../emulators/demo-corp.js';
import type { IssuedCredentials } from '../../emulators/sts/index.js';
import { cliPath, runCli, terminalPath } from '../../support/run-cli.js';
import type { IdentityWorld } from '../identity/identity-world.js';
import { serviceAccount, startIdentityWorld } from '../identity/identity-world.js';
import { mongoshPath } from '../mongosh/demo-world.js';

const run = promisify(execFile);
const dba = 'arn:aws:iam::012345678901:role/AtlasDba';
const reader = 'arn:aws:iam::012345678901:role/AtlasReader';
const analyst = 'arn:aws:iam::210987654321:role/Analyst';
const noDbUser = 'arn:aws:iam::210987654321:role/NoDatabaseUser';
const whoAmIScript = 'db.runCommand({ connectionStatus: 1 }).authInfo.authenticatedUsers[0].user';

let world: IdentityWorld;

/** The world's environment as a person's terminal has it: no node_modules/.bin on PATH. */
function terminalWorldEnv(): Readonly<Record<string, string>> {
  return { ...world.env, PATH: terminalPath };
}

beforeAll(async () => {
  world = await startIdentityWorld();
});
afterAll(async () => {
  await world.close();
});

interface WhoamiJson {
  readonly source: string | null;
  readonly detail: string | null;
  readonly steps: readonly { readonly source: string; readonly outcome: string; readonly reason: string | null }[];
  readonly callerArn: string | null;
  readonly atlasUser: { readonly arn: string; readonly kind: string } | null;
  readonly expiration: string | null;
  readonly cluster: { readonly user: string | null; readonly roles: readonly string[] } | null;
  readonly problem: { readonly code: string; readonly message: string } | null;
}

async function whoami(env: Readonly<Record<string, string>>, extra: readonly string[] = []): Promise<{ readonly code: number | null; readonly json: WhoamiJson; readonly stdout: string; readonly stderr: string }> {
  const result = await runCli(['whoami', '--json', ...extra], { env: { ...terminalWorldEnv(), ...env } });
  return { ...result, json: JSON.parse(result.stdout) as WhoamiJson };
}

/** The real mongosh, resolving credentials with its own AWS SDK chain from `env`; prints who Atlas signed it in as. */
async function mongoshSignsInAs(env: Readonly<Record<string, string>>): Promise<string> {
  const { stdout } = await run(mongoshPath, [world.atlas.uri, '--quiet', '--eval', whoAmIScript], { env: { ...terminalWorldEnv(), ...env }, timeout: 60_000 });
  return stdout.trim();
}

function keysEnv(keys: IssuedCredentials): Readonly<Record<string, string>> {
  return { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey, AWS_SESSION_TOKEN: keys.sessionToken };
}

function expectNoSecret(output: string, keys: Pick<IssuedCredentials, 'secretAccessKey' | 'sessionToken'>): void {
  expect(output).not.toContain(keys.secretAccessKey);
  expect(output).not.toContain(keys.sessionToken);
}

async function ecsEnv(): Promise<Readonly<Record<string, string>>> {
  return { AWS_CONTAINER_CREDENTIALS_FULL_URI: world.ecs.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: await world.file('ecs-token', world.ecs.authorizationToken) };
}

function ec2Env(): Readonly<Record<string, string>> {
  return { AWS_EC2_METADATA_DISABLED: 'false', AWS_EC2_METADATA_SERVICE_ENDPOINT: world.imds.endpoint };
}

async function eksEnv(roleArn: string, token = world.issuer.token({ subject: serviceAccount })): Promise<Readonly<Record<string, string>>> {
  return { AWS_WEB_IDENTITY_TOKEN_FILE: await world.file(`eks-token-${Math.random().toString(36).slice(2)}`, token), AWS_ROLE_ARN: roleArn, AWS_ROLE_SESSION_NAME: 'orders-pod' };
}

describe('atlas-sso whoami on every passwordless path', () => {
  it('SAML: keys from `exec --saml-response` are named as environment keys of the assumed role, and mongosh signs in as that role', async () => {
    const result = await runCli(['exec', '--saml-response', await world.samlFile(), '--role', 'AtlasDba', '--', 'node', cliPath, 'whoami', '--json', '--cluster', world.atlas.uri], { env: terminalWorldEnv() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as WhoamiJson;
    expect(json).toMatchObject({ source: 'environment', callerArn: 'arn:aws:sts::012345678901:assumed-role/AtlasDba/alice', atlasUser: { arn: dba, kind: 'role' }, problem: null });
    expect(json.cluster).toMatchObject({ user: dba, roles: ['readWrite@sales'] });
    expect(Date.parse(json.expiration ?? '')).toBeGreaterThan(Date.now());

    const mongosh = await runCli(['mongosh', '--saml-response', await world.samlFile(), '--role', 'AtlasDba', '--cluster', world.atlas.uri, '--mongosh', mongoshPath, '--', '--quiet', '--eval', whoAmIScript], { env: terminalWorldEnv(), timeoutMs: 60_000 });
    expect(mongosh.code).toBe(0);
    expect(mongosh.stdout.trim()).toBe(dba);
  });

  it('Lambda: keys in environment variables name the function role; mongosh reads the same keys', async () => {
    const keys = world.sts.issueFor(demoRoles.reader.roleArn, 'orders-function');
    const result = await whoami(keysEnv(keys));
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ source: 'environment', callerArn: 'arn:aws:sts::012345678901:assumed-role/AtlasReader/orders-function', atlasUser: { arn: reader, kind: 'role' } });
    expect(result.json.steps).toEqual([{ source: 'environment', outcome: 'answered', reason: null }]);
    expectNoSecret(result.stdout + result.stderr, keys);
    expect(await mongoshSignsInAs(keysEnv(keys))).toBe(reader);
  });

  it('ECS: the container endpoint with its authorization token file names the task role, after the sources tried before it', async () => {
    const env = await ecsEnv();
    const result = await whoami(env, ['--cluster', world.atlas.uri]);
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ source: 'container', detail: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', callerArn: 'arn:aws:sts::012345678901:assumed-role/AtlasDba/ecs-task-0123', atlasUser: { arn: dba } });
    expect(result.json.steps.map((step) => `${step.source}:${step.outcome}`)).toEqual([
      'environment:not-configured', 'sso:not-configured', 'shared-files:not-configured', 'credential-process:not-configured', 'web-identity:not-configured', 'container:answered',
    ]);
    expect(result.json.cluster).toMatchObject({ user: dba });
    expect(world.ecs.requests.at(-1)?.authorized).toBe(true);
    expectNoSecret(result.stdout + result.stderr, world.ecsKeys);
    expect(await mongoshSignsInAs(env)).toBe(dba);
  });

  it('ECS: a wrong authorization token is a failed step where the check stops, and no keys are found', async () => {
    const result = await whoami({ AWS_CONTAINER_CREDENTIALS_FULL_URI: world.ecs.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'not-the-token' });
    expect(result.code).toBe(3);
    expect(result.json.source).toBeNull();
    expect(result.json.steps.at(-1)).toMatchObject({ source: 'container', outcome: 'failed' });
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('not-the-token');
  });

  it('EC2: IMDSv2 at AWS_EC2_METADATA_SERVICE_ENDPOINT names the instance profile role; mongosh asks the same endpoint', async () => {
    const result = await whoami(ec2Env());
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ source: 'instance-metadata', callerArn: 'arn:aws:sts::210987654321:assumed-role/Analyst/i-0abc123', atlasUser: { arn: analyst, kind: 'role' } });
    expect(world.imds.requests.some((request) => request.method === 'PUT')).toBe(true);
    expect(world.imds.requests.filter((request) => request.method === 'GET').every((request) => request.authorized)).toBe(true);
    const before = world.imds.requests.length;
    expect(await mongoshSignsInAs(ec2Env())).toBe(analyst);
    expect(world.imds.requests.length).toBeGreaterThan(before);
  });

  it('EKS: the web identity token file and AWS_ROLE_ARN name the service account role; mongosh assumes it itself', async () => {
    const env = await eksEnv(demoRoles.dba.roleArn);
    const result = await whoami(env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.json).toMatchObject({ source: 'web-identity', detail: demoRoles.dba.roleArn, callerArn: 'arn:aws:sts::012345678901:assumed-role/AtlasDba/orders-pod', atlasUser: { arn: dba } });
    expect(await mongoshSignsInAs(env)).toBe(dba);
  });

  it('names the exact ARN to add when the cluster has no database user for the identity', async () => {
    const env = await eksEnv(demoRoles.noDbUser.roleArn);
    const result = await runCli(['whoami', '--cluster', world.atlas.uri], { env: { ...terminalWorldEnv(), ...env } });
    expect(result.code).toBe(6);
    expect(result.stdout).toContain(`Atlas user:   ${noDbUser}`);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `atlas-sso: Atlas sees you as arn:aws:sts::210987654321:assumed-role/NoDatabaseUser/orders-pod and has no database user for it: add ${noDbUser} in Atlas → Database Access → Add New Database User → AWS IAM → IAM Role.`,
    ]);
  });

  it('stops where the SDK stops: a rejected web identity token fails the chain with one line, and later sources are not asked', async () => {
    const requestsBefore = world.imds.requests.length;
    const env = { ...(await eksEnv(demoRoles.dba.roleArn, world.issuer.forgedToken({ subject: serviceAccount }))), ...ec2Env() };
    const result = await whoami(env);
    expect(result.code).toBe(3);
    expect(result.json.steps.at(-1)).toMatchObject({ source: 'web-identity', outcome: 'failed' });
    expect(result.json.problem?.code).toBe('identity-source-failed');
    expect(result.stderr).toMatch(/^atlas-sso: a web identity token file .* is set up but failed, so Atlas SSO asked no further source \(mongosh and the driver would meet the same failure\): InvalidIdentityTokenException/);
    expect(world.imds.requests).toHaveLength(requestsBefore);
  });

  it('runs a failing credential_process once and stops at the shared files, the first source that failed', async () => {
    const runs = await world.file('credential-process-runs', '');
    const script = await world.file('failing-credential-process.sh', `#!/bin/sh\necho run >> '${runs}'\necho 'sign-in is not possible here' >&2\nexit 8\n`);
    const config = await world.file('config-with-failing-process', `[profile atlas]\ncredential_process = /bin/sh ${script}\n`);
    const result = await whoami({ AWS_CONFIG_FILE: config, AWS_PROFILE: 'atlas' });
    expect(result.code).toBe(3);
    expect(result.json.steps.map((step) => `${step.source}:${step.outcome}`)).toEqual(['environment:not-configured', 'sso:not-configured', 'shared-files:failed']);
    expect(result.json.problem?.code).toBe('identity-source-failed');
    expect(result.stderr).toContain('sign-in is not possible here');
    expect((await readFile(runs, 'utf8')).split('\n').filter((line) => line === 'run')).toHaveLength(1);
  });

  it('says when nothing is configured, listing every source, with IMDS skipped because it is disabled', async () => {
    const result = await runCli(['whoami'], { env: terminalWorldEnv() });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^Tried: {8}keys in environment variables/);
    expect(result.stdout).toContain('the EC2 instance metadata service (IMDSv2): not configured (AWS_EC2_METADATA_DISABLED is set)');
    expect(result.stderr).toMatch(/^atlas-sso: No AWS credentials found for this process/);
  });

  it('explains keys AWS does not know, without printing them', async () => {
    const keys = { accessKeyId: 'ASIAUNKNOWNKEY000000', secretAccessKey: 'S'.repeat(40), sessionToken: 'T'.repeat(300) };
    const result = await runCli(['whoami'], { env: { ...terminalWorldEnv(), ...keysEnv({ ...keys } as IssuedCredentials) } });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^atlas-sso: AWS does not know the access key from keys in environment variables/);
    expectNoSecret(result.stdout + result.stderr, keys);
  });
});

describe('atlas-sso exec and mongosh --web-identity', () => {
  it('exec runs the command with keys for AWS_ROLE_ARN from the token file', async () => {
    const env = await eksEnv(demoRoles.dba.roleArn);
    const result = await runCli(['exec', '--web-identity', '--', 'node', cliPath, 'whoami', '--json'], { env: { ...terminalWorldEnv(), ...env } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ source: 'environment', callerArn: 'arn:aws:sts::012345678901:assumed-role/AtlasDba/orders-pod', atlasUser: { arn: dba } });
  });

  it('mongosh --web-identity opens the real mongosh signed in as the role', async () => {
    const env = await eksEnv(demoRoles.dba.roleArn);
    const result = await runCli(['mongosh', '--web-identity', '--cluster', world.atlas.uri, '--mongosh', mongoshPath, '--', '--quiet', '--eval', whoAmIScript], { env: { ...terminalWorldEnv(), ...env }, timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(dba);
  });

  it.each([
    ['an expired token', () => world.issuer.token({ subject: serviceAccount, issuedAt: new Date(Date.now() - 7_200_000) }), 'identity-token-expired', /^atlas-sso: The web identity token in .* has expired/],
    ['a service account the role does not trust', () => world.issuer.token({ subject: 'system:serviceaccount:other:intruder' }), 'sts-access-denied', /^atlas-sso: AWS denied arn:aws:iam::012345678901:role\/AtlasDba to this web identity/],
  ])('refuses %s with one sentence', async (_name, token, _code, sentence) => {
    const env = await eksEnv(demoRoles.dba.roleArn, token());
    const result = await runCli(['exec', '--web-identity', '--', 'node', '-e', 'process.exit(42)'], { env: { ...terminalWorldEnv(), ...env } });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBe(42);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(sentence);
  });

  it.each([
    ['no token file setting', ['exec', '--web-identity', '--', 'true'], {}, /^atlas-sso: --web-identity needs AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN/],
    ['--role beside it', ['exec', '--web-identity', '--role', 'AtlasDba', '--', 'true'], { AWS_WEB_IDENTITY_TOKEN_FILE: '/nonexistent', AWS_ROLE_ARN: dba }, /^atlas-sso: --role is for a SAML sign-in/],
    ['two sources', ['exec', '--web-identity', '--saml-response', '-', '--', 'true'], {}, /^atlas-sso: Say where the keys come from, once/],
  ])('refuses %s before calling STS', async (_name, args, env, sentence) => {
    const before = world.sts.requests.length;
    const result = await runCli(args, { env: { ...terminalWorldEnv(), ...env } });
    expect(result.code).toBe(result.stderr.includes('--web-identity needs') ? 3 : 2);
    expect(result.stderr).toMatch(sentence);
    expect(world.sts.requests).toHaveLength(before);
  });
});
