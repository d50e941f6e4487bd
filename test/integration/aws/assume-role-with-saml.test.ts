import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assumeRoleWithSaml } from '../../../core/aws/assume-role-with-saml.js';
import { parseRoleValue } from '../../../core/aws/role.js';
import type { Role } from '../../../core/aws/role.js';
import { AtlasSsoError } from '../../../core/errors.js';
import { readSamlResponse } from '../../../core/saml/read-saml-response.js';
import { assumeFromResponse } from '../../../core/session/assume-from-response.js';
import { allDemoRoleValues, demoRoles, roleAttributeValue, startDemoSts } from '../../emulators/demo-corp.js';
import { buildSamlResponseBase64 } from '../../emulators/idp/saml-response.js';
import type { StsEmulator } from '../../emulators/sts/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sts: StsEmulator;
beforeAll(async () => {
  sts = await startDemoSts();
});
afterAll(async () => {
  await sts.close();
});

function role(value: { readonly roleArn: string; readonly principalArn: string }): Role {
  const parsed = parseRoleValue(roleAttributeValue(value));
  if (parsed === undefined) throw new Error('bad fixture');
  return parsed;
}

function assertion(spec: Partial<Parameters<typeof buildSamlResponseBase64>[0]> = {}): string {
  return buildSamlResponseBase64({ roles: allDemoRoleValues, roleSessionName: 'alice', ...spec });
}

