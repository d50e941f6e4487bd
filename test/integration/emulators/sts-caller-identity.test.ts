import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedCredentials, StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';
import { withLastCharacterChanged } from '../../support/tamper.js';

/** The parts of the SDK's signed HTTP request that a replay needs. */
interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

const dba = 'arn:aws:iam::123456789012:role/Dba';
const expectedArn = 'arn:aws:sts::123456789012:assumed-role/Dba/alice';

/** The emulator's clock: the real one, shifted when a test needs to. */
let offsetMs = 0;
let sts: StsEmulator;
let folder: string;
const clients: STSClient[] = [];

beforeAll(async () => {
  sts = await startStsEmulator({ providers: [], roles: [{ roleArn: dba }], clock: () => new Date(Date.now() + offsetMs) });
  folder = await mkdtemp(join(tmpdir(), 'sts-caller-identity-'));
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await sts.close();
  await rm(folder, { recursive: true, force: true });
});

function clientWith(credentials: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): STSClient {
  const client = new STSClient({ region: 'us-east-1', endpoint: sts.url, maxAttempts: 1, credentials });
  clients.push(client);
  return client;
}

async function failure(call: Promise<unknown>): Promise<{ name: string; message: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/**
 * The request the real SDK signs for GetCallerIdentity against the global endpoint, with the headers a MongoDB
 * driver adds for MONGODB-AWS. Captured, not sent: the test replays it as an Atlas server does.
 */
async function signedByTheSdk(credentials: IssuedCredentials, extraHeaders: Readonly<Record<string, string>>): Promise<HttpRequest> {
  let captured: HttpRequest | undefined;
  const client = new STSClient({
    region: 'us-east-1',
    endpoint: 'https://sts.amazonaws.com',
    maxAttempts: 1,
    credentials,
    requestHandler: {
      handle: (signed: HttpRequest) => {
        captured = signed;
        return Promise.reject(new Error('captured'));
      },
    },
  });
  client.middlewareStack.add((next) => (args) => {
    const http = args.request as HttpRequest;
    Object.assign(http.headers, extraHeaders);
    return next(args);
  }, { step: 'build', name: 'mongodbHeaders' });
  await failure(client.send(new GetCallerIdentityCommand({})));
  client.destroy();
  if (captured === undefined) throw new Error('the SDK sent nothing');
  return captured;
}

/** Sends a signed request to the emulator unchanged, keeping its Host header (`sts.amazonaws.com`). */
function replay(signed: HttpRequest, changes: Readonly<Record<string, string>> = {}): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${sts.url}${signed.path}`, { method: signed.method, headers: { ...signed.headers, ...changes } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', text }));
    });
    req.on('error', reject);
    req.end(typeof signed.body === 'string' ? signed.body : '');
  });
}

const mongodbHeaders = { 'x-mongodb-server-nonce': Buffer.alloc(64, 7).toString('base64'), 'x-mongodb-gs2-cb-flag': 'n' };

describe('GetCallerIdentity with keys the emulator issued', () => {
  it('answers the real SDK with the assumed-role identity', async () => {
    const issued = sts.issueFor(dba, 'alice');
    const identity = await clientWith(issued).send(new GetCallerIdentityCommand({}));
    expect({ Arn: identity.Arn, UserId: identity.UserId, Account: identity.Account }).toEqual({ Arn: expectedArn, UserId: issued.userId, Account: '123456789012' });
    expect(issued.userId).toMatch(/^AROA[A-Z2-7]{17}:alice$/);
  });

  it('answers AWS CLI 2 with the keys in its environment and no config files', async () => {
    const issued = sts.issueFor(dba, 'alice');
    const empty = join(folder, 'empty');
    await writeFile(empty, '');
    const { stdout } = await promisify(execFile)('/usr/bin/aws', ['sts', 'get-caller-identity', '--endpoint-url', sts.url, '--output', 'json'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: folder,
        AWS_ACCESS_KEY_ID: issued.accessKeyId,
        AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
        AWS_SESSION_TOKEN: issued.sessionToken,
        AWS_REGION: 'us-east-1',
        AWS_CONFIG_FILE: empty,
        AWS_SHARED_CREDENTIALS_FILE: empty,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
      },
    });
    expect(JSON.parse(stdout)).toEqual({ UserId: issued.userId, Account: '123456789012', Arn: expectedArn });
  });

  it('verifies a replayed request signed for sts.amazonaws.com with MongoDB headers, and answers JSON when asked', async () => {
    const issued = sts.issueFor(dba, 'alice');
    const signed = await signedByTheSdk(issued, mongodbHeaders);
    expect(signed.headers.host).toBe('sts.amazonaws.com');
    expect(signed.headers.authorization).toContain('x-mongodb-gs2-cb-flag;x-mongodb-server-nonce');
    const xml = await replay(signed);
    expect(xml.status).toBe(200);
    expect(xml.text).toContain(`<Arn>${expectedArn}</Arn>`);
    const json = await replay(signed, { accept: 'application/json' });
    expect(json.type).toBe('application/json');
    expect(JSON.parse(json.text)).toMatchObject({ GetCallerIdentityResponse: { GetCallerIdentityResult: { Arn: expectedArn, UserId: issued.userId, Account: '123456789012' } } });
  });

  it('refuses a replay whose signed MongoDB nonce was changed', async () => {
    const signed = await signedByTheSdk(sts.issueFor(dba, 'alice'), mongodbHeaders);
    const reply = await replay(signed, { 'x-mongodb-server-nonce': Buffer.alloc(64, 8).toString('base64'), accept: 'application/json' });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.text)).toMatchObject({ Error: { Code: 'SignatureDoesNotMatch', Type: 'Sender' } });
  });

  it('refuses a wrong secret (SignatureDoesNotMatch), a wrong token and an unknown key (InvalidClientTokenId)', async () => {
    const issued = sts.issueFor(dba, 'alice');
    expect(await failure(clientWith({ ...issued, secretAccessKey: withLastCharacterChanged(issued.secretAccessKey) }).send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 },
    });
    expect(await failure(clientWith({ ...issued, sessionToken: `${issued.sessionToken}x` }).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId' });
    expect(await failure(clientWith({ ...issued, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' }).send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.',
    });
  });

  it('refuses a request signed 20 minutes away from its clock ("Signature expired")', async () => {
    const issued = sts.issueFor(dba, 'alice');
    offsetMs = 20 * 60_000;
    try {
      const error = await failure(clientWith(issued).send(new GetCallerIdentityCommand({})));
      expect(error).toMatchObject({ name: 'SignatureDoesNotMatch', message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than/) as unknown });
    } finally {
      offsetMs = 0;
    }
  });

  it('refuses expired keys (ExpiredToken)', async () => {
    offsetMs = -20 * 60_000;
    const issued = sts.issueFor(dba, 'alice', 900);
    offsetMs = 0;
    expect(issued.expiration.getTime()).toBeLessThan(Date.now());
    expect(await failure(clientWith(issued).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'ExpiredToken', $metadata: { httpStatusCode: 403 } });
  });
});

describe('the regions an emulator serves', () => {
  it('by default serves us-east-1 only, as the global endpoint does: a request signed for another region is refused', async () => {
    const keys = sts.issueFor(dba, 'alice');
    const elsewhere = new STSClient({ region: 'eu-west-1', endpoint: sts.url, maxAttempts: 1, credentials: keys });
    try {
      expect(await failure(elsewhere.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 }, message: "Credential should be scoped to a valid region, not 'eu-west-1'." });
      expect((await clientWith(keys).send(new GetCallerIdentityCommand({}))).Arn).toBe(expectedArn);
    } finally {
      elsewhere.destroy();
    }
  });

  it('given several, answers a request signed for any of them and refuses one scoped to another', async () => {
    const regional = await startStsEmulator({ providers: [], roles: [{ roleArn: dba }], regions: ['eu-west-1', 'ap-south-1'] });
    const keys = regional.issueFor(dba, 'alice');
    const clientIn = (region: string) => new STSClient({ region, endpoint: regional.url, maxAttempts: 1, credentials: keys });
    const [ireland, mumbai, virginia] = [clientIn('eu-west-1'), clientIn('ap-south-1'), clientIn('us-east-1')];
    try {
      expect((await ireland.send(new GetCallerIdentityCommand({}))).Arn).toBe(expectedArn);
      expect((await mumbai.send(new GetCallerIdentityCommand({}))).Arn).toBe(expectedArn);
      expect(await failure(virginia.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', message: "Credential should be scoped to a valid region, not 'us-east-1'." });
    } finally {
      for (const client of [ireland, mumbai, virginia]) client.destroy();
      await regional.close();
    }
  });

  it('answers a request signed for its region and refuses one scoped to another, as a regional STS does', async () => {
    const regional = await startStsEmulator({ providers: [], roles: [{ roleArn: dba }], regions: ['eu-west-1'] });
    const keys = regional.issueFor(dba, 'alice');
    const clientIn = (region: string) => new STSClient({ region, endpoint: regional.url, maxAttempts: 1, credentials: keys });
    const [right, wrong] = [clientIn('eu-west-1'), clientIn('us-east-1')];
    try {
      expect((await right.send(new GetCallerIdentityCommand({}))).Arn).toBe(expectedArn);
      expect(await failure(wrong.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', message: "Credential should be scoped to a valid region, not 'us-east-1'." });
    } finally {
      right.destroy();
      wrong.destroy();
      await regional.close();
    }
  });
});
