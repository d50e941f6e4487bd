import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IdpProblemCode, IdpReport } from '../../../core/saml/explain-response.js';
import { explainSamlFacts, idpProblemCodes } from '../../../core/saml/explain-response.js';
import { inspectSamlResponse, readSamlResponse } from '../../../core/saml/read-saml-response.js';
import { idpReportText } from '../../../core/session/idp-report-text.js';
import { buildSamlResponseBase64 } from '../../emulators/idp/saml-response.js';
import type { GeneratedResponse } from '../../fixtures/saml/build-saml-response.js';
import { buildSamlResponseXml } from '../../fixtures/saml/build-saml-response.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/saml/${name}`, import.meta.url), 'utf8');
const reader = 'arn:aws:iam::123456789012:role/Reader,arn:aws:iam::123456789012:saml-provider/idp';
/** The fixture builder's assertion is valid until 2025-03-14T09:05:00Z. */
const beforeExpiry = new Date('2025-03-14T09:01:00Z');

const explain = (input: string, now = beforeExpiry, acceptedDestinations?: readonly string[]): IdpReport =>
  explainSamlFacts(inspectSamlResponse(input).facts, { now, ...(acceptedDestinations === undefined ? {} : { acceptedDestinations }) });
const crafted = (parts: Partial<GeneratedResponse>): string => buildSamlResponseXml({ roleValues: [reader], roleSessionName: 'alice', sessionDuration: '3600', ...parts });
const codes = (report: IdpReport): readonly IdpProblemCode[] => report.problems.map((problem) => problem.code);

describe('explainSamlFacts on real IdP responses', () => {
  it('shows what SimpleSAMLphp sent, with no problem while the assertion is fresh', () => {
    const report = explain(fixture('simplesamlphp.xml'), new Date('2025-03-14T09:27:03Z'));
    expect(report).toMatchObject({
      issuer: 'https://idp.example.org/simplesaml/saml2/idp/metadata.php',
      destination: 'https://signin.aws.amazon.com/saml',
      audience: 'urn:amazon:webservices',
      issuedAt: '2025-03-14T09:26:53.000Z',
      expiresAt: '2025-03-14T09:31:53.000Z',
      clockSkewSeconds: 10,
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
      roleSessionName: 'alice@example.org',
      sessionDuration: '28800',
      responseSigned: true,
      encrypted: false,
      problems: [],
    });
    expect(report.roles.map((role) => [role.position, role.roleArn, role.order, role.partition])).toEqual([
      [1, 'arn:aws:iam::123456789012:role/AtlasReadOnly', 'role,provider', 'aws'],
      [2, 'arn:aws:iam::123456789012:role/team/AtlasAdmin', 'role,provider', 'aws'],
    ]);
  });

  it('tells the order of provider-first values and keeps duplicates as sent (Okta)', () => {
    const report = explain(fixture('okta.xml'), new Date('2025-03-14T10:02:30Z'));
    expect(report.roles.map((role) => role.order)).toEqual(['provider,role', 'provider,role', 'provider,role']);
    expect(report.responseSigned).toBe(false);
    expect(report.assertionSigned).toBe(true);
    expect(report.destination).toBe('https://us-west-2.signin.aws.amazon.com/saml');
    expect(report.problems).toEqual([]);
  });

  it('says an encrypted assertion hides its roles and signature rather than guessing', () => {
    const report = explain(fixture('encrypted.xml'));
    expect(report).toMatchObject({ encrypted: true, assertionSigned: null, roles: [] });
    expect(codes(report)).not.toContain('no-role-attribute');
    expect(idpReportText(report)).toContain('unknown (the assertion is encrypted)');
  });

  it('tells Response and Assertion signatures apart on responses signed with a real key', () => {
    for (const sign of ['response', 'assertion', 'both', 'none'] as const) {
      const report = explain(buildSamlResponseBase64({ roles: [reader], sign, issueInstant: beforeExpiry }));
      expect([report.responseSigned, report.assertionSigned]).toEqual([sign === 'response' || sign === 'both', sign === 'assertion' || sign === 'both']);
    }
  });

  it('never shows the signature value, a certificate or the base64', () => {
    const base64 = buildSamlResponseBase64({ roles: [reader], sign: 'both', issueInstant: beforeExpiry });
    const xml = Buffer.from(base64, 'base64').toString('utf8');
    const secrets = [...xml.matchAll(/<(?:ds:)?(?:SignatureValue|X509Certificate|DigestValue)>([^<]+)</g)].map((match) => match[1]?.trim() ?? '');
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const report = explain(base64);
    for (const shown of [JSON.stringify(report), idpReportText(report)]) {
      for (const secret of [...secrets, base64.slice(0, 40)]) expect(shown).not.toContain(secret.slice(0, 24));
    }
  });
});

