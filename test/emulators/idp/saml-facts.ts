import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** What a test wants to know about a SAMLResponse an IdP posted, read independently of core/saml. */
export interface SamlFacts {
  readonly destination: string | undefined;
  readonly statusCode: string | undefined;
  readonly statusMessage: string | undefined;
  readonly issuer: string | undefined;
  readonly encrypted: boolean;
  readonly responseSigned: boolean;
  readonly assertionSigned: boolean;
  readonly signatureAlgorithms: readonly string[];
  readonly recipient: string | undefined;
  readonly audience: string | undefined;
  readonly notOnOrAfter: string | undefined;
  readonly roles: readonly string[];
  readonly roleSessionName: string | undefined;
  readonly sessionDuration: string | undefined;
  /** Namespace prefixes used on the Response and Assertion elements (`samlp`, `saml`, '' for none). */
  readonly prefixes: { readonly response: string; readonly assertion: string | undefined };
}

type Node = Record<string, unknown>;

const awsAttribute = 'https://aws.amazon.com/SAML/Attributes/';

/** Decodes and reads a base64 SAMLResponse; throws when it is not well-formed XML. */
export function samlFacts(base64: string): SamlFacts {
  const xml = Buffer.from(base64, 'base64').toString('utf8');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`The SAMLResponse is not well-formed XML: ${valid.err.msg}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    isArray: (name) => ['Attribute', 'AttributeValue', 'Assertion', 'Signature', 'Reference'].includes(name),
  });
  const root = parser.parse(xml) as Node;
  const response = child(root, 'Response');
  if (!response) throw new Error('The SAMLResponse has no Response element.');
  const status = child(response, 'Status');
  const assertion = list(response, 'Assertion')[0];
  const attributes = new Map<string, string[]>();
  for (const statement of assertion ? [child(assertion, 'AttributeStatement')] : []) {
    for (const attribute of statement ? list(statement, 'Attribute') : []) {
      const name = attr(attribute, 'Name') ?? '';
      attributes.set(name, list(attribute, 'AttributeValue').map(text));
    }
  }
  const confirmation = assertion ? child(child(child(assertion, 'Subject'), 'SubjectConfirmation'), 'SubjectConfirmationData') : undefined;
  const conditions = assertion ? child(assertion, 'Conditions') : undefined;
  const signatures = [...list(response, 'Signature'), ...(assertion ? list(assertion, 'Signature') : [])];
  return {
    destination: attr(response, 'Destination'),
    statusCode: attr(child(status, 'StatusCode'), 'Value'),
    statusMessage: optionalText(child(status, 'StatusMessage')),
    issuer: optionalText(child(response, 'Issuer')),
    encrypted: child(response, 'EncryptedAssertion') !== undefined,
    responseSigned: list(response, 'Signature').length > 0,
    assertionSigned: assertion !== undefined && list(assertion, 'Signature').length > 0,
    signatureAlgorithms: signatures.map((signature) => attr(child(child(signature, 'SignedInfo'), 'SignatureMethod'), 'Algorithm') ?? ''),
    recipient: attr(confirmation, 'Recipient'),
    audience: conditions ? text(child(child(conditions, 'AudienceRestriction'), 'Audience')) : undefined,
    notOnOrAfter: attr(conditions, 'NotOnOrAfter'),
    roles: attributes.get(`${awsAttribute}Role`) ?? [],
    roleSessionName: attributes.get(`${awsAttribute}RoleSessionName`)?.[0],
    sessionDuration: attributes.get(`${awsAttribute}SessionDuration`)?.[0],
    prefixes: { response: prefixOf(xml, 'Response') ?? '', assertion: prefixOf(xml, 'Assertion') },
  };
}

function child(node: Node | undefined, name: string): Node | undefined {
  const value = node?.[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return typeof first === 'object' && first !== null ? (first as Node) : { '#text': first };
}

function list(node: Node, name: string): Node[] {
  const value = node[name];
  const items: unknown[] = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return items.map((item) => (typeof item === 'object' && item !== null ? (item as Node) : { '#text': item }));
}

function attr(node: Node | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object' && value !== null) {
    const inner = (value as Node)['#text'];
    return typeof inner === 'string' ? inner.trim() : '';
  }
  return '';
}

function optionalText(node: Node | undefined): string | undefined {
  return node === undefined ? undefined : text(node);
}

/** The prefix of the first element with this local name: `samlp` for `<samlp:Response`, '' for `<Response`. */
function prefixOf(xml: string, localName: string): string | undefined {
  const match = new RegExp(`<(?:([\\w.-]+):)?${localName}[\\s>]`).exec(xml);
  return match ? (match[1] ?? '') : undefined;
}
