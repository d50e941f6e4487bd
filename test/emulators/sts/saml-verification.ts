import type { Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { decryptAssertionXml } from './saml-encryption.js';
import { invalidIdentityToken, StsError } from './sts-error.js';
import { attributeOf, childElements, descendants, ns, onlyChild, onlyPath, parseStrictXml, serializeXml, textOf } from './xml-dom.js';

/**
 * Verifies a SAMLResponse the way AWS STS does before it trusts a single fact in it:
 * XML signature with the registered provider's certificate (never the KeyInfo in the message),
 * facts read only from the XML that the signature covers (defeats signature wrapping),
 * then issuer, audience, recipient and validity period.
 */

/** The facts of a verified assertion that STS acts on and reports back. */
export interface VerifiedAssertion {
  readonly issuer: string;
  readonly subject: string;
  /** `persistent`, `transient`, or the full NameID Format URI, as STS reports it. */
  readonly subjectType: string;
  /** The Recipient the IdP addressed (STS answers it as `Audience`). */
  readonly recipient: string;
  /** Raw Role attribute values. */
  readonly roleValues: readonly string[];
  readonly roleSessionName: string;
  readonly sessionDuration: number | undefined;
}

export interface SamlVerificationInput {
  readonly samlAssertion: string;
  readonly certificatePem: string;
  /** When the provider's metadata names an entity ID, the Issuer must be it. */
  readonly expectedIssuer: string | undefined;
  /** Key for encrypted assertions (a provider with SAML encryption on). */
  readonly decryptionKeyPem: string | undefined;
  readonly acceptedAudiences: readonly string[];
  readonly isAcceptedRecipient: (url: string) => boolean;
  readonly now: Date;
}

const roleAttribute = 'https://aws.amazon.com/SAML/Attributes/Role';
const roleSessionNameAttribute = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';
const sessionDurationAttribute = 'https://aws.amazon.com/SAML/Attributes/SessionDuration';
const success = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const bearer = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const acceptedSignatureMethods = ['http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2000/09/xmldsig#rsa-sha1'];
/** STS takes an assertion only within 5 minutes of its IssueInstant; NotBefore gets the same allowance for skew. */
const redeemWindowMs = 5 * 60_000;

/** Strict base64 (line breaks tolerated, as some IdPs wrap); undefined when not base64. */
function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

function parseSamlTime(value: string | undefined): Date | undefined {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Checks the enveloped signature `signature` (a child of `signedElement`) against the certificate and returns
 * the element as the signature covers it, parsed from xml-crypto's signed bytes, not from the message.
 */
function verifiedCopy(xml: string, signature: Element, signedElement: Element, certificatePem: string): Element {
  const method = attributeOf(onlyPath(signature, ns.dsig, 'SignedInfo', 'SignatureMethod'), 'Algorithm');
  if (method === undefined || !acceptedSignatureMethods.includes(method)) {
    throw invalidIdentityToken('The SAML response is signed with an algorithm STS does not accept; use RSA-SHA256.');
  }
  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  let signedReferences: string[];
  try {
    verifier.loadSignature(serializeXml(signature));
    signedReferences = verifier.checkSignature(xml) ? verifier.getSignedReferences() : [];
  } catch {
    signedReferences = [];
  }
  const [signedXml] = signedReferences;
  if (signedReferences.length !== 1 || signedXml === undefined) {
    throw invalidIdentityToken('Invalid signature: the SAML response was not signed by the identity provider registered for this SAML provider.');
  }
  const copy = parseStrictXml(signedXml);
  const id = attributeOf(signedElement, 'ID');
  if (copy.namespaceURI !== signedElement.namespaceURI || copy.localName !== signedElement.localName || id === undefined || attributeOf(copy, 'ID') !== id) {
    throw invalidIdentityToken('Invalid signature: the signature does not cover the element that carries it.');
  }
  return copy;
}

function signatureOf(element: Element): Element | undefined {
  const signatures = childElements(element, ns.dsig, 'Signature');
  if (signatures.length > 1) throw invalidIdentityToken('The SAML response has more than one signature on one element.');
  return signatures[0];
}

/** The single assertion, from the signed response when there is one; decrypted when encrypted. */
function locateAssertion(input: SamlVerificationInput, xml: string, response: Element): Element {
  const responseSignature = signatureOf(response);
  const source = responseSignature === undefined ? response : verifiedCopy(xml, responseSignature, response, input.certificatePem);
  const plain = childElements(source, ns.assertion, 'Assertion');
  const encrypted = childElements(source, ns.assertion, 'EncryptedAssertion');
  if (plain.length + encrypted.length !== 1 || descendants(response, ns.assertion, 'Assertion').length !== plain.length) {
    throw invalidIdentityToken('The SAML response must contain exactly one assertion.');
  }
  let assertionXml = xml;
  let assertion = plain[0];
  const [encryptedAssertion] = encrypted;
  if (encryptedAssertion !== undefined) {
    if (input.decryptionKeyPem === undefined) throw invalidIdentityToken('The SAML assertion is encrypted, but SAML encryption is not set up for this provider.');
    try {
      assertionXml = decryptAssertionXml(encryptedAssertion, input.decryptionKeyPem);
      assertion = parseStrictXml(assertionXml);
    } catch {
      throw invalidIdentityToken('The encrypted SAML assertion could not be decrypted with this provider\'s key.');
    }
    if (assertion.namespaceURI !== ns.assertion || assertion.localName !== 'Assertion' || descendants(assertion, ns.assertion, 'Assertion').length !== 0) {
      throw invalidIdentityToken('The encrypted SAML assertion does not hold one assertion.');
    }
  }
  if (assertion === undefined) throw invalidIdentityToken('The SAML response must contain exactly one assertion.');
  const assertionSignature = signatureOf(assertion);
  if (assertionSignature !== undefined) return verifiedCopy(assertionXml, assertionSignature, assertion, input.certificatePem);
  if (responseSignature === undefined) throw invalidIdentityToken('The SAML response is not signed: neither the Response nor the Assertion carries a signature.');
  return assertion;
}

function attributeValues(assertion: Element, name: string): string[] | undefined {
  const statement = onlyChild(assertion, ns.assertion, 'AttributeStatement');
  if (statement === undefined) return undefined;
  const attributes = childElements(statement, ns.assertion, 'Attribute').filter((attribute) => attributeOf(attribute, 'Name') === name);
  if (attributes.length === 0) return undefined;
  return attributes.flatMap((attribute) => childElements(attribute, ns.assertion, 'AttributeValue').map((value) => textOf(value) ?? ''));
}

function checkTimes(input: SamlVerificationInput, assertion: Element, confirmationData: Element): void {
  const now = input.now.getTime();
  const issueInstant = parseSamlTime(attributeOf(assertion, 'IssueInstant'));
  if (issueInstant === undefined) throw invalidIdentityToken('The SAML assertion has no valid IssueInstant.');
  const conditions = onlyChild(assertion, ns.assertion, 'Conditions');
  const limits = [attributeOf(confirmationData, 'NotOnOrAfter'), attributeOf(conditions, 'NotOnOrAfter')].filter((value) => value !== undefined);
  for (const limit of limits) {
    const until = parseSamlTime(limit);
    if (until === undefined) throw invalidIdentityToken('The SAML assertion has an invalid NotOnOrAfter.');
    if (now >= until.getTime()) throw new StsError('ExpiredTokenException', 'Token is expired: the SAML assertion\'s NotOnOrAfter has passed.', 400);
  }
  const notBefore = attributeOf(conditions, 'NotBefore');
  if (notBefore !== undefined && (parseSamlTime(notBefore)?.getTime() ?? Infinity) > now + redeemWindowMs) {
    throw invalidIdentityToken('The SAML assertion is not yet valid (NotBefore is in the future).');
  }
  if (now - issueInstant.getTime() > redeemWindowMs) throw new StsError('ExpiredTokenException', 'Token must be redeemed within 5 minutes of issuance', 400);
  if (issueInstant.getTime() - now > redeemWindowMs) throw invalidIdentityToken('The SAML assertion was issued in the future.');
}

/** The facts of a SAMLResponse, or an StsError with the code and words AWS would answer. */
export function verifySamlResponse(input: SamlVerificationInput): VerifiedAssertion {
  const xml = decodeBase64(input.samlAssertion);
  if (xml === undefined) throw invalidIdentityToken('The SAML assertion is not valid base64.');
  let response: Element;
  try {
    response = parseStrictXml(xml);
  } catch {
    throw invalidIdentityToken('The SAML assertion is not well-formed XML.');
  }
  if (response.namespaceURI !== ns.protocol || response.localName !== 'Response') throw invalidIdentityToken('The SAML assertion is not a SAML 2.0 Response.');
  const status = attributeOf(onlyPath(response, ns.protocol, 'Status', 'StatusCode'), 'Value');
  if (status !== success) throw new StsError('IDPRejectedClaim', 'The identity provider did not authenticate the user: the SAML response status is not Success.', 403);

  const assertion = locateAssertion(input, xml, response);
  const issuer = textOf(onlyChild(assertion, ns.assertion, 'Issuer'));
  if (issuer === undefined || issuer === '') throw invalidIdentityToken('The SAML assertion has no Issuer.');
  if (input.expectedIssuer !== undefined && issuer !== input.expectedIssuer) {
    throw invalidIdentityToken(`The SAML assertion's Issuer "${issuer}" does not match the provider's metadata.`);
  }
  const subjectElement = onlyChild(assertion, ns.assertion, 'Subject');
  const nameId = subjectElement === undefined ? undefined : onlyChild(subjectElement, ns.assertion, 'NameID');
  const confirmations = subjectElement === undefined ? [] : childElements(subjectElement, ns.assertion, 'SubjectConfirmation');
  const [confirmation] = confirmations;
  const confirmationData = confirmation === undefined ? undefined : onlyChild(confirmation, ns.assertion, 'SubjectConfirmationData');
  const recipient = attributeOf(confirmationData, 'Recipient');
  if (nameId === undefined || confirmations.length !== 1 || attributeOf(confirmation, 'Method') !== bearer || confirmationData === undefined
    || recipient === undefined || attributeOf(confirmationData, 'NotOnOrAfter') === undefined) {
    throw invalidIdentityToken('The SAML assertion needs one NameID and exactly one bearer SubjectConfirmation with NotOnOrAfter and Recipient.');
  }
  const audiences = descendants(assertion, ns.assertion, 'AudienceRestriction').flatMap((restriction) => childElements(restriction, ns.assertion, 'Audience').map((audience) => textOf(audience) ?? ''));
  if (!audiences.some((audience) => input.acceptedAudiences.includes(audience))) {
    throw invalidIdentityToken(`The SAML assertion's Audience must be ${input.acceptedAudiences.join(' or ')}.`);
  }
  if (!input.isAcceptedRecipient(recipient)) throw invalidIdentityToken(`The SAML assertion's Recipient "${recipient}" is not an AWS sign-in endpoint.`);
  checkTimes(input, assertion, confirmationData);

  const roleValues = attributeValues(assertion, roleAttribute);
  if (roleValues === undefined || roleValues.length === 0) throw invalidIdentityToken('The SAML assertion has no https://aws.amazon.com/SAML/Attributes/Role attribute.');
  const [roleSessionName, ...moreNames] = attributeValues(assertion, roleSessionNameAttribute) ?? [];
  if (roleSessionName === undefined || moreNames.length > 0) throw invalidIdentityToken('RoleSessionName is required in AuthnResponse (exactly one value).');
  if (!/^[\w+=,.@-]{2,64}$/.test(roleSessionName)) throw invalidIdentityToken('RoleSessionName in AuthnResponse must be 2 to 64 characters of [\\w+=,.@-].');
  const durations = attributeValues(assertion, sessionDurationAttribute);
  let sessionDuration: number | undefined;
  if (durations !== undefined) {
    sessionDuration = durations.length === 1 && /^\d+$/.test(durations[0] ?? '') ? Number(durations[0]) : NaN;
    if (!(sessionDuration >= 900 && sessionDuration <= 43200)) throw invalidIdentityToken('SessionDuration in AuthnResponse must be one whole number from 900 to 43200.');
  }
  const format = attributeOf(nameId, 'Format');
  return {
    issuer,
    subject: textOf(nameId) ?? '',
    subjectType: format === undefined ? 'unspecified' : format.replace(/^urn:oasis:names:tc:SAML:2\.0:nameid-format:/, ''),
    recipient,
    roleValues: roleValues.map((value) => value.trim()),
    roleSessionName,
    sessionDuration,
  };
}