describe('explainSamlFacts: one sentence and the IdP-side fix for each problem', () => {
  const withoutRoleAttribute = crafted({}).replace(/<saml:Attribute Name="https:\/\/aws\.amazon\.com\/SAML\/Attributes\/Role".*?<\/saml:Attribute>/, '');
  const cases: readonly (readonly [IdpProblemCode, string, RegExp])[] = [
    ['no-role-attribute', withoutRoleAttribute, /no https:\/\/aws\.amazon\.com\/SAML\/Attributes\/Role attribute/],
    ['role-value-not-a-pair', crafted({ roleValues: [reader, 'arn:aws:iam::123456789012:role/Reader'] }), /Role value 2 \("arn:aws:iam::123456789012:role\/Reader"\) is not one role ARN and one SAML provider ARN/],
    ['role-provider-mismatch', crafted({ roleValues: ['arn:aws:iam::123456789012:role/R,arn:aws:iam::999999999999:saml-provider/idp'] }), /account 123456789012 \(partition aws\) with a SAML provider of account 999999999999/],
    ['role-provider-mismatch', crafted({ roleValues: ['arn:aws:iam::123456789012:role/R,arn:aws-us-gov:iam::123456789012:saml-provider/idp'] }), /partition aws\) with a SAML provider of account 123456789012 \(partition aws-us-gov\)/],
    ['role-session-name-missing', buildSamlResponseXml({ roleValues: [reader], sessionDuration: '3600' }), /no https:\/\/aws\.amazon\.com\/SAML\/Attributes\/RoleSessionName attribute/],
    ['role-session-name-too-long', crafted({ roleSessionName: 'a'.repeat(65) }), /is 65 characters long and AWS allows at most 64/],
    ['role-session-name-too-short', crafted({ roleSessionName: 'a' }), /shorter than the 2 characters/],
    ['role-session-name-characters', crafted({ roleSessionName: 'Alice Smith/Ops' }), /contains a space, "\/", which STS refuses/],
    ['session-duration-out-of-range', crafted({ sessionDuration: '600' }), /SessionDuration "600" is not a whole number of seconds from 900 to 43200/],
    ['session-duration-out-of-range', crafted({ sessionDuration: '50000' }), /SessionDuration "50000"/],
    ['session-duration-out-of-range', crafted({ sessionDuration: '1h' }), /SessionDuration "1h"/],
    ['destination-not-aws', crafted({ destination: 'https://idp-proxy.example.test/saml' }), /addressed to https:\/\/idp-proxy\.example\.test\/saml, which is not an AWS sign-in endpoint/],
    ['destination-not-aws', crafted({ destination: 'https://signin.aws.amazon.com/console' }), /which is not an AWS sign-in endpoint/],
  ];

  it.each(cases)('%s', (code, input, sentence) => {
    const report = explain(input);
    expect(codes(report)).toEqual([code]);
    const [problem] = report.problems;
    expect(problem?.sentence).toMatch(sentence);
    // One sentence, ending with what to change on the IdP side.
    expect(problem?.sentence).toMatch(/^[A-Z].*: in the IdP's AWS app, .*\.$/);
    expect(problem?.sentence.match(/\. [A-Z]/g)).toBeNull();
  });

  it('finds an assertion already expired, by this computer\'s clock', () => {
    const input = crafted({});
    expect(codes(explain(input, new Date('2025-03-14T09:04:59Z')))).toEqual([]);
    const late = explain(input, new Date('2025-03-14T09:05:00Z'));
    expect(codes(late)).toEqual(['assertion-expired']);
    expect(late.problems[0]?.sentence).toMatch(/expired at 2025-03-14T09:05:00\.000Z, so STS refuses it: sign in again.*IdP server's clock/);
    expect(late.clockSkewSeconds).toBe(300);
  });

  it('accepts a destination the connection is set up to capture', () => {
    const input = crafted({ destination: 'http://127.0.0.1:4000/saml' });
    expect(codes(explain(input))).toEqual(['destination-not-aws']);
    expect(codes(explain(input, beforeExpiry, ['http://127.0.0.1:4000/saml']))).toEqual([]);
  });

  it('has a crafted case for every problem code', () => {
    const covered = new Set([...cases.map(([code]) => code), 'assertion-expired']);
    expect([...idpProblemCodes].filter((code) => !covered.has(code))).toEqual([]);
  });

  it('keeps responses readSamlResponse refuses, so they can be explained', () => {
    expect(() => readSamlResponse(withoutRoleAttribute)).toThrow(expect.objectContaining({ code: 'saml-no-role-attribute' }));
    const mismatchOnly = crafted({ roleValues: ['arn:aws:iam::123456789012:role/R,arn:aws:iam::999999999999:saml-provider/idp'] });
    expect(() => readSamlResponse(mismatchOnly)).toThrow(expect.objectContaining({ code: 'saml-no-valid-role' }));
    expect(inspectSamlResponse(mismatchOnly).facts.roles).toEqual([]);
  });

  it('prints each problem after the facts for people', () => {
    const text = idpReportText(explain(crafted({ sessionDuration: '600', roleSessionName: 'a'.repeat(65) })));
    expect(text).toMatch(/^What the IdP sent\nIssuer: +https:\/\/idp\.example\.org\/metadata\n/);
    expect(text).toMatch(/Issued: +2025-03-14T09:00:00\.000Z \(1 min 0 s ago by this computer's clock\)/);
    expect(text).toMatch(/Problems \(2\):\n {2}- The RoleSessionName .*\n {2}- The SessionDuration "600"/);
  });
});
