import type { Partition } from '../aws/partitions.js';
import type { Role } from '../aws/role.js';
import { stsLocationOfSigninUrl } from '../aws/signin-endpoints.js';
import { AtlasSsoError } from '../errors.js';
import { decodeSamlInput } from './decode-input.js';
import { displayText } from '../display-text.js';
import { parseSamlInstant } from './parse-saml-instant.js';
import { parseXml } from './parse-xml.js';
import { readAttributeValues } from './read-attributes.js';
import type { RoleValue } from './read-roles.js';
import { readRoles } from './read-roles.js';
import type { RoleSessionNameProblem, SessionDurationProblem } from './read-session-attributes.js';
import { readSessionAttributes } from './read-session-attributes.js';
import { assertSuccessStatus } from './read-status.js';
import { awsRoleAttribute, samlAssertionNamespace, samlProtocolNamespace, xmlSignatureNamespace } from './saml-names.js';
import type { XmlElement } from './xml-element.js';
import { childElement, childElements, descendantElements } from './xml-element.js';

/** A SAML response as posted by the IdP: the opaque value for STS and what it says, for the person. */
export interface SamlResponse {
  /** The base64 to send to STS, exactly as posted (never re-serialized). Secret. */
  readonly base64: string;
  readonly facts: SamlFacts;
}

/** What the response says, read without checking its signature (STS does that). */
export interface SamlFacts {
  /** Assertion order, trimmed, de-duplicated. */
  readonly roles: readonly Role[];
  /** Role attribute values that were not a role and provider pair (the caller warns). */
  readonly skippedRoleValues: number;
  /** SessionDuration in seconds, only when AWS accepts it (900–43200). */
  readonly sessionDuration: number | null;
  readonly roleSessionName: string | null;
  /** Response/@Destination: the sign-in endpoint the IdP addressed. */
  readonly destination: string | null;
  /** From the destination, else from the roles. */
  readonly partition: Partition | null;
  /** The STS region for the destination; null when it is not an AWS sign-in URL. */
  readonly region: string | null;
  /** The earliest of Conditions/@NotOnOrAfter and SubjectConfirmationData/@NotOnOrAfter. */
  readonly notOnOrAfter: Date | null;
  readonly issueInstant: Date | null;
  /** An EncryptedAssertion cannot be read here: roles are empty and come from the connection instead. */
  readonly encrypted: boolean;
  readonly issuer: string | null;
  /** The NameID, for display. */
  readonly subject: string | null;
  /** Sentences for people: skipped role values, an unusable SessionDuration… */
  readonly warnings: readonly string[];
  /** What the IdP sent as it sent it, for the people who set it up (never a signature, certificate or the base64). */
  readonly sent: SamlSent;
}

/** The IdP's side of the response, usable or not: what `roles --explain` and "What the IdP sent" show. */
export interface SamlSent {
  readonly audience: string | null;
  readonly nameIdFormat: string | null;
  readonly responseSigned: boolean;
  /** Null when the assertion is encrypted: its signature is inside. */
  readonly assertionSigned: boolean | null;
  /** False when the assertion has no Role attribute at all (null when encrypted: unknown). */
  readonly roleAttribute: boolean | null;
  /** Every Role value in assertion order, as read. */
  readonly roleValues: readonly RoleValue[];
  readonly roleSessionName: string | null;
  readonly roleSessionNameProblem: RoleSessionNameProblem | null;
  readonly sessionDuration: string | null;
  readonly sessionDurationProblem: SessionDurationProblem | null;
}

const maxDisplayLength = 256;
const askIdpAdmin = 'ask your IdP administrator to check the AWS app.';

function optionalText(value: string | undefined): string | null {
  const text = value === undefined ? '' : displayText(value, maxDisplayLength);
  return text === '' ? null : text;
}

/** Reads an xs:dateTime attribute; an unreadable one becomes null plus a warning. */
function readInstant(element: XmlElement | undefined, name: string, warnings: string[]): Date | null {
  const value = element?.attributes.get(name);
  if (value === undefined) return null;
  const instant = parseSamlInstant(value);
  if (instant === null) warnings.push(`The SAML response's ${name} time is not a valid date, so it is not shown.`);
  return instant;
}

