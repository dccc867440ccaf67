import type { Problem } from '@fsl/co';

// The XML parser trims values with String#trim, which also drops non-ASCII white space (NBSP, BOM,
// ideographic space, line separators…): a codice fiscale written with one at its edge would be accepted as
// the bare code. Only ASCII white space may be trimmed, so a document with such a character at the edge of
// a value (next to a tag or an attribute quote, ASCII white space aside) is refused as a whole.
const NON_ASCII_SPACE = '[\\u000B\\u000C\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]';
const EDGE = new RegExp(`[>"'][ \\t\\r\\n]*${NON_ASCII_SPACE}|${NON_ASCII_SPACE}[ \\t\\r\\n]*[<"']`);
const ANY = new RegExp(NON_ASCII_SPACE);

export const XML_EDGE_SPACE: Problem = {
  path: '',
  code: 'XML_EDGE_SPACE',
  message: 'A value begins or ends with white space other than ASCII spaces (e.g. NBSP, BOM, line separator).',
};

export function hasNonAsciiEdgeSpace(xml: string): boolean {
  return ANY.test(xml) && EDGE.test(xml);
}
