import type { X2jOptions } from 'fast-xml-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AtlasSsoError } from '../errors.js';
import { decodeXmlEntities } from './decode-xml-entities.js';
import { malformedXmlError, signInAgainOrAskIdp } from './malformed-xml-error.js';
import type { XmlElement } from './xml-element.js';

/**
 * fast-xml-parser settings for untrusted SAML: no entity expansion, every value kept as the exact string
 * (its number parsing turns account 012345678901 into 12345678901), order and CDATA kept apart from text.
 */
export const samlXmlParserOptions: Readonly<X2jOptions> = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
};

const parser = new XMLParser({ ...samlXmlParserOptions });

const xmlNamespace = 'http://www.w3.org/XML/1998/namespace';
const forbiddenDeclaration = /<!(?:DOCTYPE|ENTITY)/i;
// eslint-disable-next-line no-control-regex -- finding the control characters XML 1.0 forbids is the point
const forbiddenCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const validatorProblems: Readonly<Record<string, string>> = {
  InvalidTag: 'a tag is misnamed, not closed, or closed in the wrong place',
  InvalidAttr: 'an attribute is malformed or repeated',
  InvalidChar: 'a character is out of place',
  InvalidXml: 'the document structure is broken',
};

type Scope = ReadonlyMap<string, string | null>;

interface ParsedNode {
  readonly [key: string]: unknown;
}

function isParsedNode(value: unknown): value is ParsedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nodeList(value: unknown): readonly ParsedNode[] {
  return Array.isArray(value) ? value.filter(isParsedNode) : [];
}

/** The raw attributes fast-xml-parser put under `:@`, as strings. */
function rawAttributes(node: ParsedNode): readonly (readonly [string, string])[] {
  const attributes = node[':@'];
  if (!isParsedNode(attributes)) return [];
  return Object.entries(attributes).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/** The scope inside an element: its parent's plus the xmlns declarations it makes. */
function scopeOf(parent: Scope, attributes: readonly (readonly [string, string])[]): Scope {
  let scope: Map<string, string | null> | undefined;
  for (const [name, value] of attributes) {
    const prefix = name === 'xmlns' ? '' : name.startsWith('xmlns:') ? name.slice('xmlns:'.length) : undefined;
    if (prefix === undefined) continue;
    scope ??= new Map(parent);
    const uri = decodeXmlEntities(value);
    scope.set(prefix, uri === '' ? null : uri);
  }
  return scope ?? parent;
}

function textOf(children: readonly ParsedNode[]): string {
  let text = '';
  for (const child of children) {
    const raw = child['#text'];
    if (typeof raw === 'string') text += decodeXmlEntities(raw);
    for (const cdata of nodeList(child['#cdata'])) {
      const content = cdata['#text'];
      if (typeof content === 'string') text += content;
    }
  }
  return text;
}

function toElement(tag: string, node: ParsedNode, parentScope: Scope): XmlElement {
  const attributeList = rawAttributes(node);
  const scope = scopeOf(parentScope, attributeList);
  const parts = tag.split(':');
  if (parts.length > 2) throw malformedXmlError('an element name with more than one colon');
  const [prefix, localName] = parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : ['', tag];
  const namespace = prefix === 'xml' ? xmlNamespace : scope.get(prefix);
  if (namespace === undefined && prefix !== '') throw malformedXmlError('an element prefix that is never declared');
  const attributes = new Map<string, string>();
  for (const [name, value] of attributeList) {
    if (value.includes('<')) throw malformedXmlError('a raw `<` in an attribute value');
    if (!name.includes(':') && name !== 'xmlns') attributes.set(name, decodeXmlEntities(value));
  }
  const children = nodeList(node[tag]);
  return {
    namespace: namespace ?? null,
    localName,
    attributes,
    children: children.flatMap((child) => {
      const childTag = elementTag(child);
      return childTag === undefined ? [] : [toElement(childTag, child, scope)];
    }),
    text: textOf(children),
  };
}

/** The element name of a parsed node, or undefined for text and CDATA. */
function elementTag(node: ParsedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#cdata');
}

/**
 * Parses untrusted XML into a namespace-resolved element tree, refusing what a strict XML parser would
 * (fast-xml-parser alone silently accepts broken XML) and any DTD, the door to entity-expansion attacks.
 * Messages give a place in the document, never its content: the assertion is a secret.
 */
export function parseXml(xml: string): XmlElement {
  if (forbiddenDeclaration.test(xml)) {
    throw new AtlasSsoError(
      'saml-forbidden-dtd',
      `The SAML response holds a DOCTYPE or ENTITY declaration, which no identity provider sends and which can attack an XML reader, so it was refused. ${signInAgainOrAskIdp}`,
    );
  }
  if (forbiddenCharacter.test(xml)) throw malformedXmlError('a control character XML does not allow');
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { code, line, col } = validation.err;
    throw malformedXmlError(`line ${line}, column ${col}: ${validatorProblems[code] ?? 'the XML is broken'}`);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    throw malformedXmlError('nesting too deep or a reserved name', error);
  }
  const roots = nodeList(parsed).flatMap((node) => {
    const tag = elementTag(node);
    return tag === undefined ? [] : [{ tag, node }];
  });
  const [root] = roots;
  if (root === undefined || roots.length > 1) throw malformedXmlError('not exactly one root element');
  return toElement(root.tag, root.node, new Map());
}