/**
 * The one assertion AWS reads, a direct child of the Response. A second one anywhere (including hidden in
 * extensions or advice) is refused: it is how signature-wrapping attacks make a reader and STS disagree.
 */
function theAssertion(response: XmlElement): XmlElement {
  const all = [
    ...descendantElements(response, samlAssertionNamespace, 'Assertion'),
    ...descendantElements(response, samlAssertionNamespace, 'EncryptedAssertion'),
  ];
  const [assertion] = all;
  if (all.length > 1) {
    throw new AtlasSsoError(
      'saml-multiple-assertions',
      `The SAML response holds ${all.length} assertions; AWS sign-in uses exactly one, so it was refused. Sign in again; if it keeps happening, ${askIdpAdmin}`,
    );
  }
  if (assertion === undefined || !response.children.includes(assertion)) {
    throw new AtlasSsoError('saml-no-assertion', `The SAML response holds no assertion, so it names no role. Sign in again; if it keeps happening, ${askIdpAdmin}`);
  }
  return assertion;
}

/** The earliest NotOnOrAfter of the Conditions and of every SubjectConfirmationData. */
function readNotOnOrAfter(assertion: XmlElement, subject: XmlElement | undefined, warnings: string[]): Date | null {
  const confirmations = subject === undefined ? [] : childElements(subject, samlAssertionNamespace, 'SubjectConfirmation');
  const limits = [
    childElement(assertion, samlAssertionNamespace, 'Conditions'),
    ...confirmations.map((confirmation) => childElement(confirmation, samlAssertionNamespace, 'SubjectConfirmationData')),
  ].map((element) => readInstant(element, 'NotOnOrAfter', warnings));
  return limits.reduce<Date | null>((earliest, limit) => (limit === null || (earliest !== null && earliest <= limit) ? earliest : limit), null);
}

type AssertionFacts = Pick<SamlFacts, 'roles' | 'skippedRoleValues' | 'sessionDuration' | 'roleSessionName' | 'notOnOrAfter' | 'subject'> & {
  readonly sent: Omit<SamlSent, 'responseSigned'>;
};

const signedBy = (element: XmlElement): boolean => childElement(element, xmlSignatureNamespace, 'Signature') !== undefined;

/** The facts of a readable assertion, usable or not (readSamlResponse refuses one without a usable role). */
function readAssertion(assertion: XmlElement, warnings: string[]): AssertionFacts {
  const attributes = readAttributeValues(assertion);
  const roleValues = attributes.get(awsRoleAttribute);
  const { roles, skipped, values } = readRoles(roleValues ?? []);
  if (skipped > 0 && roles.length > 0) {
    warnings.push(
      `${skipped} value${skipped === 1 ? '' : 's'} of the SAML Role attribute ${skipped === 1 ? 'is' : 'are'} not a role ARN and SAML provider ARN of the same account and ${skipped === 1 ? 'was' : 'were'} skipped; your IdP administrator can fix the AWS app.`,
    );
  }
  const session = readSessionAttributes(attributes);
  warnings.push(...session.warnings);
  const subject = childElement(assertion, samlAssertionNamespace, 'Subject');
  const nameId = subject && childElement(subject, samlAssertionNamespace, 'NameID');
  const conditions = childElement(assertion, samlAssertionNamespace, 'Conditions');
  const restriction = conditions && childElement(conditions, samlAssertionNamespace, 'AudienceRestriction');
  return {
    roles,
    skippedRoleValues: skipped,
    sessionDuration: session.sessionDuration,
    roleSessionName: session.roleSessionName,
    notOnOrAfter: readNotOnOrAfter(assertion, subject, warnings),
    subject: optionalText(nameId?.text),
    sent: {
      audience: optionalText(restriction && childElement(restriction, samlAssertionNamespace, 'Audience')?.text),
      nameIdFormat: optionalText(nameId?.attributes.get('Format')),
      assertionSigned: signedBy(assertion),
      roleAttribute: roleValues !== undefined,
      roleValues: values.map(({ value, reading }) => ({ value: displayText(value, maxDisplayLength), reading })),
      roleSessionName: session.sentRoleSessionName === null ? null : displayText(session.sentRoleSessionName, maxDisplayLength),
      roleSessionNameProblem: session.roleSessionNameProblem,
      sessionDuration: optionalText(session.sentSessionDuration ?? undefined),
      sessionDurationProblem: session.sessionDurationProblem,
    },
  };
}

