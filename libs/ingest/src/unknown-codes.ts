// Codes that a partial code table did not know, in accepted records: counted in Prometheus by table and
// code (ingest_<source>_unknown_codes_total) and, where the source keeps a table of them (CO:
// co_unknown_code), listed for the operators, so that the tables can be completed. Codes are
// well-formed by then (a malformed one is a refusal) and are not personal data; the metric still caps the
// distinct codes per table, since a sender could invent any number of well-formed ones.
import type { Pool } from 'pg';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from '@fsl/logging';
import type { LineResult } from './outcomes';

/** Beyond this many distinct codes of one table, the metric counts the others under code="other". */
export const METRIC_CODES_PER_TABLE = 200;

export interface CodiceSconosciuto {
  tabella: string;
  codice: string;
  primoVisto: Date;
  ultimoVisto: Date;
  occorrenze: number;
}

/** Occurrences per table and code among the lines accepted now (a DUPLICATA was counted the first time). */
export function unknownCodesOf(results: readonly LineResult[]): Map<string, { tabella: string; codice: string; n: number }> {
  const seen = new Map<string, { tabella: string; codice: string; n: number }>();
  for (const r of results) {
    if (r.esito !== 'ACCETTATA' || !r.avvisi) continue;
    for (const a of r.avvisi) {
      if (a.tabella === undefined || a.codice === undefined) continue;
      const key = `${a.tabella}\u0000${a.codice}`;
      const s = seen.get(key);
      if (s) s.n++;
      else seen.set(key, { tabella: a.tabella, codice: a.codice, n: 1 });
    }
  }
  return seen;
}

export interface UnknownCodesOptions {
  /** Metric ingest_<source>_unknown_codes_total. */
  source: string;
  /** What the records are called in the metric's help, e.g. 'COs'. */
  records: string;
  /** Where the codes are listed (table code_table, code, first_seen, last_seen, occurrences); none: metric only. */
  store?: { pool: Pool; table: string };
}

export class UnknownCodes {
  private readonly counter: Counter<'table' | 'code'>;
  private readonly labelled = new Map<string, Set<string>>();

  constructor(
    registry: Registry,
    private readonly logger: Logger,
    private readonly opts: UnknownCodesOptions,
  ) {
    this.counter = new Counter({
      name: `ingest_${opts.source}_unknown_codes_total`,
      help: `Codes of accepted ${opts.records} that a partial code table does not know, by table and code (beyond ${METRIC_CODES_PER_TABLE} codes per table: code="other")`,
      labelNames: ['table', 'code'],
      registers: [registry],
    });
  }

  /**
   * After a chunk is committed: one statement for the whole chunk. Not inside the chunk's transaction,
   * where the rows of codes shared by concurrent batches would stay locked until Kafka acknowledges them
   * and serialise those batches; a failure here loses only these counts (logged), never a record.
   */
  async record(results: readonly LineResult[]): Promise<void> {
    const codes = [...unknownCodesOf(results).values()];
    if (codes.length === 0) return;
    for (const c of codes) this.counter.inc({ table: c.tabella, code: this.label(c.tabella, c.codice) }, c.n);
    const store = this.opts.store;
    if (!store) return;
    // Sorted, so that two chunks upserting the same codes lock them in the same order.
    codes.sort((a, b) => (a.tabella === b.tabella ? (a.codice < b.codice ? -1 : 1) : a.tabella < b.tabella ? -1 : 1));
    try {
      await store.pool.query(
        `INSERT INTO ${store.table} (code_table, code, first_seen, last_seen, occurrences)
         SELECT t, c, now(), now(), n FROM unnest($1::text[], $2::text[], $3::bigint[]) AS x(t, c, n)
         ON CONFLICT (code_table, code) DO UPDATE
           SET last_seen = excluded.last_seen, occurrences = ${store.table}.occurrences + excluded.occurrences`,
        [codes.map((c) => c.tabella), codes.map((c) => c.codice), codes.map((c) => c.n)],
      );
    } catch (err) {
      this.logger.warn({ err, codes: codes.length }, 'could not record the unknown codes of a chunk');
    }
  }

  async list(tabella: string | undefined, limit: number): Promise<CodiceSconosciuto[]> {
    const store = this.opts.store;
    if (!store) throw new Error('UnknownCodes.list: this source keeps no list of unknown codes');
    const r = await store.pool.query<{ code_table: string; code: string; first_seen: Date; last_seen: Date; occurrences: string }>(
      `SELECT code_table, code, first_seen, last_seen, occurrences FROM ${store.table}
       WHERE $1::text IS NULL OR code_table = $1 ORDER BY code_table, occurrences DESC, code LIMIT $2`,
      [tabella ?? null, limit],
    );
    return r.rows.map((x) => ({ tabella: x.code_table, codice: x.code, primoVisto: x.first_seen, ultimoVisto: x.last_seen, occorrenze: Number(x.occurrences) }));
  }

  private label(table: string, code: string): string {
    let codes = this.labelled.get(table);
    if (!codes) this.labelled.set(table, (codes = new Set()));
    if (codes.has(code)) return code;
    if (codes.size >= METRIC_CODES_PER_TABLE) return 'other';
    codes.add(code);
    return code;
  }
}
