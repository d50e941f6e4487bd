import { samlAssertionNamespace } from './saml-names.js';
import type { XmlElement } from './xml-element.js';
import { childElements } from './xml-element.js';

/**
 * The assertion's attribute values by attribute Name, in document order. IdPs may split one attribute over
 * several Attribute elements or statements, so values of the same Name are joined.
 */
export function readAttributeValues(assertion: XmlElement): ReadonlyMap<string, readonly string[]> {
  const values = new Map<string, string[]>();
  for (const statement of childElements(assertion, samlAssertionNamespace, 'AttributeStatement')) {
    for (const attribute of childElements(statement, samlAssertionNamespace, 'Attribute')) {
      const name = attribute.attributes.get('Name')?.trim();
      if (name === undefined) continue;
      const list = values.get(name) ?? [];
      list.push(...childElements(attribute, samlAssertionNamespace, 'AttributeValue').map((value) => value.text));
      values.set(name, list);
    }
  }
  return values;
}
