// The durable idempotency record. A chunk's keys are inserted inside a transaction that stays open while
// Kafka acknowledges the chunk's events and commits only afterwards:
// - a failed publish rolls back, so no key stays recorded as accepted without its events;
// - a concurrent submission of the same key blocks on the uncommitted key and then sees the winner's
//   row (duplicate or conflict), so two racing requests never both publish;
// - a crash between the acknowledgement and the commit leaves the key unrecorded: a re-send publishes
//   again under the same deterministic event ids, which consumers de-duplicate.
import type { Pool, PoolClient } from 'pg';
import { AppError } from '@fsl/http';
import type { ClaimVersion } from './adapter';
import type { StoredDecision } from './outcomes';

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure
const MAX_ATTEMPTS = 3;

/** Socket-level failures and SQLSTATE classes 08 (connection) / 57P (shutdown): the database is away. */
function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (/^08/.test(code) || /^57P0/.test(code) || /^E[A-Z]+$/.test(code))) return true;
  return err instanceof Error && /Connection terminated|connection timeout/i.test(err.message);
}

export function databaseUnavailable(cause: unknown, detail = 'the database is unavailable; nothing was accepted'): AppError {
  const err = new AppError('DEPENDENCY_UNAVAILABLE', detail, { retryAfterSeconds: 5 });
  (err as { cause?: unknown }).cause = cause;
  return err;
}

export interface Claim {
  key: string;
  hash: string;
  eventIds: string[];
  version?: ClaimVersion;
}

export interface ClaimResult {
  decisions: Map<string, StoredDecision>;
  /** Versioned stores: record → highest version committed before this chunk. */
  highest?: Map<string, number>;
}

/** Where the claims of one source are kept; `claim` runs inside the chunk's transaction. */
export interface ClaimStore {
  /** The table the file jobs' results join to read a line's event ids back. */
  readonly table: { name: string; key: string };
  /** Whether the claim rows say which accepted versions were stale (column `stale`). */
  readonly versioned: boolean;
  claim(tx: PoolClient, claims: readonly Claim[]): Promise<ClaimResult>;
}

/**
 * Runs `fn` in one transaction. Only deadlocks are retried, and they can only come from claiming, i.e.
 * before anything was published.
 */
export async function inTransaction<T>(pool: Pool, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = await pool.connect().catch((err: unknown) => {
      throw databaseUnavailable(err);
    });
    try {
      await tx.query('BEGIN');
      const out = await fn(tx);
      await tx.query('COMMIT');
      return out;
    } catch (err) {
      // A ROLLBACK that fails means the connection is gone, and Postgres drops the transaction with it;
      // the error worth retrying on or reporting is the one that got us here.
      await tx.query('ROLLBACK').catch(() => undefined);
      if (attempt < MAX_ATTEMPTS && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
      throw isConnectionError(err) ? databaseUnavailable(err) : err;
    } finally {
      tx.release();
    }
  }
}

/** Sorted so that two batches sharing keys lock them in the same order (no deadlock between them). */
const byKey = (claims: readonly Claim[]) => [...claims].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/**
 * One claim per key, for ever (a CO's codiceComunicazione): the same key again is a duplicate or a
 * conflict. Table: (<key> text PRIMARY KEY, content_hash text, event_ids text[]).
 */
export class UniqueClaims implements ClaimStore {
  readonly versioned = false;
  constructor(readonly table: { name: string; key: string }) {}

  async claim(tx: PoolClient, claims: readonly Claim[]): Promise<ClaimResult> {
    const decisions = new Map<string, StoredDecision>();
    if (claims.length === 0) return { decisions };
    const { name, key } = this.table;
    const sorted = byKey(claims);
    const inserted = await tx.query<{ k: string }>(
      `INSERT INTO ${name} (${key}, content_hash, event_ids)
       SELECT c, h, string_to_array(e, ',') FROM unnest($1::text[], $2::text[], $3::text[]) AS t(c, h, e) ORDER BY c
       ON CONFLICT (${key}) DO NOTHING
       RETURNING ${key} AS k`,
      [sorted.map((c) => c.key), sorted.map((c) => c.hash), sorted.map((c) => c.eventIds.join(','))],
    );
    for (const r of inserted.rows) decisions.set(r.k, { kind: 'new' });
    await readStored(tx, this.table, sorted, decisions);
    return { decisions };
  }
}

