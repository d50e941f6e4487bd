import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSamlResponse } from '../../../core/saml/read-saml-response.js';
import type { GeneratedResponse } from '../../fixtures/saml/build-saml-response.js';
import { buildSamlResponseXml, toBase64 } from '../../fixtures/saml/build-saml-response.js';
import { expectRefusal } from '../../fixtures/saml/expect-refusal.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/saml/${name}`, import.meta.url), 'utf8');
}

const role = (account: string, name: string, partition = 'aws'): string =>
  `arn:${partition}:iam::${account}:role/${name},arn:${partition}:iam::${account}:saml-provider/idp`;

const generated = (parts: Partial<GeneratedResponse> = {}): string =>
  buildSamlResponseXml({ roleValues: [role('123456789012', 'Reader')], roleSessionName: 'alice', ...parts });

const roleArns = (input: string): readonly string[] => readSamlResponse(input).facts.roles.map((r) => r.roleArn);

describe('readSamlResponse on responses shaped like real IdPs', () => {
  it('reads a SimpleSAMLphp response (saml:/samlp: prefixes, xsi:type values, role paths)', () => {
    const xml = fixture('simplesamlphp.xml');
    const { base64, facts } = readSamlResponse(toBase64(xml));
    expect(base64).toBe(toBase64(xml));
    const { sent, ...rest } = facts;
    // What the IdP sent as sent: explain-response.test.ts checks it.
    expect([sent.responseSigned, sent.roleAttribute]).toEqual([true, true]);
    expect(rest).toEqual({
      roles: [
        {
          roleArn: 'arn:aws:iam::123456789012:role/AtlasReadOnly',
          principalArn: 'arn:aws:iam::123456789012:saml-provider/SimpleSAMLphp',
          accountId: '123456789012',
          roleName: 'AtlasReadOnly',
          partition: 'aws',
        },
        {
          roleArn: 'arn:aws:iam::123456789012:role/team/AtlasAdmin',
          principalArn: 'arn:aws:iam::123456789012:saml-provider/SimpleSAMLphp',
          accountId: '123456789012',
          roleName: 'AtlasAdmin',
          partition: 'aws',
        },
      ],
      skippedRoleValues: 0,
      sessionDuration: 28800,
      roleSessionName: 'alice@example.org',
      destination: 'https://signin.aws.amazon.com/saml',
      partition: 'aws',
      region: 'us-east-1',
      notOnOrAfter: new Date('2025-03-14T09:31:53Z'),
      issueInstant: new Date('2025-03-14T09:26:53Z'),
      encrypted: false,
      issuer: 'https://idp.example.org/simplesaml/saml2/idp/metadata.php',
      subject: '_ce3d2948b4cf20146dee0a0b3dd6f69b6cf86f62d7',
      warnings: [],
    });
  });

  it('reads an Okta response (saml2:/saml2p:, prefixes redeclared on inner elements, provider-first values, a duplicate)', () => {
    const { facts } = readSamlResponse(toBase64(fixture('okta.xml')));
    expect(facts.roles.map((r) => [r.roleArn, r.principalArn])).toEqual([
      ['arn:aws:iam::210987654321:role/Atlas-DBA', 'arn:aws:iam::210987654321:saml-provider/Okta'],
      ['arn:aws:iam::111122223333:role/Atlas-ReadOnly', 'arn:aws:iam::111122223333:saml-provider/Okta'],
    ]);
    expect(facts.skippedRoleValues).toBe(0);
    expect(facts.region).toBe('us-west-2');
    expect(facts.partition).toBe('aws');
    expect(facts.sessionDuration).toBe(3600);
    expect(facts.issueInstant).toEqual(new Date('2025-03-14T10:02:11.381Z'));
    expect(facts.notOnOrAfter).toEqual(new Date('2025-03-14T10:07:11.381Z'));
    expect(facts.issuer).toBe('http://www.okta.com/exk1a2b3c4d5e6f7g8h9');
    expect(facts.subject).toBe('bob@example.com');
  });

  it('reads an auth0 response (default namespaces, redeclared per element, a value padded with whitespace)', () => {
    const { facts } = readSamlResponse(toBase64(fixture('auth0.xml')));
    expect(facts.roles).toEqual([
      {
        roleArn: 'arn:aws:iam::444455556666:role/atlas-developer',
        principalArn: 'arn:aws:iam::444455556666:saml-provider/auth0',
        accountId: '444455556666',
        roleName: 'atlas-developer',
        partition: 'aws',
      },
    ]);
    expect(facts.sessionDuration).toBeNull();
    expect(facts.warnings).toEqual([]);
    expect(facts.issuer).toBe('urn:example.eu.auth0.com');
    expect(facts.subject).toBe('auth0|65f2c1a9b8e7d6c5b4a39281');
  });

  it('reads a pysaml2 response (ns0:/ns1:) for GovCloud with a leading-zero account, in both value orders', () => {
    const { facts } = readSamlResponse(toBase64(fixture('pysaml2.xml')));
    expect(facts.roles.map((r) => [r.roleName, r.accountId, r.partition])).toEqual([
      ['AtlasGov', '000123456789', 'aws-us-gov'],
      ['AtlasGovAdmin', '000123456789', 'aws-us-gov'],
    ]);
    expect(facts.roles[1]?.principalArn).toBe('arn:aws-us-gov:iam::000123456789:saml-provider/pysaml2');
    expect(facts.partition).toBe('aws-us-gov');
    expect(facts.region).toBe('us-gov-west-1');
    expect(facts.sessionDuration).toBe(43200);
    // Conditions (13:05) ends before SubjectConfirmationData (13:15): the earliest wins.
    expect(facts.notOnOrAfter).toEqual(new Date('2025-03-14T13:05:00Z'));
  });

  it('reads an Entra ID / ADFS response (samlp: around a default-namespace Assertion) for AWS China', () => {
    const { facts } = readSamlResponse(toBase64(fixture('entra-id.xml')));
    expect(facts.roles.map((r) => r.roleArn)).toEqual([
      'arn:aws-cn:iam::012345678901:role/AtlasChinaDBA',
      'arn:aws-cn:iam::012345678901:role/AtlasChinaReader',
    ]);
    expect(facts.roles[0]?.accountId).toBe('012345678901');
    expect(facts.partition).toBe('aws-cn');
    expect(facts.region).toBe('cn-north-1');
    expect(facts.sessionDuration).toBe(900);
    expect(facts.issueInstant).toEqual(new Date('2025-03-14T14:20:31.523Z'));
    expect(facts.subject).toBe('erin.wang@example.cn');
  });

  it('accepts an encrypted assertion: no roles, encrypted flagged, the base64 kept for STS', () => {
    const base64 = toBase64(fixture('encrypted.xml'));
    const { base64: kept, facts } = readSamlResponse(base64);
    expect(kept).toBe(base64);
    expect(facts.encrypted).toBe(true);
    expect(facts.roles).toEqual([]);
    expect(facts.region).toBe('eu-central-1');
    expect(facts.partition).toBe('aws');
    expect(facts.subject).toBeNull();
    expect(facts.issuer).toBe('https://idp.example.org/simplesaml/saml2/idp/metadata.php');
  });
});

