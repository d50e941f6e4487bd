import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { samlAudienceForAcs } from '../sts/saml-audiences.js';
import { encryptAssertionXml } from '../sts/saml-encryption.js';
import type { SigningKey } from './signing-keys.js';
import { awsSamlEncryptionKey, fixtureIdpKey } from './signing-keys.js';

export { attackerKey, awsSamlEncryptionKey, fixtureIdpKey } from './signing-keys.js';
export type { SigningKey } from './signing-keys.js';

/** What a test wants in an AWS SAML Response; everything else gets the values a real IdP would send. */
export interface SamlResponseSpec {
  /** Raw Role attribute values, e.g. `arn:aws:iam::123456789012:role/Dba,arn:aws:iam::123456789012:saml-provider/Demo`. */
  readonly roles: readonly string[];
  /** RoleSessionName attribute; defaults to the subject. */
  readonly roleSessionName?: string;
  /** SessionDuration attribute (seconds), sent only when given. */
  readonly sessionDuration?: number;
  /** NameID; default `alice@example.com`. */
  readonly subject?: string;
  /** NameID Format; default persistent. */
  readonly nameIdFormat?: string;
  /** Issuer of Response and Assertion; default `https://idp.example.test/saml`. */
  readonly issuer?: string;
  /** Response Destination and SubjectConfirmationData Recipient; default `https://signin.aws.amazon.com/saml`. */
  readonly destination?: string;
  /** Recipient when it must differ from the Destination (tests of the recipient check). */
  readonly recipient?: string;
  /** Audience; default the one AWS requires for the destination's partition (`urn:amazon:webservices` globally). */
  readonly audience?: string;
  /** Default now. */
  readonly issueInstant?: Date;
  /** Conditions and SubjectConfirmationData NotOnOrAfter; default issueInstant + 5 minutes. */
  readonly notOnOrAfter?: Date;
  /** A non-success status drops the assertion, as IdPs do. `code` may be a full URN or its last part (`Responder`). */
  readonly status?: { readonly code: string; readonly subCode?: string; readonly message?: string };
  /** Wrap the assertion in `<EncryptedAssertion>` (xmlenc: AES-256-GCM, key sent with RSA-OAEP). */
  readonly encryptAssertion?: boolean;
  /** Certificate the assertion is encrypted to; default the fixture AWS SAML encryption certificate. */
  readonly encryptionCertificatePem?: string;
  /** Which elements carry an enveloped signature; default 'both' (like SimpleSAMLphp). */
  readonly sign?: 'response' | 'assertion' | 'both' | 'none';
  /** Default rsa-sha256 (the digest follows: sha256 or sha1). */
  readonly signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
  /** Default the fixture IdP key. */
  readonly key?: SigningKey;
  /** Namespace prefixes as different IdPs write them; default `samlp:`/`saml:` (SimpleSAMLphp). */
  readonly prefixes?: 'samlp' | 'saml2p' | 'none';
  readonly extraAttributes?: Readonly<Record<string, readonly string[]>>;
}

const protocolNs = 'urn:oasis:names:tc:SAML:2.0:protocol';
const assertionNs = 'urn:oasis:names:tc:SAML:2.0:assertion';
const roleAttribute = 'https://aws.amazon.com/SAML/Attributes/Role';
const roleSessionNameAttribute = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';
const sessionDurationAttribute = 'https://aws.amazon.com/SAML/Attributes/SessionDuration';
const successStatus = 'urn:oasis:names:tc:SAML:2.0:status:Success';

