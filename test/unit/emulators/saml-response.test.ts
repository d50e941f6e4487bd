import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { SignedXml } from 'xml-crypto';
import { attackerKey, awsSamlEncryptionKey, buildSamlResponseBase64, buildSamlResponseXml, fixtureIdpKey } from '../../emulators/idp/saml-response.js';
import { decryptAssertionXml } from '../../emulators/sts/saml-encryption.js';
import { attributeOf, childElements, descendants, ns, onlyChild, onlyPath, parseStrictXml, serializeXml, textOf } from '../../emulators/sts/xml-dom.js';

const roleValue = 'arn:aws:iam::123456789012:role/Dba,arn:aws:iam::123456789012:saml-provider/Demo';

function assertionOf(response: Element): Element {
  const assertion = onlyChild(response, ns.assertion, 'Assertion');
  if (assertion === undefined) throw new Error('no assertion');
  return assertion;
}

function attribute(assertion: Element, name: string): string[] {
  return descendants(assertion, ns.assertion, 'Attribute')
    .filter((element) => attributeOf(element, 'Name') === name)
    .flatMap((element) => childElements(element, ns.assertion, 'AttributeValue').map((value) => textOf(value) ?? ''));
}

/** Verifies the signature that is a direct child of `element` with xml-crypto, as a relying party would. */
function signatureValid(xml: string, element: Element, certificatePem: string): boolean {
  const signature = onlyChild(element, ns.dsig, 'Signature');
  if (signature === undefined) return false;
  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  verifier.loadSignature(serializeXml(signature));
  try {
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
}

describe('buildSamlResponseXml', () => {
  it('writes what AWS needs with real namespaces and the documented defaults', () => {
    const issueInstant = new Date('2030-01-02T03:04:05.678Z');
    const response = parseStrictXml(buildSamlResponseXml({ roles: [roleValue], issueInstant, sessionDuration: 7200, extraAttributes: { 'urn:example:team': ['blue', 'green'] } }));
    expect([response.namespaceURI, response.localName, response.prefix]).toEqual([ns.protocol, 'Response', 'samlp']);
    expect(attributeOf(response, 'Destination')).toBe('https://signin.aws.amazon.com/saml');
    expect(attributeOf(response, 'IssueInstant')).toBe('2030-01-02T03:04:05Z');
    expect(attributeOf(onlyPath(response, ns.protocol, 'Status', 'StatusCode'), 'Value')).toBe('urn:oasis:names:tc:SAML:2.0:status:Success');
    const assertion = assertionOf(response);
    expect(textOf(onlyChild(assertion, ns.assertion, 'Issuer'))).toBe('https://idp.example.test/saml');
    expect(textOf(onlyPath(assertion, ns.assertion, 'Subject', 'NameID'))).toBe('alice@example.com');
    const confirmation = onlyPath(assertion, ns.assertion, 'Subject', 'SubjectConfirmation', 'SubjectConfirmationData');
    expect(attributeOf(confirmation, 'Recipient')).toBe('https://signin.aws.amazon.com/saml');
    expect(attributeOf(confirmation, 'NotOnOrAfter')).toBe('2030-01-02T03:09:05Z');
    expect(textOf(onlyPath(assertion, ns.assertion, 'Conditions', 'AudienceRestriction', 'Audience'))).toBe('urn:amazon:webservices');
    expect(attribute(assertion, 'https://aws.amazon.com/SAML/Attributes/Role')).toEqual([roleValue]);
    expect(attribute(assertion, 'https://aws.amazon.com/SAML/Attributes/RoleSessionName')).toEqual(['alice@example.com']);
    expect(attribute(assertion, 'https://aws.amazon.com/SAML/Attributes/SessionDuration')).toEqual(['7200']);
    expect(attribute(assertion, 'urn:example:team')).toEqual(['blue', 'green']);
  });

  it('leaves SessionDuration out unless asked, and uses the given session name, subject and times', () => {
    const notOnOrAfter = new Date('2030-01-01T00:10:00Z');
    const assertion = assertionOf(parseStrictXml(buildSamlResponseXml({
      roles: [roleValue], roleSessionName: 'alice', subject: 'alice@corp.example', issueInstant: new Date('2030-01-01T00:00:00Z'), notOnOrAfter,
    })));
    expect(attribute(assertion, 'https://aws.amazon.com/SAML/Attributes/SessionDuration')).toEqual([]);
    expect(attribute(assertion, 'https://aws.amazon.com/SAML/Attributes/RoleSessionName')).toEqual(['alice']);
    expect(textOf(onlyPath(assertion, ns.assertion, 'Subject', 'NameID'))).toBe('alice@corp.example');
    expect(attributeOf(onlyChild(assertion, ns.assertion, 'Conditions'), 'NotOnOrAfter')).toBe('2030-01-01T00:10:00Z');
  });

  it.each(['samlp', 'saml2p', 'none'] as const)('writes %s prefixes that resolve to the same namespaces', (prefixes) => {
    const response = parseStrictXml(buildSamlResponseXml({ roles: [roleValue], prefixes }));
    expect(response.namespaceURI).toBe(ns.protocol);
    expect(response.prefix).toBe(prefixes === 'none' ? null : prefixes);
    expect(onlyChild(response, ns.assertion, 'Issuer')).toBeDefined();
    expect(attribute(assertionOf(response), 'https://aws.amazon.com/SAML/Attributes/Role')).toEqual([roleValue]);
  });

  it('signs Response and Assertion by default (rsa-sha256, exclusive c14n), verifiable with the IdP certificate only', () => {
    const xml = buildSamlResponseXml({ roles: [roleValue] });
    const response = parseStrictXml(xml);
    const signature = onlyChild(response, ns.dsig, 'Signature');
    expect(attributeOf(onlyPath(signature as Element, ns.dsig, 'SignedInfo', 'SignatureMethod'), 'Algorithm')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(attributeOf(onlyPath(signature as Element, ns.dsig, 'SignedInfo', 'CanonicalizationMethod'), 'Algorithm')).toBe('http://www.w3.org/2001/10/xml-exc-c14n#');
    expect(signatureValid(xml, response, fixtureIdpKey.certificatePem)).toBe(true);
    expect(signatureValid(xml, assertionOf(response), fixtureIdpKey.certificatePem)).toBe(true);
    expect(signatureValid(xml, response, attackerKey.certificatePem)).toBe(false);
  });

  it('signs only what it is told to, with the key it is given', () => {
    const responseOnly = parseStrictXml(buildSamlResponseXml({ roles: [roleValue], sign: 'response' }));
    expect(childElements(responseOnly, ns.dsig, 'Signature')).toHaveLength(1);
    expect(childElements(assertionOf(responseOnly), ns.dsig, 'Signature')).toHaveLength(0);
    const assertionOnlyXml = buildSamlResponseXml({ roles: [roleValue], sign: 'assertion', key: attackerKey, signatureAlgorithm: 'rsa-sha1' });
    const assertionOnly = parseStrictXml(assertionOnlyXml);
    expect(childElements(assertionOnly, ns.dsig, 'Signature')).toHaveLength(0);
    expect(signatureValid(assertionOnlyXml, assertionOf(assertionOnly), attackerKey.certificatePem)).toBe(true);
    expect(signatureValid(assertionOnlyXml, assertionOf(assertionOnly), fixtureIdpKey.certificatePem)).toBe(false);
    expect(descendants(parseStrictXml(buildSamlResponseXml({ roles: [roleValue], sign: 'none' })), ns.dsig, 'Signature')).toHaveLength(0);
  });

  it('gives every Response and Assertion a fresh ID that is a valid xsd:ID', () => {
    const ids = [1, 2].flatMap(() => {
      const response = parseStrictXml(buildSamlResponseXml({ roles: [roleValue] }));
      return [attributeOf(response, 'ID'), attributeOf(assertionOf(response), 'ID')];
    });
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^_[0-9a-f]{40}$/);
  });

  it('drops the assertion and reports the status when the IdP refuses', () => {
    const response = parseStrictXml(buildSamlResponseXml({ roles: [roleValue], status: { code: 'Responder', subCode: 'AuthnFailed', message: 'Wrong password' } }));
    const code = onlyPath(response, ns.protocol, 'Status', 'StatusCode');
    expect(attributeOf(code, 'Value')).toBe('urn:oasis:names:tc:SAML:2.0:status:Responder');
    expect(attributeOf(onlyChild(code as Element, ns.protocol, 'StatusCode'), 'Value')).toBe('urn:oasis:names:tc:SAML:2.0:status:AuthnFailed');
    expect(textOf(onlyPath(response, ns.protocol, 'Status', 'StatusMessage'))).toBe('Wrong password');
    expect(descendants(response, ns.assertion, 'Assertion')).toHaveLength(0);
  });

  it('encrypts the assertion so the roles cannot be read without the AWS provider key', () => {
    const xml = buildSamlResponseXml({ roles: [roleValue], encryptAssertion: true });
    expect(xml).not.toContain('role/Dba');
    const response = parseStrictXml(xml);
    const encrypted = onlyChild(response, ns.assertion, 'EncryptedAssertion');
    expect(encrypted).toBeDefined();
    const assertion = parseStrictXml(decryptAssertionXml(encrypted as Element, awsSamlEncryptionKey.privateKeyPem));
    expect(attribute(assertion, 'https://aws.amazon.com/SAML/Attributes/Role')).toEqual([roleValue]);
    expect(() => decryptAssertionXml(encrypted as Element, attackerKey.privateKeyPem)).toThrow();
  });

  it('escapes values and base64-encodes the exact XML', () => {
    const spec = { roles: [roleValue], subject: 'a<b>&"c"', sign: 'none' } as const;
    const assertion = assertionOf(parseStrictXml(buildSamlResponseXml(spec)));
    expect(textOf(onlyPath(assertion, ns.assertion, 'Subject', 'NameID'))).toBe('a<b>&"c"');
    const decoded = Buffer.from(buildSamlResponseBase64(spec), 'base64').toString('utf8');
    expect(parseStrictXml(decoded).localName).toBe('Response');
  });
});