describe('readSamlResponse input forms', () => {
  const xml = generated();

  it('keeps posted base64 exactly (line breaks included), only trimming the ends', () => {
    const wrapped = toBase64(xml).replace(/.{76}/g, '$&\r\n');
    const { base64, facts } = readSamlResponse(`\n  ${wrapped}  \n`);
    expect(base64).toBe(wrapped.trim());
    expect(facts.roles).toHaveLength(1);
  });

  it('takes decoded XML and sends the base64 of its UTF-8 bytes', () => {
    const withAccent = generated({ roleSessionName: 'zoë' });
    const { base64, facts } = readSamlResponse(`\n${withAccent}\n`);
    expect(Buffer.from(base64, 'base64').toString('utf8')).toBe(withAccent);
    expect(facts.warnings[0]).toContain('RoleSessionName');
  });

  it('takes the whole urlencoded form body, RelayState first or last', () => {
    const base64 = toBase64(xml);
    for (const body of [`SAMLResponse=${encodeURIComponent(base64)}&RelayState=x`, `RelayState=x&SAMLResponse=${encodeURIComponent(base64)}`]) {
      expect(readSamlResponse(body).base64).toBe(base64);
    }
  });

  it('refuses a form body with two SAMLResponse fields', () => {
    const value = encodeURIComponent(toBase64(xml));
    expectRefusal(() => readSamlResponse(`SAMLResponse=${value}&SAMLResponse=${value}`), 'saml-duplicate-form-field', [value.slice(0, 20)]);
  });
});