const signatureAlgorithms = {
  'rsa-sha256': { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' },
  'rsa-sha1': { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' },
} as const;

/** Element names for one prefix style; `none` declares default namespaces where the namespace changes. */
interface Names {
  readonly p: (local: string) => string;
  readonly a: (local: string) => string;
  /** Declarations for the Response element. */
  readonly responseNs: string;
  /** Declarations an assertion-namespace element needs when its parent is in the protocol namespace. */
  readonly assertionNsInProtocol: string;
  /** Declarations that make the Assertion element stand alone (it may be signed or encrypted on its own). */
  readonly assertionNs: string;
}

function namesFor(style: NonNullable<SamlResponseSpec['prefixes']>): Names {
  const xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema"';
  if (style === 'none') {
    return {
      p: (local) => local,
      a: (local) => local,
      responseNs: `xmlns="${protocolNs}"`,
      assertionNsInProtocol: ` xmlns="${assertionNs}"`,
      assertionNs: `xmlns="${assertionNs}" ${xsi}`,
    };
  }
  const [p, a] = style === 'samlp' ? ['samlp', 'saml'] : ['saml2p', 'saml2'];
  return {
    p: (local) => `${p}:${local}`,
    a: (local) => `${a}:${local}`,
    responseNs: `xmlns:${p}="${protocolNs}" xmlns:${a}="${assertionNs}"`,
    assertionNsInProtocol: '',
    assertionNs: `xmlns:${a}="${assertionNs}" ${xsi}`,
  };
}

/** A SAML ID: must start with a letter or underscore (xsd:ID). */
function newId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/** SAML timestamps: UTC, no milliseconds, like most IdPs send. */
function samlTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function statusUrn(code: string): string {
  return code.includes(':') ? code : `urn:oasis:names:tc:SAML:2.0:status:${code}`;
}

function attributeXml(n: Names, name: string, values: readonly string[]): string {
  const valueXml = values.map((value) => `<${n.a('AttributeValue')} xsi:type="xs:string">${escapeXml(value)}</${n.a('AttributeValue')}>`).join('');
  return `<${n.a('Attribute')} Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${valueXml}</${n.a('Attribute')}>`;
}

interface Resolved {
  readonly subject: string;
  readonly issuer: string;
  readonly destination: string;
  readonly issueInstant: Date;
  readonly notOnOrAfter: Date;
}

function assertionXml(spec: SamlResponseSpec, n: Names, r: Resolved): string {
  const attributes: [string, readonly string[]][] = [
    [roleAttribute, spec.roles],
    [roleSessionNameAttribute, [spec.roleSessionName ?? r.subject]],
    ...(spec.sessionDuration === undefined ? [] : [[sessionDurationAttribute, [String(spec.sessionDuration)]] as [string, readonly string[]]]),
    ...Object.entries(spec.extraAttributes ?? {}),
  ];
  const issued = samlTime(r.issueInstant);
  const until = samlTime(r.notOnOrAfter);
  const notBefore = samlTime(new Date(r.issueInstant.getTime() - 30_000));
  const format = spec.nameIdFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
  return [
    `<${n.a('Assertion')} ${n.assertionNs} ID="${newId()}" Version="2.0" IssueInstant="${issued}">`,
    `<${n.a('Issuer')}>${escapeXml(r.issuer)}</${n.a('Issuer')}>`,
    `<${n.a('Subject')}>`,
    `<${n.a('NameID')} Format="${escapeXml(format)}">${escapeXml(r.subject)}</${n.a('NameID')}>`,
    `<${n.a('SubjectConfirmation')} Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">`,
    `<${n.a('SubjectConfirmationData')} NotOnOrAfter="${until}" Recipient="${escapeXml(spec.recipient ?? r.destination)}"/>`,
    `</${n.a('SubjectConfirmation')}>`,
    `</${n.a('Subject')}>`,
    `<${n.a('Conditions')} NotBefore="${notBefore}" NotOnOrAfter="${until}">`,
    `<${n.a('AudienceRestriction')}><${n.a('Audience')}>${escapeXml(spec.audience ?? samlAudienceForAcs(r.destination))}</${n.a('Audience')}></${n.a('AudienceRestriction')}>`,
    `</${n.a('Conditions')}>`,
    `<${n.a('AuthnStatement')} AuthnInstant="${issued}" SessionNotOnOrAfter="${samlTime(new Date(r.issueInstant.getTime() + 8 * 3600_000))}" SessionIndex="${newId()}">`,
    `<${n.a('AuthnContext')}><${n.a('AuthnContextClassRef')}>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</${n.a('AuthnContextClassRef')}></${n.a('AuthnContext')}>`,
    `</${n.a('AuthnStatement')}>`,
    `<${n.a('AttributeStatement')}>${attributes.map(([name, values]) => attributeXml(n, name, values)).join('')}</${n.a('AttributeStatement')}>`,
    `</${n.a('Assertion')}>`,
  ].join('');
}

function statusXml(spec: SamlResponseSpec, n: Names): string {
  const status = spec.status ?? { code: successStatus };
  const subCode = status.subCode === undefined ? '' : `<${n.p('StatusCode')} Value="${escapeXml(statusUrn(status.subCode))}"/>`;
  const code = subCode === ''
    ? `<${n.p('StatusCode')} Value="${escapeXml(statusUrn(status.code))}"/>`
    : `<${n.p('StatusCode')} Value="${escapeXml(statusUrn(status.code))}">${subCode}</${n.p('StatusCode')}>`;
  const message = status.message === undefined ? '' : `<${n.p('StatusMessage')}>${escapeXml(status.message)}</${n.p('StatusMessage')}>`;
  return `<${n.p('Status')}>${code}${message}</${n.p('Status')}>`;
}

/** Adds an enveloped signature right after the root's Issuer, where SAML schemas put it. */
function signRoot(xml: string, rootLocalName: string, key: SigningKey, algorithm: NonNullable<SamlResponseSpec['signatureAlgorithm']>): string {
  const algorithms = signatureAlgorithms[algorithm];
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: algorithms.signature,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  const root = `/*[local-name(.)='${rootLocalName}']`;
  signer.addReference({
    xpath: root,
    digestAlgorithm: algorithms.digest,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: `${root}/*[local-name(.)='Issuer']`, action: 'after' } });
  return signer.getSignedXml();
}

/** The SAML Response XML an IdP would POST to the AWS sign-in endpoint. */
export function buildSamlResponseXml(spec: SamlResponseSpec): string {
  const n = namesFor(spec.prefixes ?? 'samlp');
  const issueInstant = spec.issueInstant ?? new Date();
  const resolved: Resolved = {
    subject: spec.subject ?? 'alice@example.com',
    issuer: spec.issuer ?? 'https://idp.example.test/saml',
    destination: spec.destination ?? 'https://signin.aws.amazon.com/saml',
    issueInstant,
    notOnOrAfter: spec.notOnOrAfter ?? new Date(issueInstant.getTime() + 5 * 60_000),
  };
  const sign = spec.sign ?? 'both';
  const key = spec.key ?? fixtureIdpKey;
  const algorithm = spec.signatureAlgorithm ?? 'rsa-sha256';
  const success = statusUrn((spec.status ?? { code: successStatus }).code) === successStatus;

  let assertion = '';
  if (success) {
    assertion = assertionXml(spec, n, resolved);
    if (sign === 'assertion' || sign === 'both') assertion = signRoot(assertion, 'Assertion', key, algorithm);
    if (spec.encryptAssertion === true) {
      const encrypted = encryptAssertionXml(assertion, spec.encryptionCertificatePem ?? awsSamlEncryptionKey.certificatePem);
      assertion = `<${n.a('EncryptedAssertion')}${n.assertionNsInProtocol}>${encrypted}</${n.a('EncryptedAssertion')}>`;
    }
  }
  const response = [
    `<${n.p('Response')} ${n.responseNs} ID="${newId()}" Version="2.0" IssueInstant="${samlTime(issueInstant)}" Destination="${escapeXml(resolved.destination)}">`,
    `<${n.a('Issuer')}${n.assertionNsInProtocol}>${escapeXml(resolved.issuer)}</${n.a('Issuer')}>`,
    statusXml(spec, n),
    assertion,
    `</${n.p('Response')}>`,
  ].join('');
  return sign === 'response' || sign === 'both' ? signRoot(response, 'Response', key, algorithm) : response;
}

/** The base64 form field value (`SAMLResponse`) as the browser posts it and STS takes it. */
export function buildSamlResponseBase64(spec: SamlResponseSpec): string {
  return Buffer.from(buildSamlResponseXml(spec), 'utf8').toString('base64');
}
