import { request } from 'node:http';
import { AssumeRoleWithSAMLCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSamlResponseBase64, fixtureIdpKey } from '../../emulators/idp/saml-response.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';

const dba = 'arn:aws:iam::123456789012:role/Dba';
const demo = 'arn:aws:iam::123456789012:saml-provider/Demo';

let sts: StsEmulator;
const clients: STSClient[] = [];

beforeAll(async () => {
  sts = await startStsEmulator({ providers: [{ principalArn: demo, certificatePem: fixtureIdpKey.certificatePem }], roles: [{ roleArn: dba }] });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await sts.close();
});

function newClient(options: { readonly maxAttempts?: number; readonly requestTimeout?: number } = {}): STSClient {
  const client = new STSClient({
    region: 'us-east-1',
    endpoint: sts.url,
    maxAttempts: options.maxAttempts ?? 1,
    ...(options.requestTimeout === undefined ? {} : { requestHandler: { requestTimeout: options.requestTimeout, throwOnRequestTimeout: true } }),
  });
  clients.push(client);
  return client;
}

function assume(client: STSClient) {
  return client.send(new AssumeRoleWithSAMLCommand({ RoleArn: dba, PrincipalArn: demo, SAMLAssertion: buildSamlResponseBase64({ roles: [`${dba},${demo}`] }) }));
}

async function failure(call: Promise<unknown>): Promise<{ name: string; message: string; code?: string; $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await call;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('STS emulator faults, as the real SDK sees them', () => {
  it('throttle: 400 Throttling "Rate exceeded"', async () => {
    sts.injectFault({ kind: 'throttle' });
    expect(await failure(assume(newClient()))).toMatchObject({ name: 'Throttling', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
  });

  it('internal-error: 500 InternalFailure', async () => {
    sts.injectFault({ kind: 'internal-error' });
    expect(await failure(assume(newClient()))).toMatchObject({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
  });

  it('expired: ExpiredTokenException with AWS\'s words', async () => {
    sts.injectFault({ kind: 'expired' });
    expect(await failure(assume(newClient()))).toMatchObject({ name: 'ExpiredTokenException', message: 'Token must be redeemed within 5 minutes of issuance' });
  });

  it('reset: the connection drops with no answer', async () => {
    sts.injectFault({ kind: 'reset' });
    const error = await failure(assume(newClient()));
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
    expect(`${error.code ?? ''} ${error.message}`).toMatch(/ECONNRESET|socket hang up/);
  });

  it('wrong-body: a 200 that parses to no Credentials', async () => {
    sts.injectFault({ kind: 'wrong-body' });
    const out = await assume(newClient());
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.Credentials).toBeUndefined();
  });

  it('slow: a client with a request timeout gives up; the answer still comes to a patient one', async () => {
    sts.injectFault({ kind: 'slow', delayMs: 3000 });
    expect((await failure(assume(newClient({ requestTimeout: 200 })))).name).toBe('TimeoutError');
    sts.injectFault({ kind: 'slow', delayMs: 50 });
    const answered = sts.handlingTimesMs.length;
    expect((await assume(newClient())).Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(sts.handlingTimesMs.length).toBe(answered + 1);
  });

  it('times: a fault lasts for that many requests, and the SDK retries through two throttles', async () => {
    const before = sts.requests.length;
    sts.injectFault({ kind: 'throttle' }, 2);
    const out = await assume(newClient({ maxAttempts: 3 }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.$metadata.attempts).toBe(3);
    expect(sts.requests.slice(before).map((entry) => entry.action)).toEqual(['AssumeRoleWithSAML', 'AssumeRoleWithSAML', 'AssumeRoleWithSAML']);
  });

  it('answers an unknown action as InvalidAction and records requests without secrets', async () => {
    const body = 'Action=DeleteEverything&Version=2011-06-15';
    const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${sts.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('<Code>InvalidAction</Code>');
    expect(sts.requests.at(-1)?.action).toBe('DeleteEverything');
    expect(Object.keys(sts.requests.at(-1) ?? {}).sort()).toEqual(['action', 'at']);
  });
});
