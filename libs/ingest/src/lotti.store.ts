// File jobs in Postgres (per source: a jobs table and a per-line results table, e.g. co_ingest_lotto and
// co_ingest_lotto_esito). Postgres, not Redis, is the source of truth for a job's progress: it is written
// in the same transaction as the chunk's idempotency rows, so "lines done" and "keys accepted" can never
// disagree after a crash. BullMQ only schedules.
import type { Pool, PoolClient } from 'pg';
import type { Avviso, Problem } from './adapter';
import type { ClaimStore } from './claims';
import { countResults, type Esito, type LineResult } from './outcomes';

export type StatoLotto = 'IN_CODA' | 'IN_CORSO' | 'COMPLETATO' | 'FALLITO';

export interface Lotto {
  id: string;
  stato: StatoLotto;
  spoolFile: string;
  dimensioneByte: number;
  byteElaborati: number;
  righeElaborate: number;
  accettate: number;
  duplicate: number;
  rifiutate: number;
  inConflitto: number;
  errore: string | null;
  correlationId: string | null;
  ricevutoIl: Date;
  iniziatoIl: Date | null;
  completatoIl: Date | null;
}

/** Another worker moved the job's progress: this one lost it (stalled lock) and must stop. */
export class LottoOwnershipLost extends Error {
  constructor() {
    super('the job progress was advanced by another worker');
    this.name = 'LottoOwnershipLost';
  }
}

/** A source's job tables; `esitoKey` is the column of the line's claim key in the results table. */
export interface LottiTables {
  lotti: string;
  esiti: string;
  esitoKey: string;
}

const COLUMNS = `id, state, spool_file, size_bytes, bytes_done, lines_done, accepted, duplicates, rejected, conflicts,
  error, correlation_id, created_at, started_at, finished_at`;

function toLotto(r: Record<string, unknown>): Lotto {
  return {
    id: r.id as string,
    stato: r.state as StatoLotto,
    spoolFile: r.spool_file as string,
    dimensioneByte: Number(r.size_bytes),
    byteElaborati: Number(r.bytes_done),
    righeElaborate: r.lines_done as number,
    accettate: r.accepted as number,
    duplicate: r.duplicates as number,
    rifiutate: r.rejected as number,
    inConflitto: r.conflicts as number,
    errore: (r.error as string | null) ?? null,
    correlationId: (r.correlation_id as string | null) ?? null,
    ricevutoIl: r.created_at as Date,
    iniziatoIl: (r.started_at as Date | null) ?? null,
    completatoIl: (r.finished_at as Date | null) ?? null,
  };
}

export class LottiStore<Id extends object = object> {
  private readonly lotti: string;

  constructor(
    private readonly pool: Pool,
    private readonly tables: LottiTables,
    private readonly claims: ClaimStore,
    /** The identity fields of a line's claim key (the source adapter's identityOf). */
    private readonly identityOf: (key: string) => Id,
  ) {
    this.lotti = tables.lotti;
  }

  async create(id: string, spoolFile: string, sizeBytes: number, correlationId: string | undefined): Promise<Lotto> {
    const r = await this.pool.query(
      `INSERT INTO ${this.lotti} (id, state, spool_file, size_bytes, correlation_id) VALUES ($1, 'IN_CODA', $2, $3, $4) RETURNING ${COLUMNS}`,
      [id, spoolFile, sizeBytes, correlationId ?? null],
    );
    return toLotto(r.rows[0]);
  }

