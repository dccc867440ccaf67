import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { PoolClient } from 'pg';
import { createEmptySet, dropSet, ident, LIVE_SCHEMA, PROJECTION_TABLES, schemaExists, SET_SCHEMAS, type ProjectionTable, type Queryable } from '@fsl/db';
import { maskCodiciFiscali, maskDeep } from '@fsl/logging';
import { OpsError, sleep, type OpsContext } from './context';
import { sourceTopics, watermarks } from './kafka-info';
import { offsetKey, reached, storedOffsets, type Offsets } from './replay';
import { inTransaction, replayOf } from './sets';

// The consistency check: the builder's folds replayed from the start of the topics into a scratch set, up to
// exactly the live builder's offsets; then, in one snapshot of both, a checksum per table and key (a citizen's
// CF, a case id, a catalogue entry: "whose data a row is"), and row by row for the keys whose checksums differ.
// Columns written with now() are when a row was written, not what it says: they are left out.

export interface Difference {
  table: string;
  /** The key, every CF in it masked. */
  key: string;
  /** The same key under a keyed hash of this run only: tells the differences of one key apart without the key. */
  ref: string;
  liveRows: number;
  rebuiltRows: number;
  rows: RowDifference[];
}

export interface RowDifference {
  /** The row's primary key, masked. */
  row: string;
  kind: 'only-live' | 'only-rebuilt' | 'changed';
  /** For a changed row: where the values differ (JSON paths inside jsonb columns), values masked and cut short. */
  changes?: Array<{ path: string; live: unknown; rebuilt: unknown }>;
}

export interface CheckResult {
  offsets: Record<string, string>;
  tables: Array<{ table: string; keys: number; rows: number; differing: number }>;
  /** md5 of every (table, key, checksum) of a side: equal digests, equal sets. */
  digests: { live: string; rebuilt: string };
  differences: Difference[];
  /** Differing keys beyond the ones detailed row by row (per table, the first 50 are). */
  notDetailed: number;
  deadLettersMet: number;
}

const DETAIL_PER_TABLE = 50;

interface TableLayout {
  table: string;
  key: string;
  columns: string[];
  primaryKey: string[];
}

