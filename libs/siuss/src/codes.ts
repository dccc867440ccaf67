// Codes of a flow checked against versioned tables: the benefit nomenclature shipped here (partial, see
// code-lists/README.md) and libs/co's complete Belfiore table. A code is never refused for being unknown: the
// XSD bounds its shape, the ente and INPS hold the authoritative lists, and a partial table must not lose a
// real benefit. Unknown codes are warnings naming the table and the code (codes are not personal data).
import { belfioreTable } from '@fsl/co';
import { loadTableSet, type TableSet } from '@fsl/code-lists';
import { join } from 'node:path';
import { problem, type Problem } from './problems';

export const TABLES = ['belfiore', 'nomenclaturaPrestazioni'] as const;
export type SiussTable = (typeof TABLES)[number];
export type SiussTables = TableSet<SiussTable>;

/** Next to src/ and dist/ alike, so tests and the built library find the same files. */
export const DEFAULT_CODE_LISTS_DIR = join(__dirname, '..', 'code-lists');

/** The nomenclature's layout: a letter, a digit, a point, two digits (A1.16, Z9.99). */
export const NOMENCLATURA_LAYOUT = /^[A-Z][0-9]\.[0-9]{2}$/;

export function loadSiussTables(dir: string = DEFAULT_CODE_LISTS_DIR): SiussTables {
  return loadTableSet(dir, TABLES, { belfiore: belfioreTable() });
}

/** The shipped tables, read on first use (the Belfiore file has ten thousand rows). */
export const defaultTables = (() => {
  let loaded: SiussTables | undefined;
  return (): SiussTables => (loaded ??= loadSiussTables());
})();

/** The nomenclature's name of a benefit code, when the shipped table knows it. */
export function nomePrestazione(codice: string, tables: SiussTables = defaultTables()): string | undefined {
  const l = tables.table('nomenclaturaPrestazioni').lookup(codice.trim());
  return l.status === 'known' ? l.row.description : undefined;
}

/** Warnings for a benefit code (never a refusal). */
export function checkCodicePrestazione(path: string, codice: string, tables: SiussTables): Problem[] {
  const c = codice.trim();
  if (!NOMENCLATURA_LAYOUT.test(c)) return [{ ...problem(path, 'CODE_LAYOUT'), tabella: 'nomenclaturaPrestazioni', codice: c }];
  if (tables.table('nomenclaturaPrestazioni').lookup(c).status !== 'known') return [{ ...problem(path, 'CODE_UNKNOWN'), tabella: 'nomenclaturaPrestazioni', codice: c }];
  return [];
}

/** Warnings for a Belfiore code (a comune or a foreign state), as of a date when there is one. */
export function checkBelfiore(path: string, codice: string, tables: SiussTables): Problem[] {
  return tables.table('belfiore').lookup(codice).status === 'unknown' ? [{ ...problem(path, 'BELFIORE_UNKNOWN'), tabella: 'belfiore', codice }] : [];
}
