// Codes checked against versioned tables: Belfiore from libs/co's complete table (one table for every
// source), the GePI-specific tables shipped in libs/gepi/code-lists. The format was checked already; a
// well-formed code the tables do not know is accepted with a warning (GePI has validated it, and a partial
// local table must not lose real records), a code known but not in force on the date of its fact is rejected.
import { belfioreTable } from '@fsl/co';
import { loadTableSet, type TableSet } from '@fsl/code-lists';
import { CODE_MESSAGES as SIISL_CODE_MESSAGES } from '@fsl/siisl';
import { join } from 'node:path';
import type { Aggiornamento, GepiRecord, IsoDate, Problem } from './model';
import type { Entita } from './vocabularies';

export const TABLES = ['belfiore', 'ambitoTerritoriale', 'tipoSostegno', 'tipoImpegno'] as const;
export type GepiTable = (typeof TABLES)[number];
export type GepiTables = TableSet<GepiTable>;

/** Next to src/ and dist/ alike, so tests and the built library find the same files. */
export const DEFAULT_CODE_LISTS_DIR = join(__dirname, '..', 'code-lists');

/** Belfiore is libs/co's table, the others come from `dir`. */
export function loadGepiTables(dir: string = DEFAULT_CODE_LISTS_DIR): GepiTables {
  return loadTableSet(dir, TABLES, { belfiore: belfioreTable() });
}

/** The shipped tables, read on first use (the Belfiore file has ten thousand rows). */
export const defaultTables = (() => {
  let loaded: GepiTables | undefined;
  return (): GepiTables => (loaded ??= loadGepiTables());
})();

/** Same wording as SIISL's: the same verdict on a code whichever source sent it. */
export const CODE_MESSAGES = SIISL_CODE_MESSAGES;

/** One code found in a record, with the date it must be in force on. */
export interface CodeUse {
  path: string;
  table: GepiTable;
  code: string;
  on: IsoDate;
}

const uses = (path: string, table: GepiTable, code: string | undefined, on: IsoDate): CodeUse[] => (code === undefined ? [] : [{ path, table, code, on }]);

const USES: { [E in Entita]: (r: Aggiornamento<E>) => CodeUse[] } = {
  // An ente's code must be in force when it takes the case (a comune merged later stays valid in the history).
  caso: ({ dati: d }) => d.enti.flatMap((e, i) => uses(`dati.enti[${i}].codice`, e.tipo === 'COMUNE' ? 'belfiore' : 'ambitoTerritoriale', e.codice, e.dal)),
  'nucleo-caso': () => [],
  'analisi-preliminare': () => [],
  'quadro-analisi': () => [],
  'equipe-multidisciplinare': () => [],
  pais: ({ dati: d }) => [
    ...d.sostegni.flatMap((s, i) => uses(`dati.sostegni[${i}].tipo`, 'tipoSostegno', s.tipo, s.dal)),
    ...d.impegni.flatMap((m, i) => uses(`dati.impegni[${i}].tipo`, 'tipoImpegno', m.tipo, m.dal)),
  ],
  'partecipazione-puc': ({ dati: d }) => uses('dati.comune', 'belfiore', d.comune, d.dataInizio),
  'pad-nucleo': ({ dati: d }) => [...uses('dati.atsCompetente', 'ambitoTerritoriale', d.atsCompetente, d.dataSottoscrizione), ...uses('dati.cpiComune', 'belfiore', d.cpiComune, d.dataSottoscrizione)],
};

export function codeUses<E extends Entita>(entita: E, record: GepiRecord<E>): CodeUse[] {
  return record.operazione === 'AGGIORNAMENTO' ? (USES[entita] as (r: Aggiornamento<E>) => CodeUse[])(record as Aggiornamento<E>) : [];
}

/**
 * Rejections (codes not in force) and warnings (unknown codes). An ente code of the wrong format is a rule
 * problem already (rules.ts): it is not looked up.
 */
export function checkCodes<E extends Entita>(entita: E, record: GepiRecord<E>, tables: GepiTables): { problems: Problem[]; warnings: Problem[] } {
  const out = { problems: [] as Problem[], warnings: [] as Problem[] };
  for (const u of codeUses(entita, record)) {
    const status = tables.table(u.table).lookup(u.code, u.on).status;
    if (status === 'unknown') out.warnings.push({ path: u.path, code: 'CODE_UNKNOWN', message: CODE_MESSAGES.CODE_UNKNOWN });
    if (status === 'retired') out.problems.push({ path: u.path, code: 'CODE_RETIRED', message: CODE_MESSAGES.CODE_RETIRED });
  }
  return out;
}