/** For the keys not inserted now: what was recorded under them. */
async function readStored(tx: PoolClient, table: { name: string; key: string }, sorted: readonly Claim[], decisions: Map<string, StoredDecision>): Promise<void> {
  const known = sorted.filter((c) => !decisions.has(c.key)).map((c) => c.key);
  if (known.length === 0) return;
  const stored = await tx.query<{ k: string; content_hash: string; event_ids: string[] }>(
    `SELECT ${table.key} AS k, content_hash, event_ids FROM ${table.name} WHERE ${table.key} = ANY($1::text[])`,
    [known],
  );
  for (const r of stored.rows) decisions.set(r.k, { kind: 'stored', hash: r.content_hash, eventIds: r.event_ids });
}

/**
 * One claim per version of a record (key = record + version): the same version again is a duplicate or a
 * conflict, a new version lower than the highest committed one is accepted as stale. Table:
 * (claim_key text PRIMARY KEY, record_key text, versione bigint, content_hash text, event_ids text[],
 * stale boolean), indexed on (record_key, versione).
 *
 * Two concurrent requests carrying different versions of one record can both see the other as not yet
 * committed: each is then answered as current. Staleness is only what the answer reports; every version
 * joins the record's history whatever its flag, and the current version is always the highest.
 */
export class VersionedClaims implements ClaimStore {
  readonly versioned = true;
  readonly table: { name: string; key: string };
  constructor(name: string) {
    this.table = { name, key: 'claim_key' };
  }

  async claim(tx: PoolClient, claims: readonly Claim[]): Promise<ClaimResult> {
    const decisions = new Map<string, StoredDecision>();
    const highest = new Map<string, number>();
    if (claims.length === 0) return { decisions, highest };
    const { name } = this.table;
    const sorted = byKey(claims);
    const records = [...new Set(sorted.map((c) => versionOf(c).of))];
    // Before inserting: the chunk's own versions must not count as known.
    const top = await tx.query<{ record_key: string; top: string }>(
      `SELECT record_key, max(versione) AS top FROM ${name} WHERE record_key = ANY($1::text[]) GROUP BY record_key`,
      [records],
    );
    for (const r of top.rows) highest.set(r.record_key, Number(r.top));
    // Stale as far as this chunk can tell, in line order (planChunk gives the answer the same way).
    const seen = new Map(highest);
    const stale = new Map<string, boolean>();
    for (const c of claims) {
      const { of, versione } = versionOf(c);
      const known = seen.get(of);
      stale.set(c.key, known !== undefined && versione < known);
      if (known === undefined || versione > known) seen.set(of, versione);
    }
    const inserted = await tx.query<{ k: string }>(
      `INSERT INTO ${name} (claim_key, record_key, versione, content_hash, event_ids, stale)
       SELECT k, r, v, h, string_to_array(e, ','), s FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::boolean[]) AS t(k, r, v, h, e, s)
       ORDER BY k
       ON CONFLICT (claim_key) DO NOTHING
       RETURNING claim_key AS k`,
      [
        sorted.map((c) => c.key),
        sorted.map((c) => versionOf(c).of),
        sorted.map((c) => versionOf(c).versione),
        sorted.map((c) => c.hash),
        sorted.map((c) => c.eventIds.join(',')),
        sorted.map((c) => stale.get(c.key) ?? false),
      ],
    );
    for (const r of inserted.rows) decisions.set(r.k, { kind: 'new' });
    await readStored(tx, this.table, sorted, decisions);
    return { decisions, highest };
  }
}

function versionOf(c: Claim): ClaimVersion {
  if (!c.version) throw new Error('VersionedClaims: a claim without a version');
  return c.version;
}
