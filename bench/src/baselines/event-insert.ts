import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Client } from 'pg';
import { eventTableDdl, type EventRow } from '../peer/events';
import { nowMs, round } from '../util/stats';

// Issue 15's baselines that do not depend on our design: how fast this Postgres takes one event-sized
// row per event (the peer's rows: event id, key, time, the event as ~2 kB of JSON text) into an empty
// table with the event id as primary key, when nothing else is done. Both write 1,000 rows a
// transaction over one connection, as the builder commits a chunk: a set-based INSERT from unnest, and
// COPY. The rows are decoded before the clock starts, so this is Postgres (and the driver or psql) only.

const BATCH = 1_000;

export interface EventInsertBaseline {
  method: 'unnest' | 'copy';
  rowsPerSecond: number;
  rows: number;
  seconds: number;
  meanPayloadBytes: number;
  /** Postgres WAL per row (the server's: a neighbour's writes count too), beside the replay's per event. */
  walBytesPerRow: number;
}

const INSERT = (table: string) => `
INSERT INTO ${table} (event_id, person_key, occurred_at, payload)
SELECT t.event_id, t.person_key, t.occurred_at, t.payload::text
FROM ROWS FROM (unnest($1::text[]), unnest($2::text[]), unnest($3::bigint[]), json_array_elements($4::json))
  AS t(event_id, person_key, occurred_at, payload)`;

/** An empty table; resolves to the WAL position before the first row. */
async function freshTable(databaseUrl: string, table: string): Promise<string> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query(`DROP TABLE IF EXISTS ${table}`);
    await c.query(eventTableDdl(table));
    return (await c.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
  } finally {
    await c.end();
  }
}

/** The rows that landed and the WAL written since `lsn`, then the table is dropped. */
async function dropTable(databaseUrl: string, table: string, lsn: string): Promise<{ landed: number; wal: number }> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string; wal: string }>(
      `SELECT (SELECT count(*) FROM ${table})::text AS n, pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::text AS wal`,
      [lsn],
    );
    await c.query(`DROP TABLE ${table}`);
    return { landed: Number(rows[0].n), wal: Number(rows[0].wal) };
  } finally {
    await c.end();
  }
}

const meanPayload = (rows: readonly EventRow[]) => Math.round(rows.reduce((s, r) => s + r.payload.length, 0) / Math.max(1, rows.length));

/**
 * INSERT … SELECT FROM unnest, the payloads as one json array zipped in with ROWS FROM: with
 * kilobyte-sized texts a text[] literal costs the driver's escaping and the server's array_in (the
 * replay's own finding, bench/README.md), so this is the faster of the two ways to pass them.
 */
export async function measureEventInsert(databaseUrl: string, rows: readonly EventRow[]): Promise<EventInsertBaseline> {
  const table = 'bench_event_insert';
  const lsn = await freshTable(databaseUrl, table);
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  let seconds: number;
  try {
    const sql = INSERT(table);
    const started = nowMs();
    for (let i = 0; i < rows.length; i += BATCH) {
      const b = rows.slice(i, i + BATCH);
      await c.query(sql, [b.map((r) => r.eventId), b.map((r) => r.personKey), b.map((r) => r.occurredAt), `[${b.map((r) => r.payload).join(',')}]`]);
    }
    seconds = (nowMs() - started) / 1000;
  } finally {
    await c.end();
  }
  const { landed, wal } = await dropTable(databaseUrl, table, lsn);
  if (landed !== rows.length) throw new Error(`unnest baseline: ${landed} rows in the table, ${rows.length} sent`);
  return { method: 'unnest', rowsPerSecond: round(rows.length / seconds, 0), rows: rows.length, seconds: round(seconds), meanPayloadBytes: meanPayload(rows), walBytesPerRow: Math.round(wal / rows.length) };
}

/** COPY's text format: backslash, tab, newline and carriage return are the characters it escapes. */
const copyText = (s: string) => s.replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));

/**
 * COPY … FROM STDIN through psql (C, streaming), one COPY of 1,000 rows per transaction; psql reads the
 * data inline from the same script. The clock runs from psql's start to its exit.
 */
export async function measureEventCopy(databaseUrl: string, rows: readonly EventRow[]): Promise<EventInsertBaseline> {
  const table = 'bench_event_copy';
  const lsn = await freshTable(databaseUrl, table);
  const started = nowMs();
  const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', databaseUrl], { stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  psql.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  const exited = once(psql, 'exit') as Promise<[number | null]>;
  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    const chunk = `COPY ${table} (event_id, person_key, occurred_at, payload) FROM STDIN;\n${b
      .map((r) => `${r.eventId}\t${r.personKey}\t${r.occurredAt}\t${copyText(r.payload)}\n`)
      .join('')}\\.\n`;
    if (!psql.stdin.write(chunk)) await Promise.race([once(psql.stdin, 'drain'), exited]);
  }
  psql.stdin.end();
  const [code] = await exited;
  const seconds = (nowMs() - started) / 1000;
  if (code !== 0) throw new Error(`COPY baseline: psql exited ${code}: ${err}`);
  const { landed, wal } = await dropTable(databaseUrl, table, lsn);
  if (landed !== rows.length) throw new Error(`COPY baseline: ${landed} rows in the table, ${rows.length} sent`);
  return { method: 'copy', rowsPerSecond: round(rows.length / seconds, 0), rows: rows.length, seconds: round(seconds), meanPayloadBytes: meanPayload(rows), walBytesPerRow: Math.round(wal / rows.length) };
}
