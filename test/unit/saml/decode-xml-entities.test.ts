import { describe, expect, it } from 'vitest';
import { decodeXmlEntities } from '../../../core/saml/decode-xml-entities.js';
import { expectRefusal } from '../../fixtures/saml/expect-refusal.js';

describe('decodeXmlEntities', () => {
  it('decodes the five predefined entities and decimal and hex character references', () => {
    expect(decodeXmlEntities('&lt;a&gt; &amp; &apos;b&apos; &quot;c&quot;')).toBe(`<a> & 'b' "c"`);
    expect(decodeXmlEntities('&#65;&#x42;&#x1F600;&#9;&#x10FFFF;')).toBe('AB😀\t\u{10FFFF}');
  });

  it('decodes one level only: an encoded reference stays a reference', () => {
    expect(decodeXmlEntities('&amp;lt;')).toBe('&lt;');
  });

  it('leaves text without ampersands untouched', () => {
    const text = 'arn:aws:iam::012345678901:role/R';
    expect(decodeXmlEntities(text)).toBe(text);
  });

  it.each(['&nbsp;', '&copy;', 'a & b', '&amp', '&#;', '&#x;', '&#0;', '&#xD800;', '&#x110000;', '&#99999999999999999999;', '&#xFFFE;', '&#X43;'])(
    'refuses %j as malformed XML',
    (text) => {
      expectRefusal(() => decodeXmlEntities(text), 'saml-malformed-xml');
    },
  );
});