describe('readSamlResponse destinations', () => {
  it.each([
    ['https://signin.aws.amazon.com/saml', 'aws', 'us-east-1'],
    ['https://ap-southeast-2.signin.aws.amazon.com/saml', 'aws', 'ap-southeast-2'],
    ['https://signin.amazonaws-us-gov.com/saml', 'aws-us-gov', 'us-gov-west-1'],
    ['https://us-gov-east-1.signin.amazonaws-us-gov.com/saml', 'aws-us-gov', 'us-gov-east-1'],
    ['https://signin.amazonaws.cn/saml', 'aws-cn', 'cn-north-1'],
    ['https://cn-northwest-1.signin.amazonaws.cn/saml', 'aws-cn', 'cn-northwest-1'],
  ])('%s → %s %s', (destination, partition, region) => {
    const { facts } = readSamlResponse(generated({ destination }));
    expect(facts.destination).toBe(destination);
    expect([facts.partition, facts.region]).toEqual([partition, region]);
  });

  it('has no region for a destination that is not AWS, and takes the partition from the roles', () => {
    const { facts } = readSamlResponse(generated({ destination: 'https://sts.example.test/saml', roleValues: [role('123456789012', 'R', 'aws-us-gov')] }));
    expect(facts.destination).toBe('https://sts.example.test/saml');
    expect(facts.region).toBeNull();
    expect(facts.partition).toBe('aws-us-gov');
  });
});

describe('readSamlResponse role values', () => {
  it('keeps assertion order, de-duplicates pairs given in either order, and keeps leading zeros', () => {
    const values = [
      role('000000000001', 'B'),
      'arn:aws:iam::000000000001:saml-provider/idp , arn:aws:iam::000000000001:role/B',
      `  ${role('012345678901', 'A')}\n`,
      role('000000000001', 'B'),
    ];
    const { facts } = readSamlResponse(generated({ roleValues: values }));
    expect(facts.roles.map((r) => [r.accountId, r.roleName])).toEqual([
      ['000000000001', 'B'],
      ['012345678901', 'A'],
    ]);
    expect(facts.skippedRoleValues).toBe(0);
  });

  it('skips invalid values, counts them and warns in a sentence', () => {
    const values = [role('123456789012', 'Good'), 'not a role', `arn:aws:iam::123456789012:role/X,arn:aws:iam::999999999999:saml-provider/idp`, ''];
    const { facts } = readSamlResponse(generated({ roleValues: values }));
    expect(facts.roles.map((r) => r.roleName)).toEqual(['Good']);
    expect(facts.skippedRoleValues).toBe(3);
    expect(facts.warnings).toEqual([expect.stringMatching(/^3 values of the SAML Role attribute are not .*skipped.*\.$/)]);
  });

  it('decodes the predefined entities, character references and CDATA in values', () => {
    const xml = generated({ roleValues: ['PLACEHOLDER'] }).replace(
      'PLACEHOLDER',
      'arn:aws:iam::123456789012:role/&#x41;tlas&#64;team,<![CDATA[arn:aws:iam::123456789012:saml-provider/idp]]>',
    );
    expect(roleArns(xml)).toEqual(['arn:aws:iam::123456789012:role/Atlas@team']);
  });

  it('joins values of the same attribute split over several Attribute elements', () => {
    const xml = generated({ roleValues: [role('123456789012', 'One')] }).replace(
      '</saml:AttributeStatement>',
      `<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>${role('123456789012', 'Two')}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>`,
    );
    expect(roleArns(xml)).toEqual(['arn:aws:iam::123456789012:role/One', 'arn:aws:iam::123456789012:role/Two']);
  });

  it('resolves namespaces, not prefixes: a prefix rebound on an inner element, and prefixes swapped', () => {
    const rebound = generated({ protocolPrefix: 'x', assertionPrefix: 'y' })
      .replace('<y:Assertion ', '<x:Assertion xmlns:x="urn:oasis:names:tc:SAML:2.0:assertion" ')
      .replace('</y:Assertion>', '</x:Assertion>');
    expect(roleArns(rebound)).toEqual(['arn:aws:iam::123456789012:role/Reader']);
    const swapped = generated({ protocolPrefix: 'saml', assertionPrefix: 'samlp' });
    expect(roleArns(swapped)).toEqual(['arn:aws:iam::123456789012:role/Reader']);
  });

  it('ignores a Role attribute outside the AWS namespace trick: an element named saml:Attribute in another namespace', () => {
    const xml = generated().replace(
      '<saml:AttributeStatement>',
      `<saml:AttributeStatement><evil:Attribute xmlns:evil="urn:evil" Name="https://aws.amazon.com/SAML/Attributes/Role"><evil:AttributeValue>${role('999999999999', 'Evil')}</evil:AttributeValue></evil:Attribute>`,
    );
    expect(roleArns(xml)).toEqual(['arn:aws:iam::123456789012:role/Reader']);
  });
});

