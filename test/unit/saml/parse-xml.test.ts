import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../core/saml/parse-xml.js';
import { childElement, descendantElements } from '../../../core/saml/xml-element.js';
import { expectRefusal } from '../../fixtures/saml/expect-refusal.js';

describe('parseXml', () => {
  it('resolves each element to the namespace in scope, with redeclared and default namespaces', () => {
    const root = parseXml(
      '<a:r xmlns:a="urn:one" xmlns="urn:default"><a:x xmlns:a="urn:two"><a:y/></a:x><z/><w xmlns=""/><xml:q/></a:r>',
    );
    expect([root.namespace, root.localName]).toEqual(['urn:one', 'r']);
    expect(root.children.map((child) => [child.namespace, child.localName])).toEqual([
      ['urn:two', 'x'],
      ['urn:default', 'z'],
      [null, 'w'],
      ['http://www.w3.org/XML/1998/namespace', 'q'],
    ]);
    expect(descendantElements(root, 'urn:two', 'y')).toHaveLength(1);
    expect(childElement(root, 'urn:one', 'x')).toBeUndefined();
  });

  it('keeps only unprefixed attributes, entity-decoded, and joins text with CDATA verbatim', () => {
    const root = parseXml('<r xmlns:p="urn:p" A="1&amp;2" p:B="3" xmlns:q="urn:q">x &lt; y<![CDATA[ &lt; ]]>z</r>');
    expect([...root.attributes]).toEqual([['A', '1&2']]);
    expect(root.text).toBe('x < y &lt; z');
  });

  it('keeps digit strings as strings (account IDs keep leading zeros)', () => {
    const root = parseXml('<r Id="012345678901">000000000042</r>');
    expect(root.attributes.get('Id')).toBe('012345678901');
    expect(root.text).toBe('000000000042');
  });

  it('refuses a DOCTYPE before parsing, in any case', () => {
    for (const xml of ['<!DOCTYPE r><r/>', '<!doctype r><r/>', '<r><!ENTITY x "y"></r>']) {
      expectRefusal(() => parseXml(xml), 'saml-forbidden-dtd');
    }
  });

  it('refuses broken XML with its line and column', () => {
    const error = expectRefusal(() => parseXml('<r>\n  <a>\n</r>'), 'saml-malformed-xml');
    expect(error.message).toMatch(/\(line 3, column \d+: /);
  });
});
