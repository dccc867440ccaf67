// The durable idempotency record (table co_ingest_comunicazione). A chunk's codici are inserted inside a
// transaction that stays open while Kafka acknowledges the chunk's events and commits only afterwards:
// - a failed publish rolls back, so no codice stays recorded as accepted without its events;
// - a concurrent submission of the same codice blocks on the uncommitted key and then sees the winner's
//   row (duplicate or conflict), so two racing requests never both publish;
// - a crash between the acknowledgement and the commit leaves the codice unrecorded: a re-send publishes
//   again under the same deterministic event ids, which consumers de-duplicate.
import type { Pool, PoolClient } from 'pg';
import { AppError } from '@fsl/http';
import type { StoredDecision } from './outcomes';

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure
const MAX_ATTEMPTS = 3;

/** Socket-level failures and SQLSTATE classes 08 (connection) / 57P (shutdown): the database is away. */
function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (/^08/.test(code) || /^57P0/.test(code) || /^E[A-Z]+$/.test(code))) return true;
  return err instanceof Error && /Connection terminated|connection timeout/i.test(err.message);
}

function databaseUnavailable(cause: unknown): AppError {
  const err = new AppError('DEPENDENCY_UNAVAILABLE', 'the database is unavailable; nothing was accepted', { retryAfterSeconds: 5 });
  (err as { cause?: unknown }).cause = cause;
  return err;
}

export interface Claim {
  codice: string;
  hash: string;
  eventIds: string[];
}

export class AcceptedStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Runs `fn` in one transaction. Only deadlocks are retried, and they can only come from claim(), i.e.
   * before anything was published.
   */
  async transaction<T>(fn: (tx: PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const tx = await this.pool.connect().catch((err: unknown) => {
        throw databaseUnavailable(err);
      });
      try {
        await tx.query('BEGIN');
        const out = await fn(tx);
        await tx.query('COMMIT');
        return out;
      } catch (err) {
        await tx.query('ROLLBACK').catch(() => undefined);
        if (attempt < MAX_ATTEMPTS && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
        throw isConnectionError(err) ? databaseUnavailable(err) : err;
      } finally {
        tx.release();
      }
    }
  }

  /** Inserts the codici not yet recorded and reports, for the others, what was recorded. */
  async claim(tx: PoolClient, claims: readonly Claim[]): Promise<Map<string, StoredDecision>> {
    const decisions = new Map<string, StoredDecision>();
    if (claims.length === 0) return decisions;
    // Sorted so that two batches sharing codici lock them in the same order (no deadlock between them).
    const sorted = [...claims].sort((a, b) => (a.codice < b.codice ? -1 : a.codice > b.codice ? 1 : 0));
    const inserted = await tx.query<{ codice_comunicazione: string }>(
      `INSERT INTO co_ingest_comunicazione (codice_comunicazione, content_hash, event_ids)
       SELECT c, h, string_to_array(e, ',') FROM unnest($1::text[], $2::text[], $3::text[]) AS t(c, h, e) ORDER BY c
       ON CONFLICT (codice_comunicazione) DO NOTHING
       RETURNING codice_comunicazione`,
      [sorted.map((c) => c.codice), sorted.map((c) => c.hash), sorted.map((c) => c.eventIds.join(','))],
    );
    for (const r of inserted.rows) decisions.set(r.codice_comunicazione, { kind: 'new' });
    const known = sorted.filter((c) => !decisions.has(c.codice)).map((c) => c.codice);
    if (known.length > 0) {
      const stored = await tx.query<{ codice_comunicazione: string; content_hash: string; event_ids: string[] }>(
        `SELECT codice_comunicazione, content_hash, event_ids FROM co_ingest_comunicazione WHERE codice_comunicazione = ANY($1::text[])`,
        [known],
      );
      for (const r of stored.rows) decisions.set(r.codice_comunicazione, { kind: 'stored', hash: r.content_hash, eventIds: r.event_ids });
    }
    return decisions;
  }
}