/** Refuses a response that names no role STS could assume: no Role attribute, or no usable value in it. */
function assertUsableRoles(facts: SamlFacts): void {
  if (facts.encrypted || facts.roles.length > 0) return;
  if (facts.sent.roleAttribute === false) {
    throw new AtlasSsoError(
      'saml-no-role-attribute',
      `The SAML response has no ${awsRoleAttribute} attribute, so it names no AWS role. Your IdP administrator must make the AWS app send it, with one "role ARN,provider ARN" value per role you may use.`,
    );
  }
  throw new AtlasSsoError(
    'saml-no-valid-role',
    `None of the ${facts.sent.roleValues.length} values of the SAML Role attribute is a role ARN and SAML provider ARN of the same AWS account. Your IdP administrator must fix the AWS app's Role attribute ("arn:aws:iam::<account>:role/<name>,arn:aws:iam::<account>:saml-provider/<name>").`,
  );
}

const encryptedFacts: AssertionFacts = {
  roles: [],
  skippedRoleValues: 0,
  sessionDuration: null,
  roleSessionName: null,
  notOnOrAfter: null,
  subject: null,
  sent: {
    audience: null,
    nameIdFormat: null,
    assertionSigned: null,
    roleAttribute: null,
    roleValues: [],
    roleSessionName: null,
    roleSessionNameProblem: null,
    sessionDuration: null,
    sessionDurationProblem: null,
  },
};

/**
 * Reads a SAML response given as the posted base64, the decoded XML, or the whole ACS form body.
 * Refuses, with a sentence a person can act on, anything STS would refuse or that is not a successful sign-in.
 */
export function readSamlResponse(input: string | Uint8Array): SamlResponse {
  const response = inspectSamlResponse(input);
  assertUsableRoles(response.facts);
  return response;
}

/**
 * Reads a SAML response like readSamlResponse, but keeps one that names no usable role, so the people who set up the
 * IdP can see what it sent. Still refuses what is not a successful SAML sign-in at all.
 */
export function inspectSamlResponse(input: string | Uint8Array): SamlResponse {
  const { base64, xml } = decodeSamlInput(input);
  const response = parseXml(xml);
  if (response.namespace !== samlProtocolNamespace || response.localName !== 'Response') {
    throw new AtlasSsoError(
      'saml-not-a-response',
      'This is XML but not a SAML 2.0 Response, so it holds no sign-in. Capture the SAMLResponse your identity provider posts to the AWS sign-in page.',
    );
  }
  assertSuccessStatus(response);
  const assertion = theAssertion(response);
  const encrypted = assertion.localName === 'EncryptedAssertion';
  const warnings: string[] = [];
  const read = encrypted ? encryptedFacts : readAssertion(assertion, warnings);
  const destination = response.attributes.get('Destination')?.trim() || null;
  const location = destination === null ? undefined : stsLocationOfSigninUrl(destination);
  const issuer = childElement(response, samlAssertionNamespace, 'Issuer') ?? (encrypted ? undefined : childElement(assertion, samlAssertionNamespace, 'Issuer'));
  return {
    base64,
    facts: {
      ...read,
      sent: { ...read.sent, responseSigned: signedBy(response) },
      destination,
      partition: location?.partition ?? read.roles[0]?.partition ?? null,
      region: location?.region ?? null,
      issueInstant: readInstant(response, 'IssueInstant', warnings),
      encrypted,
      issuer: optionalText(issuer?.text),
      warnings,
    },
  };
}
