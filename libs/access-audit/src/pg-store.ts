import type { Pool, PoolClient } from 'pg';
import { anchorHead, anchorMatches, type AnchorKey } from './anchor';
import { appendRecord, ChainHead, ChainVerifier, VerifyResult } from './chain';
import { AccessEvent, AccessOutcome, AuditRecord } from './record';
import { ACCESS_AUDIT_ANCHOR_DDL, ACCESS_AUDIT_DDL } from './schema';

/** One line of a citizen's own access log: who (organisation / client), when, for which purpose. */
export interface SubjectAccess {
  time: string;
  consumer: { clientId: string; organizationId: string | null };
  purposeId: string;
  eservice: string;
  outcome: AccessOutcome;
}

export interface SubjectLogPage {
  items: SubjectAccess[];
  /** Pass back as `before` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

interface PendingAppend {
  event: AccessEvent;
  resolve: (record: AuditRecord) => void;
  reject: (err: unknown) => void;
}

/** Records per group commit (one statement, one array per column). */
const MAX_GROUP = 500;

const COLUMNS =
  'seq, id, recorded_at, client_id, organization_id, purpose_id, eservice, subject, outcome, operation, request_id, prev_hash, hash';

interface Row {
  seq: string;
  id: string;
  recorded_at: Date;
  client_id: string;
  organization_id: string | null;
  purpose_id: string;
  eservice: string;
  subject: string;
  outcome: AccessOutcome;
  operation: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

function fromRow(r: Row): AuditRecord {
  return {
    seq: Number(r.seq),
    id: r.id,
    time: r.recorded_at.toISOString(),
    clientId: r.client_id,
    organizationId: r.organization_id,
    purposeId: r.purpose_id,
    eservice: r.eservice,
    subject: r.subject,
    outcome: r.outcome,
    operation: r.operation,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

async function inTransaction<T>(pool: Pool, begin: string, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

function chainOnto(head: ChainHead, events: readonly AccessEvent[]): AuditRecord[] {
  let h = head;
  return events.map((event) => {
    const record = appendRecord(h, event);
    h = { seq: record.seq, hash: record.hash };
    return record;
  });
}

/** AuditRecord fields in COLUMNS order. */
const FIELDS = ['seq', 'id', 'time', 'clientId', 'organizationId', 'purposeId', 'eservice', 'subject', 'outcome', 'operation', 'requestId', 'prevHash', 'hash'] as const;

/** Postgres array type of each column, in COLUMNS order. */
const COLUMN_TYPES = ['bigint', 'uuid', 'timestamptz', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'] as const;

/** The records column by column, in COLUMNS order, for an INSERT … SELECT FROM unnestRecords(…). */
function columnArrays(records: readonly AuditRecord[]): unknown[][] {
  return FIELDS.map((f) => records.map((r) => r[f]));
}

/** `unnest($first::bigint[], …)` over columnArrays' parameters, starting at parameter number `first`. */
function unnestRecords(first: number): string {
  return `unnest(${COLUMN_TYPES.map((t, i) => `$${first + i}::${t}[]`).join(', ')})`;
}

/** Moves the head only if it is still the expected one, and inserts the records only if it moved. */
const APPEND_ONTO_HEAD = `WITH moved AS (
   UPDATE access_audit_head SET seq = $1, hash = $2, anchor = $5 WHERE id = 1 AND seq = $3 AND hash = $4 RETURNING 1
 )
 INSERT INTO access_audit (${COLUMNS})
 SELECT * FROM ${unnestRecords(6)} WHERE EXISTS (SELECT 1 FROM moved)`;

/** Postgres store of the hash-chained access audit. Tables come from ACCESS_AUDIT_DDL. */
export class PgAccessAuditStore {
  private waiting: PendingAppend[] = [];
  private draining = false;
  /** The head as this instance last wrote it; only a guess, checked by the statement that moves it. */
  private lastHead?: ChainHead;

  /** `anchorKey` signs the head at every append and is checked by verify() (src/anchor.ts). */
  constructor(
    private readonly pool: Pool,
    private readonly anchorKey: AnchorKey,
  ) {}

  /** Creates the tables if missing (tests, demo); deployments run the DDL as migrations. */
  async migrate(): Promise<void> {
    await this.pool.query(ACCESS_AUDIT_DDL);
    await this.pool.query(ACCESS_AUDIT_ANCHOR_DDL);
  }

  /**
   * Appends one record; resolves once it is committed. Appends that arrive while a transaction is open
   * wait and go into the next one together (group commit): the chain still grows one link at a time
   * under the head row lock, but a busy API pays one lock and one commit per group instead of per
   * record, which capped reads at the commit rate (bench/README.md, "Profiles and fixes").
   */
  append(event: AccessEvent): Promise<AuditRecord> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, MAX_GROUP);
        try {
          const records = await this.appendGroup(group.map((g) => g.event));
          group.forEach((g, i) => g.resolve(records[i]!));
        } catch (err) {
          for (const g of group) g.reject(err);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * One round trip per group in the usual case: the records are chained onto the head this instance
   * last wrote, and one statement moves the head row only if it is still that head and inserts the
   * records only if it moved. If another instance appended meanwhile nothing is written, and the group
   * goes through the locking path, which reads the head under its row lock.
   */
  private async appendGroup(events: AccessEvent[]): Promise<AuditRecord[]> {
    if (this.lastHead) {
      const expected = this.lastHead;
      this.lastHead = undefined;
      const records = chainOnto(expected, events);
      const last = records[records.length - 1]!;
      // Named: every group of a busy api runs it, so each connection has Postgres parse and plan it once.
      const { rowCount } = await this.pool.query({
        name: 'access-audit-append-onto-head',
        text: APPEND_ONTO_HEAD,
        values: [last.seq, last.hash, expected.seq, expected.hash, anchorHead(last, this.anchorKey), ...columnArrays(records)],
      });
      if (rowCount === records.length) {
        this.lastHead = { seq: last.seq, hash: last.hash };
        return records;
      }
    }
    const records = await this.appendGroupLocked(events);
    const last = records[records.length - 1]!;
    this.lastHead = { seq: last.seq, hash: last.hash };
    return records;
  }

  /** The head row lock makes concurrent appenders (other API instances) take turns, so links never fork. */
  private appendGroupLocked(events: AccessEvent[]): Promise<AuditRecord[]> {
    return inTransaction(this.pool, 'BEGIN', async (c) => {
      const { rows } = await c.query<{ seq: string; hash: string }>('SELECT seq, hash FROM access_audit_head WHERE id = 1 FOR UPDATE');
      if (rows.length === 0) throw new Error('access_audit_head row missing: run ACCESS_AUDIT_DDL');
      const records = chainOnto({ seq: Number(rows[0]!.seq), hash: rows[0]!.hash }, events);
      const last = records[records.length - 1]!;
      await c.query(
        `INSERT INTO access_audit (${COLUMNS}) SELECT * FROM ${unnestRecords(1)}`,
        columnArrays(records),
      );
      await c.query('UPDATE access_audit_head SET seq = $1, hash = $2, anchor = $3 WHERE id = 1', [last.seq, last.hash, anchorHead(last, this.anchorKey)]);
      return records;
    });
  }

  async head(): Promise<ChainHead> {
    const { rows } = await this.pool.query<{ seq: string; hash: string }>('SELECT seq, hash FROM access_audit_head WHERE id = 1');
    if (rows.length === 0) throw new Error('access_audit_head row missing: run ACCESS_AUDIT_DDL');
    return { seq: Number(rows[0]!.seq), hash: rows[0]!.hash };
  }

  /**
   * Walks the whole chain in seq order, in pages, inside one repeatable-read snapshot so that
   * appends running meanwhile neither break nor extend what is being checked.
   */
  verify(batchSize = 1000, recordedHeads: readonly ChainHead[] = []): Promise<VerifyResult> {
    return inTransaction(this.pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (c) => {
      const headRows = await c.query<{ seq: string; hash: string; anchor: string | null }>('SELECT seq, hash, anchor FROM access_audit_head WHERE id = 1');
      const head = headRows.rows[0] ? { seq: Number(headRows.rows[0].seq), hash: headRows.rows[0].hash } : undefined;
      const anchored = (result: VerifyResult): VerifyResult => this.checkAnchor(result, headRows.rows[0]?.anchor ?? null);
      const verifier = new ChainVerifier(undefined, recordedHeads);
      let after = 0;
      for (;;) {
        const { rows } = await c.query<Row>(`SELECT ${COLUMNS} FROM access_audit WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, batchSize]);
        for (const row of rows) if (verifier.push(fromRow(row))) return verifier.finish(head);
        if (rows.length < batchSize) break;
        after = Number(rows[rows.length - 1]!.seq);
      }
      return anchored(verifier.finish(head));
    });
  }

  /**
   * An intact chain must also end at a head anchored under our key: a chain rewritten whole (every
   * hash recomputed, as the database's owner could) passes the hash checks but not this one.
   */
  private checkAnchor(result: VerifyResult, anchor: string | null): VerifyResult {
    if (!result.ok || result.head.seq === 0 || anchorMatches(result.head, anchor, this.anchorKey)) return result;
    const message =
      anchor === null
        ? `chain head ${result.head.seq} carries no anchor: it was written without the anchor key, or the anchor was removed`
        : `chain head ${result.head.seq} is not anchored under the anchor key: the chain was rewritten, or the key is not the api's`;
    return { ok: false, count: result.count, broken: { reason: 'anchor-mismatch', seq: result.head.seq, id: null, message } };
  }

  /**
   * A citizen's own access log, newest first. By default only granted accesses (the ones that
   * read data); `includeDenied` adds refused attempts.
   */
  async subjectLog(subject: string, options: { limit?: number; before?: string; includeDenied?: boolean } = {}): Promise<SubjectLogPage> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200);
    const before = options.before !== undefined && /^\d+$/.test(options.before) ? options.before : null;
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM access_audit
        WHERE subject = $1 AND ($2::bigint IS NULL OR seq < $2::bigint) AND (outcome = 'granted' OR $3)
        ORDER BY seq DESC LIMIT $4`,
      [subject, before, options.includeDenied ?? false, limit],
    );
    const items = rows.map((r) => ({
      time: r.recorded_at.toISOString(),
      consumer: { clientId: r.client_id, organizationId: r.organization_id },
      purposeId: r.purpose_id,
      eservice: r.eservice,
      outcome: r.outcome,
    }));
    const page: SubjectLogPage = { items };
    if (rows.length === limit) page.nextCursor = rows[rows.length - 1]!.seq;
    return page;
  }
}
