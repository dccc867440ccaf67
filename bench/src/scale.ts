import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { topicName } from '@fsl/kafka';
import { measureProduce } from './baselines/kafka';
import { ensureDataset } from './dataset';
import { runRebuild } from './phases/rebuild';
import { ROOT, runFromArgs, SEEDS } from './settings';
import { benchKafka, deleteRunTopics, dropDatabase, prepare, topicEnd } from './util/infra';
import { step } from './util/log';
import { describeMachine, load1 } from './util/machine';
import { round } from './util/stats';

// `npm run bench -- --scale [events]`: issue 15's scale row, measured once. The data set (10M CO events by
// default, the 1M set's generator at ten times the size) is loaded into a topic of its own, then the
// operators' command `fsl-ops rebuild` replays it into a new projection set, as an operator would rebuild a
// national FSL. No live builder runs: the live set's offsets are set to the topic's end, which is where a
// live builder that had read everything would stand (the rebuild runs until it reaches them). Reported:
// time, events/s, CPU and peak RSS of the command, WAL written, and the disk each part holds at the end —
// the topic on the broker's disk, the rebuilt set in Postgres (each table with its indexes and TOAST).
// Results in bench/results/scale.{json,md}; the database and topics are removed afterwards.

const RESULTS_DIR = join(ROOT, 'bench', 'results');

/** du of the topic's partition folders (segments and their indexes; blocks in use, not the indexes' preallocated size) in the log dir of the broker infra/kafka started. */
function topicDiskBytes(broker: string, topic: string): number {
  const data = join(ROOT, '.kafka', `broker-${broker.split(':').pop()}`, 'data');
  const out = execFileSync('bash', ['-c', `du -s --block-size=1 ${JSON.stringify(data)}/${topic.replace(/[^A-Za-z0-9._-]/g, '')}-* | awk '{s+=$1} END {print s+0}'`]).toString();
  return Number(out.trim());
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const events = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000_000);
  const r = { ...runFromArgs([]), databaseUrl: process.env.BENCH_SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fsl_bench_scale' };
  const kafka = benchKafka(r);
  const topic = topicName('coComunicazioni', r.prefix);
  const cleanup = async () => {
    await deleteRunTopics(r).catch((err) => step(`  topics not deleted: ${String(err)}`));
    await dropDatabase(r.databaseUrl).catch((err) => step(`  database not dropped: ${String(err)}`));
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    const started = new Date();
    const dataset = await ensureDataset(events, SEEDS.replay, r.pseudonymKey);
    await prepare(r);
    const machine = await describeMachine(r.databaseUrl);
    const loadBefore = load1();
    step(`scale: loading ${dataset.events} events into ${topic}`);
    const produce = await measureProduce(kafka, topic, dataset.path, 4 * 3600);
    const end = await topicEnd(kafka, topic);
    const pool = new Pool({ connectionString: r.databaseUrl, max: 1 });
    try {
      // Where a live builder that read everything would stand: the rebuild runs until it gets there.
      for (const [partition, high] of end) {
        await pool.query('INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset) VALUES ($1, $2, $3, $4)', [r.builderGroup, topic, partition, high.toString()]);
      }
      step('scale: fsl-ops rebuild');
      const loadAtRebuild = load1();
      const rebuild = await runRebuild(r, 6 * 3600);
      const set = rebuild.result.set ?? 'projection_next';
      for (const t of (await pool.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = $1`, [set])).rows) {
        await pool.query(`ANALYZE ${set}."${t.t}"`);
      }
      const tables = (
        await pool.query<{ name: string; bytes: string; rows: string }>(
          `SELECT c.relname AS name, pg_total_relation_size(c.oid)::bigint AS bytes, greatest(c.reltuples, 0)::bigint AS rows
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 2 DESC`,
          [set],
        )
      ).rows.map((t) => ({ table: t.name, mb: round(Number(t.bytes) / 2 ** 20, 1), rows: Number(t.rows) }));
      const workers = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${set}.dossier`)).rows[0].n);
      const setMb = round(tables.reduce((s, t) => s + t.mb, 0), 1);
      const topicMb = round(topicDiskBytes(r.brokers[0], topic) / 2 ** 20, 1);
      const figure = {
        run: r.id,
        startedAt: started.toISOString(),
        machine,
        dataset: { events: dataset.events, workers: dataset.workers },
        load: { beforeProduce: loadBefore, atRebuild: loadAtRebuild, after: load1() },
        produce,
        rebuild: {
          seconds: round(rebuild.seconds),
          events: rebuild.events,
          eventsPerSecond: round(rebuild.events / rebuild.seconds, 0),
          cpuMsPerEvent: round((rebuild.cpuSeconds * 1000) / Math.max(1, rebuild.events), 3),
          cores: round(rebuild.cpuSeconds / rebuild.seconds),
          peakRssMb: rebuild.peakRssMb,
          walMb: round(rebuild.walBytes / 2 ** 20, 1),
          walBytesPerEvent: Math.round(rebuild.walBytes / Math.max(1, rebuild.events)),
          complete: rebuild.events >= dataset.events,
        },
        disk: { topicMb, topicBytesPerEvent: Math.round((topicMb * 2 ** 20) / dataset.events), setMb, setBytesPerWorker: Math.round((setMb * 2 ** 20) / Math.max(1, workers)), workers, tables },
      };
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(join(RESULTS_DIR, 'scale.json'), `${JSON.stringify(figure, null, 2)}\n`);
      const md = [
        `Scale run ${r.id}, ${started.toISOString().slice(0, 16)}Z, ${machine.cpus} × ${machine.cpuModel.split(' ').slice(0, 2).join(' ')}, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}, Kafka ${machine.kafka}; load average ${loadAtRebuild} when the rebuild started.`,
        '',
        '| | measured |',
        '|---|---:|',
        `| events (workers) | ${dataset.events.toLocaleString('en')} (${dataset.workers.toLocaleString('en')}) |`,
        `| loading the topic (raw kafkajs produce) | ${Math.round(produce.seconds)} s, ${produce.perSecond.toLocaleString('en')} msg/s |`,
        `| \`fsl-ops rebuild\` | ${Math.round(rebuild.seconds)} s (${round(rebuild.seconds / 60, 1)} min), ${figure.rebuild.eventsPerSecond.toLocaleString('en')} events/s${figure.rebuild.complete ? '' : ' — INCOMPLETE'} |`,
        `| its CPU | ${figure.rebuild.cpuMsPerEvent} ms an event, ${figure.rebuild.cores} cores; peak RSS ${rebuild.peakRssMb} MB |`,
        `| WAL written during the rebuild | ${figure.rebuild.walMb.toLocaleString('en')} MB (${figure.rebuild.walBytesPerEvent} B an event) |`,
        `| the topic on the broker's disk | ${topicMb.toLocaleString('en')} MB (${figure.disk.topicBytesPerEvent} B an event) |`,
        `| the rebuilt set in Postgres | ${setMb.toLocaleString('en')} MB (${figure.disk.setBytesPerWorker} B a worker) |`,
        ...tables.slice(0, 6).map((t) => `| — ${t.table} | ${t.mb.toLocaleString('en')} MB, ${t.rows.toLocaleString('en')} rows |`),
        '',
      ].join('\n');
      writeFileSync(join(RESULTS_DIR, 'scale.md'), md);
      step(md);
    } finally {
      await pool.end();
    }
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    step(`scale run failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
