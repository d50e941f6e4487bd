import type { AssumeRoleWithSAMLCommandOutput } from '@aws-sdk/client-sts';
import { AssumeRoleWithSAMLCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamlResponseSpec } from '../../emulators/idp/saml-response.js';
import { attackerKey, awsSamlEncryptionKey, buildSamlResponseBase64, buildSamlResponseXml, fixtureIdpKey } from '../../emulators/idp/saml-response.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';

const account = '123456789012';
const dba = `arn:aws:iam::${account}:role/Dba`;
const admin = `arn:aws:iam::${account}:role/Admin`;
const longRole = `arn:aws:iam::${account}:role/team/LongSessions`;
const guarded = `arn:aws:iam::${account}:role/Guarded`;
const demo = `arn:aws:iam::${account}:saml-provider/Demo`;
const other = `arn:aws:iam::${account}:saml-provider/Other`;
const unregistered = `arn:aws:iam::${account}:saml-provider/Unregistered`;
const encrypting = `arn:aws:iam::${account}:saml-provider/Encrypting`;
const customAcs = 'https://acs.example.test/saml';
const partitions = [
  { partition: 'aws-us-gov', acs: 'https://signin.amazonaws-us-gov.com/saml', audience: 'urn:amazon:webservices:govcloud' },
  { partition: 'aws-cn', acs: 'https://signin.amazonaws.cn/saml', audience: 'urn:amazon:webservices:cn-north-1' },
] as const;
const roleIn = (partition: string): string => `arn:${partition}:iam::${account}:role/Dba`;
const providerIn = (partition: string): string => `arn:${partition}:iam::${account}:saml-provider/Demo`;

/** Fixed emulator time: every validity-window test is exact, whatever the machine's speed. */
const now = new Date();
const minutes = (n: number): Date => new Date(now.getTime() + n * 60_000);

let sts: StsEmulator;
let client: STSClient;

beforeAll(async () => {
  sts = await startStsEmulator({
    providers: [
      { principalArn: demo, certificatePem: fixtureIdpKey.certificatePem },
      { principalArn: other, certificatePem: fixtureIdpKey.certificatePem },
      { principalArn: encrypting, certificatePem: fixtureIdpKey.certificatePem, encryptionPrivateKeyPem: awsSamlEncryptionKey.privateKeyPem },
      ...partitions.map(({ partition }) => ({ principalArn: providerIn(partition), certificatePem: fixtureIdpKey.certificatePem })),
    ],
    roles: [
      { roleArn: dba },
      { roleArn: admin },
      { roleArn: longRole, maxSessionDuration: 43200 },
      { roleArn: guarded, trustedPrincipalArns: [other] },
      ...partitions.map(({ partition }) => ({ roleArn: roleIn(partition) })),
    ],
    acceptedRecipients: [customAcs],
    clock: () => now,
  });
  // No credentials: AssumeRoleWithSAML is unsigned, and the SDK must not need any for it.
  client = new STSClient({ region: 'us-east-1', endpoint: sts.url, maxAttempts: 1 });
});

afterAll(async () => {
  client.destroy();
  await sts.close();
});

function saml(spec: Partial<SamlResponseSpec> = {}): string {
  return buildSamlResponseBase64({ roles: [`${dba},${demo}`], issueInstant: now, ...spec });
}

function assume(samlAssertion: string, roleArn = dba, principalArn = demo, durationSeconds?: number): Promise<AssumeRoleWithSAMLCommandOutput> {
  return client.send(new AssumeRoleWithSAMLCommand({
    RoleArn: roleArn, PrincipalArn: principalArn, SAMLAssertion: samlAssertion, ...(durationSeconds === undefined ? {} : { DurationSeconds: durationSeconds }),
  }));
}

/** The SDK's exception for a refused call: its name (the error code) and AWS's message. */
async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await call;
  } catch (error) {
    const failure = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, message: failure.message, status: failure.$metadata?.httpStatusCode };
  }
  throw new Error('expected STS to refuse the call');
}

