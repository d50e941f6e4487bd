import { malformedXmlError } from './malformed-xml-error.js';

const predefined: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

// One pass, no nested quantifiers: linear on any input.
const reference = /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+)?(;)?/g;

/** True for a code point XML 1.0 allows in a document (a reference to anything else is malformed). */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/**
 * Decodes the five predefined XML entities and numeric character references in text or an attribute value.
 * The parser leaves entities alone (entity expansion is an attack surface), so this is the only decoding done;
 * any other `&` is refused, as an XML parser would.
 */
export function decodeXmlEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(reference, (_match, name: string | undefined, semicolon: string | undefined) => {
    if (name === undefined || semicolon === undefined) throw malformedXmlError('an `&` that does not start a character reference');
    if (name.startsWith('#')) {
      const codePoint = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (!isXmlChar(codePoint)) throw malformedXmlError('a character reference to a character XML does not allow');
      return String.fromCodePoint(codePoint);
    }
    const text = predefined[name];
    if (text === undefined) throw malformedXmlError('a reference to an entity XML does not define');
    return text;
  });
}
