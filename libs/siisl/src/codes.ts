// Classification codes checked against versioned tables: Belfiore from libs/co's complete table (one table
// for every source), the others shipped in libs/siisl/code-lists. The format was checked by the schema; here
// a code the tables do not know is accepted with a warning (SIISL has validated it already, and a partial
// local table must not lose real records), while a code the tables know but that was not in force on the
// date of its fact is rejected.
import { belfioreTable } from '@fsl/co';
import { loadTableSet, type TableSet } from '@fsl/code-lists';
import { join } from 'node:path';
import type { Competenza, IsoDate, Problem, RecordOf } from './model';
import type { Entita } from './vocabularies';

export const TABLES = ['cp2011', 'ateco', 'isced', 'eqf', 'esco', 'belfiore', 'tipologiaContrattuale'] as const;
export type SiislTable = (typeof TABLES)[number];
export type SiislTables = TableSet<SiislTable>;

/** Works from src/ (tests) and dist/ (built): both sit next to code-lists/. */
export const DEFAULT_CODE_LISTS_DIR = join(__dirname, '..', 'code-lists');

/** Belfiore is libs/co's table, the others come from `dir`. */
export function loadSiislTables(dir: string = DEFAULT_CODE_LISTS_DIR): SiislTables {
  return loadTableSet(dir, TABLES, { belfiore: belfioreTable() });
}

let shipped: SiislTables | undefined;

/** The tables shipped with this library, loaded once. */
export function defaultTables(): SiislTables {
  shipped ??= loadSiislTables();
  return shipped;
}

export const CODE_MESSAGES = {
  CODE_UNKNOWN: 'This code is well-formed but not in the local table: accepted, to be checked.',
  CODE_RETIRED: 'This code is not in force on the date of the fact (retired or not yet valid).',
} as const;

/** One classification code found in a record, with the date it must be valid on. */
export interface CodeUse {
  path: string;
  table: SiislTable;
  code: string;
  on: IsoDate;
}

type Uses = (r: never) => CodeUse[];

function competenze(prefix: string, list: readonly Competenza[], on: IsoDate): CodeUse[] {
  return list.flatMap((c, i) => (c.escoUri ? [{ path: `${prefix}[${i}].escoUri`, table: 'esco' as const, code: c.escoUri, on }] : []));
}

const use = (path: string, table: SiislTable, code: string | undefined, on: IsoDate): CodeUse[] => (code === undefined ? [] : [{ path, table, code, on }]);

/** Where each entity carries classification codes; a deletion carries none. */
const USES: { [E in Entita]: (d: Extract<RecordOf[E], { operazione: 'AGGIORNAMENTO' }>) => CodeUse[] } = {
  curriculum: (r) => {
    const on = r.aggiornatoIl.slice(0, 10);
    const d = r.dati;
    return [
      ...d.esperienze.flatMap((e, i) => [
        ...use(`dati.esperienze[${i}].qualificaCp2011`, 'cp2011', e.qualificaCp2011, e.dataInizio),
        ...use(`dati.esperienze[${i}].settoreAteco`, 'ateco', e.settoreAteco, e.dataInizio),
      ]),
      ...d.istruzione.flatMap((t, i) => [...use(`dati.istruzione[${i}].livelloIsced`, 'isced', t.livelloIsced, on), ...use(`dati.istruzione[${i}].livelloEqf`, 'eqf', t.livelloEqf, on)]),
      ...competenze('dati.competenze', d.competenze, on),
      ...(d.disponibilita?.comuni ?? []).flatMap((c, i) => use(`dati.disponibilita.comuni[${i}]`, 'belfiore', c, on)),
    ];
  },
  'offerta-lavoro': (r) => {
    const d = r.dati;
    const on = d.dataPubblicazione;
    return [
      ...use('dati.qualificaCp2011', 'cp2011', d.qualificaCp2011, on),
      ...use('dati.settoreAteco', 'ateco', d.settoreAteco, on),
      ...use('dati.sedeComune', 'belfiore', d.sedeComune, on),
      ...use('dati.tipologiaContrattuale', 'tipologiaContrattuale', d.tipologiaContrattuale, on),
      ...competenze('dati.competenzeRichieste', d.competenzeRichieste, on),
    ];
  },
  'proposta-lavoro': () => [],
  corso: (r) => {
    const d = r.dati;
    return [...use('dati.sede.comune', 'belfiore', d.sede.comune, d.dataInizio), ...use('dati.livelloEqf', 'eqf', d.livelloEqf, d.dataInizio), ...competenze('dati.competenze', d.competenze, d.dataInizio)];
  },
  iscrizione: () => [],
  'manifestazione-interesse': () => [],
  'misura-inclusione': () => [],
  puc: (r) => use('dati.comune', 'belfiore', r.dati.comune, r.dati.dataInizio),
};

export function codeUses<E extends Entita>(entita: E, record: RecordOf[E]): CodeUse[] {
  if (record.operazione !== 'AGGIORNAMENTO') return [];
  return (USES[entita] as Uses)(record as never);
}

/** Rejections (retired codes) and warnings (unknown codes) of one record. */
export function checkCodes<E extends Entita>(entita: E, record: RecordOf[E], tables: SiislTables): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const u of codeUses(entita, record)) {
    const found = tables.table(u.table).lookup(u.code, u.on);
    if (found.status === 'unknown') warnings.push({ path: u.path, code: 'CODE_UNKNOWN', message: CODE_MESSAGES.CODE_UNKNOWN });
    else if (found.status === 'retired') problems.push({ path: u.path, code: 'CODE_RETIRED', message: CODE_MESSAGES.CODE_RETIRED });
  }
  return { problems, warnings };
}
