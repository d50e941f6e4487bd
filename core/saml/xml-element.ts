/** An XML element with its namespace resolved, the only view of the document the SAML readers get. */
export interface XmlElement {
  /** Namespace URI in scope for the element's prefix (or the default namespace), null when none. */
  readonly namespace: string | null;
  readonly localName: string;
  /** Unprefixed attributes, entity-decoded: every attribute AWS sign-in reads is unprefixed. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Text and CDATA directly inside the element, decoded, in document order. */
  readonly text: string;
}

/** The child elements with this namespace URI and local name, in document order. */
export function childElements(parent: XmlElement, namespace: string, localName: string): readonly XmlElement[] {
  return parent.children.filter((child) => child.namespace === namespace && child.localName === localName);
}

/** The first child element with this namespace URI and local name, if any. */
export function childElement(parent: XmlElement, namespace: string, localName: string): XmlElement | undefined {
  return parent.children.find((child) => child.namespace === namespace && child.localName === localName);
}

/** Every element below `root` (not root itself) with this namespace URI and local name, in document order. */
export function descendantElements(root: XmlElement, namespace: string, localName: string): readonly XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (element: XmlElement): void => {
    for (const child of element.children) {
      if (child.namespace === namespace && child.localName === localName) found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}