describe('readSamlResponse session attributes', () => {
  it.each(['900', '43200', ' 3600 '])('accepts SessionDuration %j', (value) => {
    const { facts } = readSamlResponse(generated({ sessionDuration: value }));
    expect(facts.sessionDuration).toBe(Number(value));
    expect(facts.warnings).toEqual([]);
  });

  it.each(['899', '43201', '3600.5', '-900', 'one hour', '', '0x384'])('ignores SessionDuration %j with a warning', (value) => {
    const { facts } = readSamlResponse(generated({ sessionDuration: value }));
    expect(facts.sessionDuration).toBeNull();
    expect(facts.warnings).toEqual([expect.stringMatching(/^The identity provider sends a SessionDuration .*900 to 43,200.*\.$/)]);
  });

  it('reads RoleSessionName, and warns when it is missing or one AWS refuses', () => {
    expect(readSamlResponse(generated({ roleSessionName: 'alice@example.org' })).facts.roleSessionName).toBe('alice@example.org');
    const missing = readSamlResponse(buildSamlResponseXml({ roleValues: [role('123456789012', 'R')] })).facts;
    expect(missing.roleSessionName).toBeNull();
    expect(missing.warnings).toEqual([expect.stringContaining('no RoleSessionName attribute')]);
    const invalid = readSamlResponse(generated({ roleSessionName: 'alice smith' })).facts;
    expect(invalid.roleSessionName).toBeNull();
    expect(invalid.warnings).toEqual([expect.stringContaining('RoleSessionName AWS does not accept')]);
  });

  it('warns about an unreadable NotOnOrAfter and keeps the valid one', () => {
    const xml = generated().replace('NotOnOrAfter="2025-03-14T09:10:00Z"', 'NotOnOrAfter="2025-02-30T09:10:00Z"');
    const { facts } = readSamlResponse(xml);
    expect(facts.notOnOrAfter).toEqual(new Date('2025-03-14T09:05:00Z'));
    expect(facts.warnings).toEqual([expect.stringContaining('NotOnOrAfter time is not a valid date')]);
  });
});

describe('readSamlResponse size limit (STS accepts at most 100,000 characters)', () => {
  /** A valid response padded (inside a comment) to exactly `bytes` UTF-8 bytes. */
  function responseOfBytes(bytes: number): string {
    const base = generated();
    const padded = base.replace('</samlp:Response>', '<!---->\n</samlp:Response>');
    const missing = bytes - Buffer.byteLength(padded);
    return padded.replace('<!---->', `<!--${'p'.repeat(missing)}-->`);
  }

  it('accepts base64 of exactly 100,000 characters', () => {
    const base64 = toBase64(responseOfBytes(75_000));
    expect(base64).toHaveLength(100_000);
    expect(readSamlResponse(base64).base64).toBe(base64);
  });

  it('accepts XML whose base64 is exactly 100,000 characters', () => {
    expect(readSamlResponse(responseOfBytes(75_000)).base64).toHaveLength(100_000);
  });

  it('refuses 100,001 characters, counting a posted line break, before decoding', () => {
    const base64 = toBase64(responseOfBytes(75_000));
    const posted = `${base64.slice(0, 50_000)}\n${base64.slice(50_000)}`;
    const error = expectRefusal(() => readSamlResponse(posted), 'saml-too-large', [base64.slice(0, 30)]);
    expect(error.message).toContain('100,001');
    expectRefusal(() => readSamlResponse('!'.repeat(100_001)), 'saml-too-large');
  });

  it('refuses XML whose base64 would exceed it, and huge input without scanning it', () => {
    const error = expectRefusal(() => readSamlResponse(responseOfBytes(75_001)), 'saml-too-large');
    expect(error.message).toContain('100,004');
    expectRefusal(() => readSamlResponse(`<${'a'.repeat(500_000)}`), 'saml-too-large');
  });
});

