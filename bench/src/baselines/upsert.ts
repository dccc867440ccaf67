import { Client } from 'pg';
import { applyBatch, emptyState } from '@fsl/cartella-lavorativa';
import { iterateCoHistories, Rng } from '@fsl/co';
import { nowMs, round } from '../util/stats';

// Baseline 1: how fast this Postgres takes the projection's rows when nothing else is done — the
// builder's statement shape (INSERT … SELECT FROM unnest … ON CONFLICT DO UPDATE), 1,000 rows a
// transaction, the offsets row updated in the same transaction, one connection. The states are
// serialised once beforehand and reused, so this is Postgres plus the driver and nothing of ours.

const BATCH = 1_000;
const SAMPLE_WORKERS = 2_000;

export interface UpsertBaseline {
  form: UpsertForm;
  rowsPerSecond: number;
  rows: number;
  seconds: number;
  meanStateBytes: number;
}

/**
 * Real worker states, each folded from a random prefix of a generated history: during a replay a
 * state grows from one fact to all of them, so the mean row written is a part-grown state.
 */
export function sampleStates(seed: number): string[] {
  const rng = new Rng(seed);
  const out: string[] = [];
  for (const h of iterateCoHistories({ workers: SAMPLE_WORKERS, seed })) {
    if (h.cos.length === 0) continue;
    const n = rng.int(1, h.cos.length);
    out.push(JSON.stringify(applyBatch(emptyState(h.codiceFiscale), h.cos.slice(0, n)).state));
  }
  return out;
}

/**
 * Two ways to pass the states, both `INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE`: as a
 * jsonb[] array (the textbook form, kafka.md §7.4), and as one json array zipped in with ROWS FROM.
 * With multi-kilobyte states the array literal dominates, so the baseline is the faster form: the
 * machine's real limit, not the limit of one way of writing the statement.
 */
export type UpsertForm = 'jsonb-array' | 'json-document';

const STATEMENTS: Record<UpsertForm, string> = {
  'jsonb-array': `
INSERT INTO bench_upsert (codice_fiscale, state, version, pending_since)
SELECT * FROM unnest($1::text[], $2::jsonb[], $3::bigint[], $4::timestamptz[])
ON CONFLICT (codice_fiscale) DO UPDATE
  SET state = EXCLUDED.state, version = EXCLUDED.version, pending_since = EXCLUDED.pending_since, updated_at = now()`,
  'json-document': `
INSERT INTO bench_upsert (codice_fiscale, state, version, pending_since)
SELECT t.cf, t.state::jsonb, t.version, t.pending_since
FROM ROWS FROM (unnest($1::text[]), json_array_elements($2::json), unnest($3::bigint[]), unnest($4::timestamptz[]))
  AS t(cf, state, version, pending_since)
ON CONFLICT (codice_fiscale) DO UPDATE
  SET state = EXCLUDED.state, version = EXCLUDED.version, pending_since = EXCLUDED.pending_since, updated_at = now()`,
};

export async function measureUpsert(databaseUrl: string, form: UpsertForm, rows: number, states: string[], maxSeconds: number): Promise<UpsertBaseline> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('DROP TABLE IF EXISTS bench_upsert');
    await c.query('CREATE TABLE bench_upsert (LIKE cartella_lavorativa INCLUDING ALL)');
    // Keys i mod K: the first half of the rows insert, the second half update, as in kafka.md §7.4.
    const keySpace = Math.max(BATCH, Math.floor(rows / 2));
    const key = (i: number) => `RAW${String(i % keySpace).padStart(13, '0')}`;
    const started = nowMs();
    let done = 0;
    while (done < rows && nowMs() - started < maxSeconds * 1000) {
      const n = Math.min(BATCH, rows - done);
      const idx = Array.from({ length: n }, (_, j) => done + j);
      const stateParam = form === 'jsonb-array' ? idx.map((i) => states[i % states.length]) : `[${idx.map((i) => states[i % states.length]).join(',')}]`;
      await c.query('BEGIN');
      await c.query(STATEMENTS[form], [idx.map(key), stateParam, idx.map((i) => i), idx.map(() => null)]);
      await c.query(
        `INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset) VALUES ('bench-raw-upsert', 'bench', 0, $1)
         ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
        [done + n],
      );
      await c.query('COMMIT');
      done += n;
    }
    const seconds = (nowMs() - started) / 1000;
    const meanStateBytes = Math.round(states.reduce((s, x) => s + x.length, 0) / states.length);
    await c.query('DROP TABLE bench_upsert');
    await c.query(`DELETE FROM consumer_offsets WHERE consumer_group = 'bench-raw-upsert'`);
    return { form, rowsPerSecond: round(done / seconds, 0), rows: done, seconds: round(seconds), meanStateBytes };
  } finally {
    await c.end();
  }
}
