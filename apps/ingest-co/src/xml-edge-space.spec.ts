import { hasNonAsciiEdgeSpace } from './xml-edge-space';

describe('hasNonAsciiEdgeSpace', () => {
  it('finds non-ASCII white space at the edge of an element value or an attribute value', () => {
    for (const doc of ['<a>\u00A0X</a>', '<a>X\uFEFF</a>', '<a>\n  \u3000X</a>', '<a x="\u2028X"/>', "<a x='X\u2029'/>", '<a>X\u00A0 \n</a>']) {
      expect(hasNonAsciiEdgeSpace(doc)).toBe(true);
    }
  });

  it('leaves such characters inside a value alone, and ASCII white space anywhere', () => {
    for (const doc of ['<a>DE\u00A0ROSSI</a>', '<a x="A\u3000B"> X </a>', '<a>\n  <b>X</b>\n</a>', '']) {
      expect(hasNonAsciiEdgeSpace(doc)).toBe(false);
    }
  });
});
