/**
 * Trim ASCII white space (space, tab, CR, LF: the white space of JSON and XML) and upper-case ASCII
 * letters, nothing else. This is the identity form of a code: two
 * inputs denote the same person only if their normalized forms are equal. In particular omocodic letters
 * are left as written.
 *
 * Deliberately not String#trim/toUpperCase: trim() also drops BOM, NBSP, ideographic space and line
 * separators, and toUpperCase() folds ſ → S, ı → I, ß → SS, ﬁ → FI, turning a string that is not a
 * codice fiscale into another citizen's code. Here anything outside ASCII stays as it is, so the layout
 * check refuses it.
 */
export function normalizeCf(input: string): string {
  return input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '').replace(/[a-z]+/g, (s) => s.toUpperCase());
}