describe('AssumeRoleWithSAML through the real STSClient', () => {
  it('issues temporary keys for a role in a signed response, and remembers them', async () => {
    const out = await assume(saml());
    const credentials = out.Credentials;
    expect(credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials?.SecretAccessKey).toHaveLength(40);
    expect(credentials?.SessionToken?.length).toBeGreaterThan(400);
    expect(credentials?.Expiration?.toISOString()).toBe(new Date(Math.floor(now.getTime() / 1000) * 1000 + 3600_000).toISOString());
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account}:assumed-role/Dba/alice@example.com`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:alice@example\.com$/);
    expect(out).toMatchObject({ Subject: 'alice@example.com', SubjectType: 'persistent', Issuer: 'https://idp.example.test/saml', Audience: 'https://signin.aws.amazon.com/saml' });
    expect(out.NameQualifier).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    const remembered = sts.issued.get(credentials?.AccessKeyId ?? '');
    expect(remembered).toMatchObject({ secretAccessKey: credentials?.SecretAccessKey, sessionToken: credentials?.SessionToken, accountId: account });
    expect(sts.requests.at(-1)?.action).toBe('AssumeRoleWithSAML');
  });

  it.each([
    ['only the Response signed', { sign: 'response' }],
    ['only the Assertion signed', { sign: 'assertion' }],
    ['RSA-SHA1', { signatureAlgorithm: 'rsa-sha1' }],
    ['saml2p: prefixes', { prefixes: 'saml2p' }],
    ['default namespaces', { prefixes: 'none' }],
    ['provider,role order', { roles: [`${demo},${dba}`] }],
    ['a regional ACS', { destination: 'https://eu-west-1.signin.aws.amazon.com/saml' }],
    ['a recipient the test added', { destination: customAcs }],
  ] as const)('accepts %s', async (_label, spec) => {
    const out = await assume(saml(spec));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account}:assumed-role/Dba/alice@example.com`);
  });

  it('decrypts an encrypted assertion for a provider with SAML encryption, and refuses it for one without', async () => {
    const encrypted = saml({ roles: [`${dba},${encrypting}`, `${dba},${demo}`], encryptAssertion: true });
    expect((await assume(encrypted, dba, encrypting)).AssumedRoleUser?.Arn).toContain('assumed-role/Dba/');
    expect(await refusal(assume(encrypted, dba, demo))).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 });
  });

  it('caps the session at the assertion SessionDuration, and allows up to the role maximum', async () => {
    const capped = await assume(saml({ roles: [`${longRole},${demo}`], sessionDuration: 1800 }), longRole, demo, 7200);
    expect(capped.Credentials?.Expiration?.getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000 + 1800_000);
    const long = await assume(saml({ roles: [`${longRole},${demo}`], roleSessionName: 'alice' }), longRole, demo, 43200);
    expect(long.Credentials?.Expiration?.getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000 + 43200_000);
    expect(long.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account}:assumed-role/LongSessions/alice`);
  });
});

describe('AssumeRoleWithSAML refusals, as AWS words them', () => {
  it('refuses a role value changed after signing (InvalidIdentityToken)', async () => {
    const tampered = buildSamlResponseXml({ roles: [`${dba},${demo}`], issueInstant: now }).replace('role/Dba,', 'role/Admin,');
    expect(tampered).toContain(`${admin},${demo}`);
    expect(await refusal(assume(Buffer.from(tampered).toString('base64'), admin))).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 });
  });

  it('refuses a response signed with a key the provider does not have (InvalidIdentityToken)', async () => {
    expect(await refusal(assume(saml({ key: attackerKey })))).toMatchObject({ name: 'InvalidIdentityTokenException', message: expect.stringContaining('signature') as unknown });
    expect(await refusal(assume(saml({ key: attackerKey, sign: 'assertion' })))).toMatchObject({ name: 'InvalidIdentityTokenException' });
  });

  it('refuses an unsigned response', async () => {
    expect(await refusal(assume(saml({ sign: 'none' })))).toMatchObject({ name: 'InvalidIdentityTokenException' });
  });

  it('defeats signature wrapping: a forged assertion next to the hidden signed one', async () => {
    const genuine = buildSamlResponseXml({ roles: [`${dba},${demo}`], issueInstant: now, sign: 'assertion' });
    const signedAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(genuine)?.[0] ?? '';
    const forged = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(buildSamlResponseXml({ roles: [`${admin},${demo}`], issueInstant: now, sign: 'none' }))?.[0] ?? '';
    const signedId = /ID="(_[0-9a-f]+)"/.exec(signedAssertion)?.[1] ?? '';
    expect(signedAssertion).toContain('<ds:Signature');
    // Classic XSW: the signed assertion moves into Extensions; the forged one takes its place, with and without the same ID.
    for (const forgery of [forged, forged.replace(/ID="_[0-9a-f]+"/, `ID="${signedId}"`)]) {
      const wrapped = genuine.replace(signedAssertion, `<samlp:Extensions>${signedAssertion}</samlp:Extensions>${forgery}`);
      expect(await refusal(assume(Buffer.from(wrapped).toString('base64'), admin))).toMatchObject({ name: 'InvalidIdentityTokenException' });
    }
    // The genuine signature moved into the forgery: it still verifies (it covers the hidden original), but not the forgery.
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signedAssertion)?.[0] ?? '';
    const moved = genuine.replace(signedAssertion, `<samlp:Extensions>${signedAssertion.replace(signature, '')}</samlp:Extensions>${forged.replace('</saml:Issuer>', `</saml:Issuer>${signature}`)}`);
    expect(await refusal(assume(Buffer.from(moved).toString('base64'), admin))).toMatchObject({ name: 'InvalidIdentityTokenException' });
    // A signed Response nested inside a forged one: the outer Response carries no signature of its own.
    const signedResponse = buildSamlResponseXml({ roles: [`${dba},${demo}`], issueInstant: now, sign: 'response' });
    const outer = buildSamlResponseXml({ roles: [`${admin},${demo}`], issueInstant: now, sign: 'none' })
      .replace('<samlp:Status>', `<samlp:Extensions>${signedResponse}</samlp:Extensions><samlp:Status>`);
    expect(await refusal(assume(Buffer.from(outer).toString('base64'), admin))).toMatchObject({ name: 'InvalidIdentityTokenException' });
  });

  it('refuses a wrong audience and a recipient that is not an AWS sign-in endpoint', async () => {
    expect(await refusal(assume(saml({ audience: 'urn:example:not-aws' })))).toMatchObject({ name: 'InvalidIdentityTokenException', message: expect.stringContaining('Audience') as unknown });
    expect(await refusal(assume(saml({ destination: 'https://evil.example.test/saml' })))).toMatchObject({ name: 'InvalidIdentityTokenException', message: expect.stringContaining('Recipient') as unknown });
    expect(await refusal(assume(saml({ recipient: 'http://signin.aws.amazon.com/saml' })))).toMatchObject({ name: 'InvalidIdentityTokenException' });
  });

  it("wants each partition's own audience: GovCloud's and China's, not the global one, nor theirs in the global partition", async () => {
    for (const { partition, acs, audience } of partitions) {
      const response = (spec: Partial<SamlResponseSpec> = {}): string => buildSamlResponseBase64({ roles: [`${roleIn(partition)},${providerIn(partition)}`], issueInstant: now, destination: acs, ...spec });
      // The IdP emulator writes the audience of the partition it posts to.
      expect(Buffer.from(response(), 'base64').toString('utf8')).toContain(`>${audience}</`);
      expect((await assume(response(), roleIn(partition), providerIn(partition))).Credentials).toBeDefined();
      expect(await refusal(assume(response({ audience: 'urn:amazon:webservices' }), roleIn(partition), providerIn(partition)))).toMatchObject({
        name: 'InvalidIdentityTokenException',
        message: expect.stringContaining('Audience') as unknown,
      });
      expect(await refusal(assume(saml({ audience })))).toMatchObject({ name: 'InvalidIdentityTokenException', message: expect.stringContaining('Audience') as unknown });
    }
  });

  it('refuses an expired assertion and one issued more than 5 minutes ago (ExpiredTokenException)', async () => {
    expect(await refusal(assume(saml({ issueInstant: minutes(-2), notOnOrAfter: minutes(-1) })))).toMatchObject({ name: 'ExpiredTokenException', status: 400 });
    expect(await refusal(assume(saml({ issueInstant: minutes(-6), notOnOrAfter: minutes(10) })))).toEqual({
      name: 'ExpiredTokenException', message: 'Token must be redeemed within 5 minutes of issuance', status: 400,
    });
    expect((await assume(saml({ issueInstant: minutes(-4), notOnOrAfter: minutes(1) }))).Credentials).toBeDefined();
  });

  it('refuses a role that is not in the assertion, an unknown provider, and a provider the role does not trust (AccessDenied)', async () => {
    const denied = { name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithSAML', status: 403 };
    expect(await refusal(assume(saml(), admin))).toEqual(denied);
    expect(await refusal(assume(saml({ roles: [`${dba},${unregistered}`] }), dba, unregistered))).toEqual(denied);
    expect(await refusal(assume(saml({ roles: [`${dba},${other}`] }), dba, demo))).toEqual(denied);
    expect(await refusal(assume(saml({ roles: [`${guarded},${demo}`] }), guarded, demo))).toEqual(denied);
    expect((await assume(saml({ roles: [`${guarded},${other}`] }), guarded, other)).Credentials).toBeDefined();
  });

  it('refuses a duration above the role maximum or outside 900..43200 (ValidationError)', async () => {
    expect(await refusal(assume(saml(), dba, demo, 7200))).toEqual({
      name: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', status: 400,
    });
    expect(await refusal(assume(saml(), dba, demo, 899))).toMatchObject({ name: 'ValidationError', message: expect.stringContaining('greater than or equal to 900') as unknown });
    expect(await refusal(assume(saml(), longRole, demo, 43201))).toMatchObject({ name: 'ValidationError', message: expect.stringContaining('less than or equal to 43200') as unknown });
  });

  it('refuses assertions too short, too long, or not base64, without echoing them', async () => {
    expect(await refusal(assume('abc'))).toMatchObject({ name: 'ValidationError', message: expect.stringContaining('greater than or equal to 4') as unknown });
    const tooLong = 'A'.repeat(100_004);
    const long = await refusal(assume(tooLong));
    expect(long).toMatchObject({ name: 'ValidationError', message: expect.stringContaining('less than or equal to 100000') as unknown });
    expect(long.message).not.toContain('AAAA');
    expect(await refusal(assume('not*base64!'))).toMatchObject({ name: 'InvalidIdentityTokenException' });
  });

  it('reports an IdP failure status as IDPRejectedClaim', async () => {
    expect(await refusal(assume(saml({ status: { code: 'Responder', subCode: 'AuthnFailed' } })))).toMatchObject({ name: 'IDPRejectedClaimException', status: 403 });
  });

  it('refuses a missing or malformed RoleSessionName and SessionDuration', async () => {
    expect(await refusal(assume(saml({ roleSessionName: 'has space' })))).toMatchObject({ name: 'InvalidIdentityTokenException', message: expect.stringContaining('RoleSessionName') as unknown });
    expect(await refusal(assume(saml({ sessionDuration: 60 })))).toMatchObject({ name: 'InvalidIdentityTokenException', message: expect.stringContaining('SessionDuration') as unknown });
  });
});
