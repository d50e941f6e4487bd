import type { Element } from '@xmldom/xmldom';
import { DOMParser, XMLSerializer, onWarningStopParsing } from '@xmldom/xmldom';

/** Namespaces the STS emulator reads SAML with (matched by URI, never by prefix). */
export const ns = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
} as const;

/**
 * Parses untrusted XML strictly: any warning or error stops it, and DTDs are refused up front
 * (entity tricks have no place in a SAML message). Returns the root element.
 */
export function parseStrictXml(xml: string): Element {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('XML with a DTD is refused.');
  const doc = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (root === null) throw new Error('The XML has no root element.');
  return root;
}

/** The element children of `parent` with this namespace URI and local name. */
export function childElements(parent: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE) {
      const element = node as Element;
      if (element.namespaceURI === namespace && element.localName === localName) found.push(element);
    }
  }
  return found;
}

/** The only such child, or undefined when there is none or more than one (ambiguity is refusal). */
export function onlyChild(parent: Element, namespace: string, localName: string): Element | undefined {
  const children = childElements(parent, namespace, localName);
  return children.length === 1 ? children[0] : undefined;
}

/** Follows a path of single children in one namespace (`Subject`, `NameID`). */
export function onlyPath(parent: Element, namespace: string, ...localNames: readonly string[]): Element | undefined {
  let current: Element | undefined = parent;
  for (const localName of localNames) {
    if (current === undefined) return undefined;
    current = onlyChild(current, namespace, localName);
  }
  return current;
}

/** Every descendant element with this namespace URI and local name. */
export function descendants(root: Element, namespace: string, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(namespace, localName));
}

export function textOf(element: Element | undefined): string | undefined {
  return element?.textContent?.trim();
}

export function attributeOf(element: Element | undefined, name: string): string | undefined {
  return element?.hasAttribute(name) === true ? (element.getAttribute(name) ?? undefined) : undefined;
}

export function serializeXml(element: Element): string {
  return new XMLSerializer().serializeToString(element);
}
