// Versioned lookup tables for CO code fields, loaded from the data files in libs/co/code-lists/. A code
// is checked "as of" the date of the fact it describes, so a code retired in 2016 is still accepted in a
// CO about a 2015 hiring and refused in one about a 2017 hiring.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv';
import type { IsoDate } from './model';

export const TABLE_NAMES = [
  'tipologiaContrattuale',
  'tipoOrario',
  'trasformazione',
  'causaCessazione',
  'ateco',
  'belfiore',
  'cittadinanza',
  'qualificaCp2011',
  'ccnl',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export interface CodeEntry {
  code: string;
  description: string;
  /** Inclusive; absent = no known lower bound. */
  validFrom?: IsoDate;
  /** Inclusive (last valid day); absent = still valid. */
  validTo?: IsoDate;
  /** Table-specific columns (e.g. `durata` for tipologia contrattuale). */
  attrs: Readonly<Record<string, string>>;
}

/** What the table knows about its own coverage (from manifest.json). */
export interface TableCoverage {
  /** What a well-formed code looks like; a code that does not match is refused whatever the table holds. */
  format?: RegExp;
  /**
   * true: the table lists every code that existed (up to `completeUntil`, when given), so a code it does
   * not know is refused. false: a sample or a partial list, so a well-formed code it does not know is
   * accepted and reported as a warning: COs reach us after the ministry's own validation.
   */
  complete: boolean;
  /** Last day the data covers: on a later date an unknown code may simply be newer than the data. */
  completeUntil?: IsoDate;
}

export interface CodeTable extends TableCoverage {
  name: TableName;
  version: string;
  source: string;
  /** Several entries per code when a code was re-defined over time. */
  entries: ReadonlyMap<string, readonly CodeEntry[]>;
}

export type CodeCheck = { status: 'ok'; entry: CodeEntry } | { status: 'unknown' } | { status: 'not-valid-on-date' };

/** How a code field is judged: `malformed` and `not-valid-on-date` are refusals, `unlisted` a warning. */
export type CodeVerdict = CodeCheck['status'] | 'malformed' | 'unlisted';

const FIXED_COLUMNS = new Set(['code', 'description', 'valid_from', 'valid_to']);

/** Works from src/ (tests) and dist/ (built): both sit next to code-lists/. */
export const DEFAULT_CODE_LISTS_DIR = join(__dirname, '..', 'code-lists');

export class CodeLists {
  constructor(private readonly tables: Readonly<Record<TableName, CodeTable>>) {}

  table(name: TableName): CodeTable {
    return this.tables[name];
  }

  /** Table versions, for recording which lists a validation ran against. */
  versions(): Record<TableName, string> {
    const out = {} as Record<TableName, string>;
    for (const n of TABLE_NAMES) out[n] = this.tables[n].version;
    return out;
  }

  check(name: TableName, code: string, onDate?: IsoDate): CodeCheck {
    const found = this.lookup(name, code, onDate);
    return typeof found === 'string' ? { status: found } : { status: 'ok', entry: found };
  }

  /** The entry valid on the date, or why there is none. Allocates nothing: it runs for every code field of every CO. */
  private lookup(name: TableName, code: string, onDate: IsoDate | undefined): CodeEntry | 'unknown' | 'not-valid-on-date' {
    const entries = this.tables[name].entries.get(code);
    if (entries === undefined || entries.length === 0) return 'unknown';
    if (onDate === undefined) return entries[entries.length - 1];
    for (const e of entries) {
      if ((e.validFrom === undefined || e.validFrom <= onDate) && (e.validTo === undefined || onDate <= e.validTo)) return e;
    }
    return 'not-valid-on-date';
  }

  /**
   * The table's coverage decides about a code it does not know: refused if the table is complete on that
   * date (`unknown`), accepted with a warning otherwise (`unlisted`).
   */
  judge(name: TableName, code: string, onDate?: IsoDate): CodeVerdict {
    // The table first: a code it holds is well-formed, so the format is tested only for the others.
    const found = this.lookup(name, code, onDate);
    if (typeof found !== 'string') return 'ok';
    if (found === 'not-valid-on-date') return found;
    const format = this.tables[name].format;
    if (format && !format.test(code)) return 'malformed';
    return this.knowsAll(name, onDate) ? 'unknown' : 'unlisted';
  }

  /** Whether the table lists every code in use on that date (no date: the table as a whole). */
  knowsAll(name: TableName, onDate?: IsoDate): boolean {
    const t = this.tables[name];
    return t.complete && (t.completeUntil === undefined || onDate === undefined || onDate <= t.completeUntil);
  }

  /** Codes valid on a date, in file order (the generator draws from these). */
  validCodes(name: TableName, onDate?: IsoDate): CodeEntry[] {
    const out: CodeEntry[] = [];
    for (const [code] of this.tables[name].entries) {
      const c = this.check(name, code, onDate);
      if (c.status === 'ok') out.push(c.entry);
    }
    return out;
  }
}

interface Manifest {
  tables: Record<string, { file: string; version: string; source: string; format?: string; complete?: boolean; completeUntil?: string }>;
}

export function buildTable(
  name: TableName,
  version: string,
  source: string,
  rows: Array<Record<string, string>>,
  coverage: TableCoverage = { complete: true },
): CodeTable {
  const entries = new Map<string, CodeEntry[]>();
  for (const row of rows) {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(row)) if (!FIXED_COLUMNS.has(k)) attrs[k] = v;
    const entry: CodeEntry = {
      code: row.code,
      description: row.description ?? '',
      validFrom: row.valid_from || undefined,
      validTo: row.valid_to || undefined,
      attrs,
    };
    const list = entries.get(row.code) ?? [];
    list.push(entry);
    entries.set(row.code, list);
  }
  return { name, version, source, entries, ...coverage };
}

/** Loads every table listed in `dir`/manifest.json; throws if one is missing (a deployment error). */
export function loadCodeLists(dir: string = DEFAULT_CODE_LISTS_DIR): CodeLists {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const tables = {} as Record<TableName, CodeTable>;
  for (const name of TABLE_NAMES) {
    const meta = manifest.tables[name];
    if (!meta) throw new Error(`code-lists manifest has no table "${name}"`);
    const rows = parseCsv(readFileSync(join(dir, meta.file), 'utf8'));
    tables[name] = buildTable(name, meta.version, meta.source, rows, {
      ...(meta.format ? { format: new RegExp(meta.format) } : {}),
      // A table that does not say is taken as complete: refusing is the behaviour it had before.
      complete: meta.complete ?? true,
      ...(meta.completeUntil ? { completeUntil: meta.completeUntil } : {}),
    });
  }
  return new CodeLists(tables);
}

let shipped: CodeLists | undefined;

/** The tables shipped with this library, loaded once. */
export function defaultCodeLists(): CodeLists {
  shipped ??= loadCodeLists();
  return shipped;
}
