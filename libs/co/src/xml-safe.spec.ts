import { decodeXmlReferences, normalizeAttributeWhitespace, parseXmlSafely } from './xml-safe';

describe('parseXmlSafely', () => {
  it('reads a document in either shape', () => {
    expect(parseXmlSafely('<a x=" 1 "><b>t</b></a>')).toEqual({ ok: true, doc: { a: { '@_x': '1', b: 't' } } });
    expect(parseXmlSafely('<a x=" 1 "><b> t </b></a>', { mode: 'ordered' })).toEqual({ ok: true, doc: [{ a: [{ b: [{ '#text': ' t ' }] }], ':@': { x: ' 1 ' } }] });
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'XML_DOCTYPE'],
    ['mismatched tags', '<a><b></a>', 'XML_NOT_WELL_FORMED'],
    ['a control character', '<a>\u0001</a>', 'XML_NOT_WELL_FORMED'],
    ['a declaration without version', '<?xml encoding="UTF-8"?><a/>', 'XML_NOT_WELL_FORMED'],
    ['a declaration with a bad version', '<?xml version="c"?><a/>', 'XML_NOT_WELL_FORMED'],
    ['a declaration not first', ' <?xml version="1.0"?><a/>', 'XML_NOT_WELL_FORMED'],
    ['a second declaration', '<?xml version="1.0"?><a><?xml version="1.0"?></a>', 'XML_NOT_WELL_FORMED'],
  ])('refuses %s', (_, xml, reason) => {
    expect(parseXmlSafely(xml)).toEqual({ ok: false, reason });
  });

  it('accepts a well-formed declaration and other processing instructions', () => {
    expect(parseXmlSafely('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a/>').ok).toBe(true);
    expect(parseXmlSafely("<?xml version='1.1'?><a><?xml-stylesheet href='x'?></a>").ok).toBe(true);
  });

  it('enforces the size and depth limits', () => {
    expect(parseXmlSafely('<a/>', { maxChars: 3 })).toEqual({ ok: false, reason: 'XML_TOO_LARGE' });
    const deep = (n: number) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`;
    expect(parseXmlSafely(deep(10), { maxDepth: 10 }).ok).toBe(true);
    expect(parseXmlSafely(deep(12), { maxDepth: 10 })).toEqual({ ok: false, reason: 'XML_TOO_DEEP' });
  });
});

describe('decodeXmlReferences', () => {
  it('decodes the predefined entities and character references', () => {
    expect(decodeXmlReferences('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;')).toBe('<>&"\'AB😀');
  });
  it.each(['&nbsp;', 'a & b', '&amp', '&#0;', '&#x110000;', '&#xD800;', 'a<b'])('refuses %p', (raw) => {
    expect(decodeXmlReferences(raw)).toBeUndefined();
  });
});

it('normalizes attribute white space as XML 1.0 does', () => {
  expect(normalizeAttributeWhitespace('a\tb\r\nc\rd\ne')).toBe('a b c d e');
});