async function failureOf(promise: Promise<unknown>): Promise<AtlasSsoError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AtlasSsoError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('assumeRoleWithSaml against the STS emulator', () => {
  it('returns the keys STS issued for the role, unsigned, in the asked duration', async () => {
    const assumed = await assumeRoleWithSaml({ assertion: assertion(), role: role(demoRoles.dba), endpoint: sts.url, durationSeconds: 7200 });
    const issued = sts.issued.get(assumed.credentials.accessKeyId);
    expect(issued?.secretAccessKey).toBe(assumed.credentials.secretAccessKey);
    expect(issued?.sessionToken).toBe(assumed.credentials.sessionToken);
    expect(assumed.assumedRoleArn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
    expect(assumed.durationSeconds).toBe(7200);
    expect(Math.floor(assumed.credentials.expiration.getTime() / 1000)).toBe(Math.floor((issued?.expiration.getTime() ?? 0) / 1000));
    expect(assumed.warnings).toEqual([]);
  });

  it('honours AWS_ENDPOINT_URL_STS', async () => {
    const assumed = await assumeRoleWithSaml({ assertion: assertion(), role: role(demoRoles.reader), env: { AWS_ENDPOINT_URL_STS: sts.url } });
    expect(assumed.endpoint).toBe(sts.url);
    expect(sts.issued.has(assumed.credentials.accessKeyId)).toBe(true);
  });

  it('retries once with one hour when the role allows less than asked, and says so', async () => {
    const assumed = await assumeRoleWithSaml({ assertion: assertion(), role: role(demoRoles.reader), endpoint: sts.url, durationSeconds: 14_400 });
    expect(assumed.durationSeconds).toBe(3600);
    expect(assumed.warnings.join(' ')).toMatch(/allows no session of 4 h; got 1 h instead/);
  });

  it('asks no more than the IdP SessionDuration allows', async () => {
    const response = readSamlResponse(assertion({ sessionDuration: 1800 }));
    const result = await assumeFromResponse({ response, choice: { role: demoRoles.dba.roleArn }, endpoint: sts.url, durationSeconds: 7200 });
    expect(result.assumed.durationSeconds).toBe(1800);
    expect(result.warnings.join(' ')).toMatch(/at most 30 min/);
  });

  it('sends a stale assertion anyway, warns, and turns STS\'s refusal into "sign in again"', async () => {
    const issuedAt = new Date(Date.now() - 10 * 60_000);
    const response = readSamlResponse(assertion({ issueInstant: issuedAt, notOnOrAfter: new Date(issuedAt.getTime() + 5 * 60_000) }));
    const before = sts.requests.length;
    const failure = await failureOf(assumeFromResponse({ response, choice: { role: 'AtlasDba' }, endpoint: sts.url }));
    expect(sts.requests.length).toBe(before + 1);
    expect(failure.code).toBe('sts-expired-assertion');
    expect(failure.message).toMatch(/sign in again/);
  });

  it.each([
    ['a tampered signature', () => assertion().replace(/.{8}$/, 'AAAAAAA='), 'sts-invalid-identity-token'],
    ['a role the trust policy does not allow', () => assertion({ roles: [roleAttributeValue(demoRoles.dba)] }), 'sts-access-denied'],
  ])('maps %s', async (_name, make, code) => {
    const failure = await failureOf(assumeRoleWithSaml({ assertion: make(), role: role(code === 'sts-access-denied' ? demoRoles.analyst : demoRoles.dba), endpoint: sts.url }));
    expect(failure.code).toBe(code);
  });

  it('never puts the assertion or keys in an error', async () => {
    const secret = assertion({ roles: [roleAttributeValue(demoRoles.dba)] });
    const failure = await failureOf(assumeRoleWithSaml({ assertion: secret, role: role(demoRoles.analyst), endpoint: sts.url }));
    const everything = `${failure.message} ${failure.details ?? ''}`;
    expect(everything).not.toContain(secret.slice(0, 40));
    expect(everything).not.toMatch(/[A-Za-z0-9+/=]{40,}/);
  });

  it('gives up on throttling after the SDK\'s retries', async () => {
    sts.injectFault({ kind: 'throttle' }, 3);
    const failure = await failureOf(assumeRoleWithSaml({ assertion: assertion(), role: role(demoRoles.dba), endpoint: sts.url }));
    expect(failure.code).toBe('sts-throttled');
  });

  it('reports STS 500s after retries', async () => {
    sts.injectFault({ kind: 'internal-error' }, 3);
    const failure = await failureOf(assumeRoleWithSaml({ assertion: assertion(), role: role(demoRoles.dba), endpoint: sts.url }));
    expect(failure.code).toBe('sts-unavailable');
  });

  it('refuses a 200 reply without credentials', async () => {
    sts.injectFault({ kind: 'wrong-body' });
    const failure = await failureOf(assumeRoleWithSaml({ assertion: assertion(), role: role(demoRoles.dba), endpoint: sts.url }));
    expect(failure.code).toBe('sts-bad-response');
  });

  it('stops at the overall deadline when STS hangs', async () => {
    // One slow reply is enough: the deadline ends the first attempt.
    sts.injectFault({ kind: 'slow', delayMs: 5_000 });
    const started = Date.now();
    const failure = await failureOf(assumeRoleWithSaml({ assertion: assertion(), role: role(demoRoles.dba), endpoint: sts.url, deadlineMs: 700 }));
    expect(failure.code).toBe('sts-deadline');
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('reports a dropped connection as a network problem', async () => {
    sts.injectFault({ kind: 'reset' }, 3);
    const failure = await failureOf(assumeRoleWithSaml({ assertion: assertion(), role: role(demoRoles.dba), endpoint: sts.url }));
    expect(failure.code).toBe('sts-network');
  });
});

describe('assumeRoleWithSaml without an STS', () => {
  let closedPort: number;
  let silent: Server;
  let silentPort: number;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    // Accepts connections and never answers: a network that hangs.
    silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('says it could not reach STS when nothing listens', async () => {
    const failure = await failureOf(assumeRoleWithSaml({ assertion: assertion(), role: role(demoRoles.dba), endpoint: `http://127.0.0.1:${closedPort}` }));
    expect(failure.code).toBe('sts-network');
    expect(failure.message).toContain(`127.0.0.1:${closedPort}`);
  });

  it('never hangs on a server that never answers', async () => {
    const failure = await failureOf(assumeRoleWithSaml({ assertion: assertion(), role: role(demoRoles.dba), endpoint: `http://127.0.0.1:${silentPort}`, deadlineMs: 1_000 }));
    expect(['sts-deadline', 'sts-network']).toContain(failure.code);
  });
});
