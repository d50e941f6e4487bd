import { AssumeRoleWithSAMLCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFormClient, readForm } from '../../emulators/idp/form-client.js';
import { awsSamlEncryptionKey } from '../../emulators/idp/saml-response.js';
import type { IdpEmulator } from '../../emulators/idp/server.js';
import { startIdpEmulator } from '../../emulators/idp/server.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';

const account = '012345678901';
const principalArn = `arn:aws:iam::${account}:saml-provider/Corp`;
const dbaArn = `arn:aws:iam::${account}:role/team/dba`;
const readerArn = `arn:aws:iam::${account}:role/reader`;

/** The IdP emulator's assertions are redeemed at the STS emulator, which checks them the way AWS does. */
describe('IdP emulator assertions at the STS emulator', () => {
  let idp: IdpEmulator;
  let sts: StsEmulator;
  /** Sixty seconds ahead: an assertion that expires sooner is already too late there. */
  let lateSts: StsEmulator;
  const clients: STSClient[] = [];

  beforeAll(async () => {
    idp = await startIdpEmulator({
      users: [{ username: 'alice', password: 'alice-pass', roles: [`${dbaArn},${principalArn}`, `${principalArn},${readerArn}`], sessionDuration: 7200 }],
    });
    const registry = {
      providers: [{ principalArn, certificatePem: idp.certificatePem, issuer: idp.issuer, encryptionPrivateKeyPem: awsSamlEncryptionKey.privateKeyPem }],
      roles: [{ roleArn: dbaArn, maxSessionDuration: 43200 }, { roleArn: readerArn }],
    };
    sts = await startStsEmulator(registry);
    lateSts = await startStsEmulator({ ...registry, clock: () => new Date(Date.now() + 60_000) });
  });

  afterEach(() => {
    idp.setMode({ kind: 'normal' });
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await Promise.all([idp.close(), sts.close(), lateSts.close()]);
  });

  async function signIn(): Promise<string> {
    const client = createFormClient();
    const page = await client.submit(await client.get(idp.ssoUrl), { username: 'alice', password: 'alice-pass' });
    return readForm(page.html).fields.SAMLResponse ?? '';
  }

  function assume(at: StsEmulator, samlAssertion: string, roleArn = dbaArn, durationSeconds?: number) {
    const client = new STSClient({ region: 'us-east-1', endpoint: at.url, maxAttempts: 1 });
    clients.push(client);
    return client.send(new AssumeRoleWithSAMLCommand({ RoleArn: roleArn, PrincipalArn: principalArn, SAMLAssertion: samlAssertion, DurationSeconds: durationSeconds }));
  }

  it('turns a signed-in user\'s assertion into temporary keys for each of their roles', async () => {
    const assertion = await signIn();
    const dba = await assume(sts, assertion);
    expect(dba.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(dba.Credentials?.SessionToken).toBeTruthy();
    expect(dba.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account}:assumed-role/dba/alice`);
    expect(dba.Issuer).toBe(idp.issuer);
    expect(sts.issued.get(dba.Credentials?.AccessKeyId ?? '')?.arn).toBe(dba.AssumedRoleUser?.Arn);
    const reader = await assume(sts, assertion, readerArn);
    expect(reader.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account}:assumed-role/reader/alice`);
  });

  it('caps the session at the assertion\'s SessionDuration (7200 s) when more is asked', async () => {
    const before = Date.now();
    const dba = await assume(sts, await signIn(), dbaArn, 10_800);
    const lifetime = (dba.Credentials?.Expiration?.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThan(3600_000);
    expect(lifetime).toBeLessThanOrEqual(7200_000 + 1000);
  });

  it('huge-assertion: STS takes a response of exactly 100,000 characters', async () => {
    idp.setMode({ kind: 'huge-assertion' });
    const assertion = await signIn();
    expect(assertion).toHaveLength(100_000);
    const dba = await assume(sts, assertion);
    expect(dba.Credentials?.AccessKeyId).toBeTruthy();
  });

  it('encrypted: STS decrypts with the provider\'s key and issues keys', async () => {
    idp.setMode({ kind: 'encrypted' });
    const reader = await assume(sts, await signIn(), readerArn);
    expect(reader.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account}:assumed-role/reader/alice`);
  });

  it('short-expiry: an assertion past its NotOnOrAfter is refused, a normal one is not', async () => {
    idp.setMode({ kind: 'short-expiry', seconds: 10 });
    await expect(assume(lateSts, await signIn())).rejects.toMatchObject({ name: 'ExpiredTokenException' });
    idp.setMode({ kind: 'normal' });
    await expect(assume(lateSts, await signIn())).resolves.toHaveProperty('Credentials');
  });

  it('error-status: a failed sign-in yields nothing STS accepts', async () => {
    idp.setMode({ kind: 'error-status' });
    await expect(assume(sts, await signIn())).rejects.toMatchObject({ name: 'IDPRejectedClaimException' });
  });
});
