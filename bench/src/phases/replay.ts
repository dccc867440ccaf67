import { Pool } from 'pg';
import { topicName, type Kafka } from '@fsl/kafka';
import type { Run } from '../settings';
import { startApp, type AppProcess } from '../util/apps';
import { watchApp, type MemoryFigure } from '../util/app-watch';
import { asRole, topicEnd } from '../util/infra';
import { step } from '../util/log';
import { nowMs, round } from '../util/stats';

// Figure 2: the dossier-builder, as its own process with a fresh consumer group, from its start
// until the offsets it stores in Postgres (the truth, ADR 0003) reach the end of the topic.

export function builderEnv(r: Run): Record<string, string> {
  return {
    DATABASE_URL: asRole(r.databaseUrl, 'fsl_builder'),
    KAFKA_BROKERS: r.brokers.join(','),
    KAFKA_TOPIC_PREFIX: r.prefix,
    CONSUMER_GROUP: r.builderGroup,
    // Experiments only (bench/README.md): the builder's batching, as a deployment would set it.
    ...(process.env.BENCH_CHUNK_SIZE ? { CHUNK_SIZE: process.env.BENCH_CHUNK_SIZE } : {}),
    ...(process.env.BENCH_PARTITIONS_CONCURRENCY ? { PARTITIONS_CONCURRENCY: process.env.BENCH_PARTITIONS_CONCURRENCY } : {}),
  };
}

export async function storedTotal(pool: Pool, group: string, topic: string): Promise<bigint> {
  const { rows } = await pool.query<{ total: string | null }>(
    'SELECT sum(next_offset)::text AS total FROM consumer_offsets WHERE consumer_group = $1 AND topic = $2',
    [group, topic],
  );
  return BigInt(rows[0].total ?? '0');
}

/** Wait until the builder's stored offsets reach `end` (sum over partitions); false when time ran out. */
export async function waitForOffsets(pool: Pool, group: string, topic: string, end: bigint, maxSeconds: number, everyMs = 100): Promise<boolean> {
  const deadline = nowMs() + maxSeconds * 1000;
  let lastLog = nowMs();
  for (;;) {
    const stored = await storedTotal(pool, group, topic);
    if (stored >= end) return true;
    if (nowMs() > deadline) return false;
    if (nowMs() - lastLog > 15_000) {
      step(`  … builder at ${stored} of ${end}`);
      lastLog = nowMs();
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The builder's own count of what it did with the events, from /metrics. */
export async function builderOutcomes(app: AppProcess): Promise<Record<string, number>> {
  const text = await (await fetch(app.metricsUrl)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^builder_co_events_total\{outcome="([a-z_]+)"[^}]*\} (\d+)/gm)) out[m[1]] = Number(m[2]);
  return out;
}

export interface ReplayFigure {
  /**
   * Postgres WAL written per event during the replay (the server's, so a neighbour's writes count
   * too) and the projection's size per worker: the inputs of "Scale on paper" in the README.
   */
  walBytesPerEvent: number;
  bytesPerWorker: number;
  eventsPerSecond: number;
  events: number;
  seconds: number;
  complete: boolean;
  outcomes: Record<string, number>;
  memory: MemoryFigure;
  /** The builder's CPU time per event (every thread, GC included) and how many cores it kept busy. */
  cpu: { msPerEvent: number; cores: number };
}

export async function measureReplay(r: Run, kafka: Kafka, events: number, maxSeconds: number): Promise<ReplayFigure> {
  const topic = topicName('coComunicazioni', r.prefix);
  const end = [...(await topicEnd(kafka, topic)).values()].reduce((s, x) => s + x, 0n);
  const pool = new Pool({ connectionString: r.databaseUrl, max: 1 });
  const lsn = async () => (await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
  const walBefore = await lsn();
  const started = nowMs();
  const builder = await startApp('dossier-builder', builderEnv(r), { cpuProfile: r.profile });
  const watch = watchApp(builder);
  try {
    const complete = await waitForOffsets(pool, r.builderGroup, topic, end, maxSeconds);
    const seconds = (nowMs() - started) / 1000;
    const done = Number(await storedTotal(pool, r.builderGroup, topic));
    const watched = watch.stop();
    const { rows } = await pool.query<{ wal: string; size: string; workers: string }>(
      `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::bigint AS wal,
              pg_total_relation_size('cartella_lavorativa') + pg_total_relation_size('dossier') + pg_total_relation_size('co_codice_index') AS size,
              (SELECT count(*) FROM cartella_lavorativa) AS workers`,
      [walBefore],
    );
    return {
      walBytesPerEvent: Math.round(Number(rows[0].wal) / done),
      bytesPerWorker: Math.round(Number(rows[0].size) / Number(rows[0].workers)),
      eventsPerSecond: round(done / seconds, 0),
      events: done,
      seconds: round(seconds),
      complete: complete && done >= events,
      outcomes: await builderOutcomes(builder),
      memory: watched.memory,
      cpu: { msPerEvent: round((watched.cpu.seconds * 1000) / Math.max(1, done), 3), cores: watched.cpu.cores },
    };
  } finally {
    await builder.stop();
    await pool.end();
  }
}
