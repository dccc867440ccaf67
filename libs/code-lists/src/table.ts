// A versioned lookup table of classification codes, read from a CSV file shipped as data. A code can be
// defined several times with different validity windows, so a record is judged by the codes in force on
// the date of the fact it describes: a code retired later stays valid in an old record.
//
// Written to be source-neutral (table names are plain strings), so that each source library declares its
// own tables; libs/co still has its own CO-typed loader (code-lists.ts), a candidate to sit on this one.

/** YYYY-MM-DD; compares correctly as a string. */
export type CodeDate = string;

export interface CodeRow {
  code: string;
  description: string;
  /** Inclusive; absent = no known lower bound. */
  validFrom?: CodeDate;
  /** Inclusive (last valid day); absent = still valid. */
  validTo?: CodeDate;
  /** Every other column of the file (e.g. `provincia`, `source`). */
  attrs: Readonly<Record<string, string>>;
}

/** `retired` = the code exists but not on that date (withdrawn before it, or not yet in force). */
export type Lookup = { status: 'known'; row: CodeRow } | { status: 'unknown' } | { status: 'retired' };

const WINDOW_COLUMNS = new Set(['code', 'description', 'valid_from', 'valid_to']);

export class VersionedTable {
  private readonly byCode = new Map<string, CodeRow[]>();

  constructor(
    readonly name: string,
    /** Bumped whenever the file changes; recorded with each validation. */
    readonly version: string,
    /** Where the rows come from (publisher, licence, confidence). */
    readonly source: string,
    rows: ReadonlyArray<Record<string, string>>,
  ) {
    for (const r of rows) {
      const attrs = Object.fromEntries(Object.entries(r).filter(([k]) => !WINDOW_COLUMNS.has(k)));
      const row: CodeRow = { code: r.code, description: r.description ?? '', validFrom: r.valid_from || undefined, validTo: r.valid_to || undefined, attrs };
      const defs = this.byCode.get(row.code);
      if (defs) defs.push(row);
      else this.byCode.set(row.code, [row]);
    }
  }

  /** Without a date: the latest definition of the code, whatever its window. */
  lookup(code: string, on?: CodeDate): Lookup {
    const defs = this.byCode.get(code);
    if (defs === undefined) return { status: 'unknown' };
    if (on === undefined) return { status: 'known', row: defs[defs.length - 1] };
    const inForce = defs.find((d) => (d.validFrom === undefined || d.validFrom <= on) && (d.validTo === undefined || on <= d.validTo));
    return inForce ? { status: 'known', row: inForce } : { status: 'retired' };
  }

  /** Rows in force on a date (every row without one), in file order: what generators draw from. */
  rowsInForce(on?: CodeDate): CodeRow[] {
    const out: CodeRow[] = [];
    for (const code of this.byCode.keys()) {
      const l = this.lookup(code, on);
      if (l.status === 'known') out.push(l.row);
    }
    return out;
  }
}