  async remove(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.lotti} WHERE id = $1`, [id]);
  }

  async get(id: string): Promise<Lotto | undefined> {
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.lotti} WHERE id = $1`, [id]);
    return r.rows[0] ? toLotto(r.rows[0]) : undefined;
  }

  async unfinished(): Promise<{ id: string; spoolFile: string }[]> {
    const r = await this.pool.query<{ id: string; spool_file: string }>(
      `SELECT id, spool_file FROM ${this.lotti} WHERE state IN ('IN_CODA', 'IN_CORSO') ORDER BY created_at`,
    );
    return r.rows.map((x) => ({ id: x.id, spoolFile: x.spool_file }));
  }

  async markStarted(id: string): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.lotti} SET state = 'IN_CORSO', started_at = coalesce(started_at, now()), updated_at = now() WHERE id = $1 AND state IN ('IN_CODA', 'IN_CORSO')`,
      [id],
    );
  }

  /**
   * In the chunk's transaction: its per-line outcomes and the new position. `from` is the position the
   * chunk started at; if the row is no longer there, another worker advanced the job. `keys` are the
   * lines' claim keys (null for a refused line).
   */
  async recordChunk(
    tx: PoolClient,
    id: string,
    results: readonly LineResult<Id>[],
    keys: readonly (string | null)[],
    from: number,
    to: { lines: number; bytes: number },
  ): Promise<void> {
    const c = countResults(results);
    const updated = await tx.query(
      `UPDATE ${this.lotti} SET lines_done = $3, bytes_done = $4, accepted = accepted + $5, duplicates = duplicates + $6,
         rejected = rejected + $7, conflicts = conflicts + $8, updated_at = now()
       WHERE id = $1 AND lines_done = $2 AND state = 'IN_CORSO'`,
      [id, from, to.lines, to.bytes, c.accettate, c.duplicate, c.rifiutate, c.inConflitto],
    );
    if (updated.rowCount !== 1) throw new LottoOwnershipLost();
    if (results.length === 0) return;
    await tx.query(
      `INSERT INTO ${this.tables.esiti} (lotto_id, line, outcome, ${this.tables.esitoKey}, problems, warnings)
       SELECT $1, l, o, c, p, w FROM unnest($2::int[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) AS t(l, o, c, p, w)`,
      [
        id,
        results.map((r) => r.riga),
        results.map((r) => r.esito),
        keys,
        results.map((r) => (r.errors ? JSON.stringify(r.errors) : null)),
        results.map((r) => (r.avvisi ? JSON.stringify(r.avvisi) : null)),
      ],
    );
  }

  async finish(id: string): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.lotti} SET state = 'COMPLETATO', bytes_done = size_bytes, finished_at = now(), updated_at = now() WHERE id = $1 AND state = 'IN_CORSO'`,
      [id],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.lotti} SET state = 'FALLITO', error = $2, finished_at = now(), updated_at = now() WHERE id = $1 AND state IN ('IN_CODA', 'IN_CORSO')`,
      [id, error],
    );
  }

  /**
   * Per-line outcomes from line `fromLine` on, in line order; event ids (and, for versioned sources,
   * whether an accepted version was stale) come from the idempotency record.
   */
  async esiti(id: string, fromLine: number, limit: number, esito?: Esito): Promise<LineResult<Id>[]> {
    const { esiti, esitoKey } = this.tables;
    const claims = this.claims.table;
    const r = await this.pool.query<{
      line: number;
      outcome: Esito;
      k: string | null;
      problems: Problem[] | null;
      warnings: Avviso[] | null;
      event_ids: string[] | null;
      stale: boolean | null;
    }>(
      `SELECT e.line, e.outcome, e.${esitoKey} AS k, e.problems, e.warnings, c.event_ids,
         ${this.claims.versioned ? `CASE WHEN e.outcome = 'ACCETTATA' THEN c.stale END` : 'NULL::boolean'} AS stale
       FROM ${esiti} e
       LEFT JOIN ${claims.name} c ON c.${claims.key} = e.${esitoKey} AND e.outcome IN ('ACCETTATA', 'DUPLICATA')
       WHERE e.lotto_id = $1 AND e.line >= $2 AND ($4::text IS NULL OR e.outcome = $4)
       ORDER BY e.line LIMIT $3`,
      [id, fromLine, limit, esito ?? null],
    );
    return r.rows.map(
      (x) =>
        ({
          riga: x.line,
          esito: x.outcome,
          ...(x.k ? this.identityOf(x.k) : {}),
          ...(x.event_ids ? { eventIds: x.event_ids } : {}),
          ...(x.stale ? { obsoleta: true } : {}),
          ...(x.problems ? { errors: x.problems } : {}),
          ...(x.warnings ? { avvisi: x.warnings } : {}),
        }) as LineResult<Id>,
    );
  }
}