async function layoutOf(db: Queryable, t: ProjectionTable): Promise<TableLayout> {
  const rel = `public.${ident(t.name)}`;
  const columns = await db.query<{ attname: string }>(
    `SELECT a.attname FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
        AND coalesce(pg_get_expr(d.adbin, d.adrelid), '') NOT IN ('now()', 'CURRENT_TIMESTAMP')
      ORDER BY a.attnum`,
    [rel],
  );
  const pk = await db.query<{ attname: string }>(
    `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
    [rel],
  );
  const primaryKey = pk.rows.map((r) => r.attname);
  const key = t.key ?? primaryKey[0];
  if (!key) throw new OpsError(`projection table ${t.name} has no primary key and no key column in PROJECTION_TABLES`);
  return { table: t.name, key, columns: columns.rows.map((r) => r.attname), primaryKey };
}

/** Per key: md5 over the sorted md5s of the key's rows (compared columns only), and how many rows. */
const checksumSql = (schema: string, l: TableLayout) => `
  SELECT k, md5(string_agg(h, '' ORDER BY h)) AS h, count(*)::int AS n
    FROM (SELECT ${ident(l.key)}::text AS k, md5(ROW(${l.columns.map(ident).join(', ')})::text) AS h FROM ${ident(schema)}.${ident(l.table)}) x
   GROUP BY k`;

export async function compareSets(client: PoolClient, a: string, b: string, tables: readonly ProjectionTable[] = PROJECTION_TABLES): Promise<Omit<CheckResult, 'offsets' | 'deadLettersMet'>> {
  const runKey = randomBytes(16);
  const ref = (key: string) => createHmac('sha256', runKey).update(key).digest('hex').slice(0, 12);
  const out: Omit<CheckResult, 'offsets' | 'deadLettersMet'> = { tables: [], digests: { live: '', rebuilt: '' }, differences: [], notDetailed: 0 };
  const digestParts: { live: string[]; rebuilt: string[] } = { live: [], rebuilt: [] };
  for (const t of tables) {
    const l = await layoutOf(client, t);
    await client.query(`CREATE TEMP TABLE ck_a ON COMMIT DROP AS ${checksumSql(a, l)}`);
    await client.query(`CREATE TEMP TABLE ck_b ON COMMIT DROP AS ${checksumSql(b, l)}`);
    const digests = await client.query<{ da: string | null; db: string | null; keys: number; rows: number }>(
      `SELECT (SELECT md5(string_agg(k || ':' || h, ',' ORDER BY k)) FROM ck_a) AS da,
              (SELECT md5(string_agg(k || ':' || h, ',' ORDER BY k)) FROM ck_b) AS db,
              (SELECT count(*)::int FROM ck_a) AS keys, (SELECT coalesce(sum(n), 0)::int FROM ck_a) AS rows`,
    );
    digestParts.live.push(`${t.name}:${digests.rows[0].da ?? ''}`);
    digestParts.rebuilt.push(`${t.name}:${digests.rows[0].db ?? ''}`);
    const differing = await client.query<{ k: string; na: number | null; nb: number | null }>(
      `SELECT coalesce(ck_a.k, ck_b.k) AS k, ck_a.n AS na, ck_b.n AS nb FROM ck_a FULL JOIN ck_b USING (k)
        WHERE ck_a.h IS DISTINCT FROM ck_b.h ORDER BY 1`,
    );
    out.tables.push({ table: t.name, keys: digests.rows[0].keys, rows: digests.rows[0].rows, differing: differing.rows.length });
    const detailed = differing.rows.slice(0, DETAIL_PER_TABLE);
    out.notDetailed += differing.rows.length - detailed.length;
    if (detailed.length > 0) {
      const rowsOf = async (schema: string) =>
        (
          await client.query<{ k: string; r: Record<string, unknown> }>(
            `SELECT ${ident(l.key)}::text AS k, to_jsonb(x) AS r FROM (SELECT ${l.columns.map(ident).join(', ')} FROM ${ident(schema)}.${ident(l.table)}
              WHERE ${ident(l.key)}::text = ANY($1::text[])) x`,
            [detailed.map((d) => d.k)],
          )
        ).rows;
      const [liveRows, rebuiltRows] = [await rowsOf(a), await rowsOf(b)];
      for (const d of detailed) {
        out.differences.push({
          table: t.name,
          key: maskCodiciFiscali(d.k),
          ref: ref(d.k),
          liveRows: d.na ?? 0,
          rebuiltRows: d.nb ?? 0,
          rows: rowDifferences(
            l,
            liveRows.filter((r) => r.k === d.k).map((r) => r.r),
            rebuiltRows.filter((r) => r.k === d.k).map((r) => r.r),
          ),
        });
      }
    }
    await client.query('DROP TABLE ck_a, ck_b');
  }
  const md5 = (parts: string[]) => createHash('md5').update(parts.join('\n')).digest('hex');
  out.digests = { live: md5(digestParts.live), rebuilt: md5(digestParts.rebuilt) };
  return out;
}

function rowDifferences(l: TableLayout, live: Record<string, unknown>[], rebuilt: Record<string, unknown>[]): RowDifference[] {
  const idOf = (r: Record<string, unknown>) => JSON.stringify((l.primaryKey.length ? l.primaryKey : l.columns).map((c) => r[c]));
  const byId = new Map(rebuilt.map((r) => [idOf(r), r]));
  const out: RowDifference[] = [];
  for (const r of live) {
    const id = idOf(r);
    const other = byId.get(id);
    byId.delete(id);
    if (!other) {
      out.push({ row: maskCodiciFiscali(id), kind: 'only-live' });
      continue;
    }
    const changes: NonNullable<RowDifference['changes']> = [];
    for (const c of l.columns) diffValues(c, r[c], other[c], changes);
    if (changes.length > 0) out.push({ row: maskCodiciFiscali(id), kind: 'changed', changes });
  }
  for (const id of byId.keys()) out.push({ row: maskCodiciFiscali(id), kind: 'only-rebuilt' });
  return out;
}

const MAX_PATHS = 20;
const shown = (v: unknown) => {
  const masked = maskDeep(v);
  const text = JSON.stringify(masked);
  return text !== undefined && text.length > 200 ? `${text.slice(0, 200)}…` : masked;
};

/** Where two JSON values differ, as paths (at most MAX_PATHS), values masked. */
function diffValues(path: string, a: unknown, b: unknown, out: NonNullable<RowDifference['changes']>): void {
  if (out.length >= MAX_PATHS) return;
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffValues(`${path}.${maskCodiciFiscali(k)}`, a[k], b[k], out);
    return;
  }
  out.push({ path, live: shown(a), rebuilt: shown(b) });
}

/** Rebuild into the scratch set up to the live offsets, hold the builder a moment to meet it exactly, compare in one snapshot. */
export async function check(ctx: OpsContext, opts: { keep?: boolean } = {}): Promise<CheckResult> {
  const schema = SET_SCHEMAS.check;
  const group = ctx.config.CONSUMER_GROUP;
  const topics = sourceTopics(ctx.config.KAFKA_TOPIC_PREFIX);
  const start = await watermarks(ctx.kafka, topics);
  const startOffsets: Offsets = new Map(start.map((s) => [offsetKey(s.topic, s.partition), BigInt(s.low)]));
  await inTransaction(ctx, async (c) => {
    if (await schemaExists(c, schema)) await dropSet(c, schema);
    // No offsets rows: each partition is read from its beginning (a new Kafka group), and the set gets rows
    // where the live builder has them. Unlogged, as a rebuild's set while it is built (nobody reads it but the
    // comparison, and it is dropped after): a crash of Postgres empties it whole, and the replay, seeking to the
    // start of any partition the set has no row for, fills it again from there.
    await createEmptySet(c, schema, PROJECTION_TABLES, { unlogged: true });
  });
  // Where the live set is: for a partition the live builder never stored, where the scratch set starts.
  const boundOf = (live: Offsets): Offsets => new Map([...startOffsets].map(([k, s]) => [k, live.get(k) ?? s]));
  const replay = replayOf(ctx, schema, `${group}.check.${Date.now().toString(36)}`, startOffsets);
  let snapshot: PoolClient | undefined;
  try {
    let bound = boundOf(await storedOffsets(ctx.db, LIVE_SCHEMA, group));
    replay.setBound(bound);
    await replay.start();
    let offsets: Offsets | undefined;
    while (!offsets) {
      // Up to where the live builder was, without holding anything.
      for (;;) {
        if (replay.failed) throw replay.failed;
        const stored = await replay.stored();
        const lag = [...bound].reduce((n, [k, v]) => n + (v > (stored.get(k) ?? 0n) ? v - (stored.get(k) ?? 0n) : 0n), 0n);
        const done = [...stored].reduce((n, [k, v]) => n + (v - (startOffsets.get(k) ?? 0n)), 0n);
        ctx.progress.update({ phase: 'check: rebuilding', done, lag });
        if (reached(stored, bound)) break;
        bound = boundOf(await storedOffsets(ctx.db, LIVE_SCHEMA, group));
        replay.setBound(bound);
        await sleep(1000);
      }
      // Then the last steps with the live builder held (writes to its offsets wait; reads go on), and a
      // snapshot taken while both sets stand at the same offsets.
      const hold = await ctx.db.connect();
      try {
        await hold.query('BEGIN');
        await hold.query(`SET LOCAL lock_timeout = '30s'`);
        await hold.query('LOCK TABLE public.consumer_offsets IN EXCLUSIVE MODE');
        const live = await storedOffsets(hold, LIVE_SCHEMA, group);
        bound = boundOf(live);
        replay.setBound(bound);
        const deadline = Date.now() + ctx.config.OPS_FREEZE_TIMEOUT_MS;
        while (!reached(await replay.stored(), bound) && Date.now() < deadline) {
          if (replay.failed) throw replay.failed;
          await sleep(25);
        }
        if (reached(await replay.stored(), bound)) {
          snapshot = await ctx.db.connect();
          // Not READ ONLY: the comparison keeps its checksums in temp tables of this transaction.
          await snapshot.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
          await snapshot.query('SELECT 1'); // the snapshot is taken by the first statement
          offsets = bound;
        }
        await hold.query('COMMIT');
      } finally {
        hold.release();
      }
    }
    ctx.progress.stop();
    await replay.close();
    const snap = snapshot as PoolClient;
    const compared = await compareSets(snap, LIVE_SCHEMA, schema);
    const mine = await storedOffsets(snap, schema, group);
    const theirs = await storedOffsets(snap, LIVE_SCHEMA, group);
    if (!reached(mine, theirs) || !reached(theirs, mine)) throw new Error('the snapshot does not hold both sets at the same offsets');
    await snap.query('COMMIT');
    return {
      offsets: Object.fromEntries([...offsets].map(([k, v]) => [k, v.toString()])),
      ...compared,
      deadLettersMet: replay.deadLetters.met.length,
    };
  } finally {
    if (snapshot) {
      await snapshot.query('ROLLBACK').catch(() => undefined);
      snapshot.release();
    }
    await replay.end();
    if (!opts.keep) {
      const c = await ctx.db.connect();
      await dropSet(c, schema).catch(() => undefined);
      c.release();
    }
  }
}