describe('readSamlResponse refusals', () => {
  it('refuses empty input', () => {
    for (const input of ['', '   \r\n\t ']) expectRefusal(() => readSamlResponse(input), 'saml-empty');
  });

  it('applies one UTF-8 rule to raw XML and base64: invalid UTF-8 is refused either way, valid bytes are read', () => {
    const xml = generated();
    const bytes = Buffer.from(xml, 'utf8');
    const broken = Buffer.concat([bytes.subarray(0, 60), Buffer.from([0xff, 0xfe]), bytes.subarray(60)]);
    expectRefusal(() => readSamlResponse(broken.toString('base64')), 'saml-not-base64');
    expectRefusal(() => readSamlResponse(broken), 'saml-malformed-xml');
    // Text that was decoded leniently elsewhere, or cut inside a character, holds lone surrogates.
    expectRefusal(() => readSamlResponse(`${xml.slice(0, 60)}\uD800${xml.slice(60)}`), 'saml-malformed-xml');
    expect(readSamlResponse(bytes).base64).toBe(toBase64(xml));
    expect(readSamlResponse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])).base64).toBe(toBase64(xml));
  });

  it('refuses what is not base64, or base64 of something that is not XML text', () => {
    for (const input of ['not base64!', 'abcde', 'ab=c', Buffer.from([0xff, 0xfe, 0xfd, 0x80]).toString('base64'), toBase64('hello, world')]) {
      expectRefusal(() => readSamlResponse(input), 'saml-not-base64');
    }
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE r [<!ENTITY lol "lol">]>'],
    ['a lower-case doctype', '<!doctype samlp:Response>'],
    ['an ENTITY on its own', '<!EnTiTy x "y">'],
  ])('refuses %s, also when base64-encoded', (_what, declaration) => {
    const xml = generated().replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0"?>${declaration}`);
    expectRefusal(() => readSamlResponse(xml), 'saml-forbidden-dtd');
    expectRefusal(() => readSamlResponse(toBase64(xml)), 'saml-forbidden-dtd');
  });

  it('refuses XML that is not well-formed, saying where but not what', () => {
    const xml = generated().replace('</saml:Conditions>', '');
    const error = expectRefusal(() => readSamlResponse(toBase64(xml)), 'saml-malformed-xml', ['Conditions', 'urn:amazon']);
    expect(error.message).toMatch(/line \d+, column \d+/);
  });

  it.each([
    ['an undefined entity', (xml: string) => xml.replace('_subject', '&secret;')],
    ['a bare ampersand', (xml: string) => xml.replace('_subject', 'a&b')],
    ['a reference to NUL', (xml: string) => xml.replace('_subject', '&#0;')],
    ['a control character', (xml: string) => xml.replace('_subject', '\u0001')],
    ['an undeclared prefix', (xml: string) => xml.replace(/saml:Audience>/g, 'nope:Audience>')],
    ['a second root element', (xml: string) => `${xml}<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`],
    ['a raw < in an attribute', (xml: string) => xml.replace('ID="_a1"', 'ID="<_a1"')],
    ['nesting deeper than any SAML', (xml: string) => xml.replace('_subject', `${'<a>'.repeat(200)}${'</a>'.repeat(200)}`)],
    ['a reserved name', (xml: string) => xml.replace('_subject', '<__proto__/>')],
  ])('refuses %s', (_what, mutate) => {
    expectRefusal(() => readSamlResponse(mutate(generated())), 'saml-malformed-xml', ['_subject']);
  });

  it('refuses XML that is not a SAML 2.0 protocol Response, whatever its prefix says', () => {
    const authnRequest = '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1" Version="2.0"/>';
    const saml11 = generated().replace('xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"', 'xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol"');
    const misbound = generated().replace('xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"', 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:assertion"');
    for (const xml of [authnRequest, saml11, misbound, '<html><body>Sign in</body></html>']) {
      const error = expectRefusal(() => readSamlResponse(xml), 'saml-not-a-response');
      expect(error.message).toContain('not a SAML 2.0 Response');
    }
  });

  it('refuses a failed status, naming both status codes and the IdP message', () => {
    const error = expectRefusal(() => readSamlResponse(toBase64(fixture('status-authn-failed.xml'))), 'saml-status-not-success');
    expect(error.message).toContain('Responder / AuthnFailed ("User is not assigned to the AWS application.")');
  });

  it('makes the IdP status message safe to show: no control or bidi characters, bounded length', () => {
    const xml = fixture('status-authn-failed.xml').replace(/<samlp:StatusMessage>[^]*<\/samlp:StatusMessage>/, `<samlp:StatusMessage>a&#x9;b\u202Ec&#x7;${'more '.repeat(200)}</samlp:StatusMessage>`);
    // &#x7; is not an XML character: the whole response is refused as malformed.
    expectRefusal(() => readSamlResponse(xml), 'saml-malformed-xml');
    const readable = xml.replace('&#x7;', '');
    const error = expectRefusal(() => readSamlResponse(readable), 'saml-status-not-success');
    expect(error.message).toContain('("a b c');
    expect(error.message).not.toMatch(/[\p{Cc}\u202e]/u);
    expect(error.message.length).toBeLessThan(500);
  });

  it('refuses a response without a Status', () => {
    const xml = generated().replace(/<samlp:Status>.*<\/samlp:Status>/, '');
    expectRefusal(() => readSamlResponse(xml), 'saml-not-a-response');
  });

  it('refuses a response without an assertion, or with one only hidden inside extensions', () => {
    const status = '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>';
    const bare = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${status}</samlp:Response>`;
    expectRefusal(() => readSamlResponse(bare), 'saml-no-assertion');
    const hidden = generated().replace(/(<saml:Assertion [^]*<\/saml:Assertion>)/, '<samlp:Extensions>$1</samlp:Extensions>');
    expectRefusal(() => readSamlResponse(hidden), 'saml-no-assertion');
  });

  it('refuses more than one assertion, wherever the second one hides', () => {
    const xml = generated();
    const assertion = /<saml:Assertion [^]*<\/saml:Assertion>/.exec(xml)?.[0] ?? '';
    const twice = xml.replace(assertion, assertion + assertion);
    const wrapped = xml.replace('</samlp:Status>', `</samlp:Status><samlp:Extensions>${assertion}</samlp:Extensions>`);
    const withEncrypted = xml.replace(assertion, `${assertion}<saml:EncryptedAssertion/>`);
    for (const input of [twice, wrapped, withEncrypted]) {
      const error = expectRefusal(() => readSamlResponse(input), 'saml-multiple-assertions', ['Reader']);
      expect(error.message).toContain('2 assertions');
    }
  });

  it('refuses a response without the Role attribute, telling what the IdP must send', () => {
    const xml = generated().replace('https://aws.amazon.com/SAML/Attributes/Role"', 'https://aws.amazon.com/SAML/Attributes/Rolez"');
    const error = expectRefusal(() => readSamlResponse(xml), 'saml-no-role-attribute');
    expect(error.message).toContain('https://aws.amazon.com/SAML/Attributes/Role attribute');
    expect(error.message).toContain('IdP administrator');
  });

  it('refuses a Role attribute with no valid value, without echoing the values', () => {
    const values = ['arn:aws:iam::123456789012:role/Bad', 'arn:aws:iam::123456789012:role/A,arn:aws-cn:iam::123456789012:saml-provider/p', ''];
    const error = expectRefusal(() => readSamlResponse(generated({ roleValues: values })), 'saml-no-valid-role', ['role/Bad']);
    expect(error.message).toContain('None of the 3 values');
  });
});
