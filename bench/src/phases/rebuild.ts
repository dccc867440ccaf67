import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DATA_DIR, ROOT, type Run } from '../settings';
import { procStatusMb } from '../util/apps';
import { cpuSeconds } from '../util/app-watch';
import { step } from '../util/log';
import { nowMs, round } from '../util/stats';

// Issue 15's first target: the operators' command `fsl-ops rebuild` (ADR 0008) run as deployed — the built
// CLI as its own process, the run's topic prefix, the live builder's consumer group and the run's database as
// its owner — right after the replay phase, so the live set stands at the end of the topic and the rebuild
// replays every event into projection_next. Timed from spawn to the command's result (it returns once its set
// caught up with the live builder). The CPU is the kernel's utime + stime of the process, sampled while it
// runs (a process's /proc entry is gone once it exited and was reaped): the last sample is at most
// SAMPLE_MS before its end, when it only prints its result.
//
// Then, not timed, the rebuilt set is compared with the live one the replay phase built (the same events
// through the live builder): the cartella lavorativa, the dossier versions and the offsets, column by column
// (`updated_at` says when a row was written, not what it says). A fast rebuild that gave another answer would
// fail the phase here, at 1M events, besides the builder's and the ops command's own tests.

const SAMPLE_MS = 250;

export interface RebuildFigure {
  eventsPerSecond: number;
  events: number;
  seconds: number;
  complete: boolean;
  /** The CLI's CPU time (user + system, every thread, GC included) per event and the cores it kept busy. */
  cpu: { seconds: number; msPerEvent: number; cores: number };
  peakRssMb: number;
  /** Postgres WAL written per event during the rebuild (the server's: a neighbour's writes count too). */
  walBytesPerEvent: number;
  /** Per compared table: do the live set and the rebuilt one hold the same rows? */
  sameAsLive: Record<string, boolean>;
  result: unknown;
}

/** A digest of a table's rows (the given columns), in key order. */
const DIGEST = (schema: string, table: string, columns: string, key: string) =>
  `SELECT count(*)::text || ':' || coalesce(md5(string_agg(md5(row(${columns})::text), '' ORDER BY ${key})), '') AS d FROM ${schema}.${table}`;
const COMPARED: Array<[table: string, columns: string, key: string]> = [
  ['cartella_lavorativa', 'codice_fiscale, state, version, pending_since, effect', 'codice_fiscale'],
  ['dossier', 'codice_fiscale, version', 'codice_fiscale'],
  ['co_codice_index', 'codice_comunicazione, worker_cf', 'codice_comunicazione, worker_cf'],
  ['co_rifiutata', 'codice_fiscale, codice_comunicazione, codice_precedente, tipo_comunicazione, modello, tipo_evento, motivo, ricevuta_il', 'codice_fiscale, codice_comunicazione'],
  ['consumer_offsets', 'consumer_group, topic, partition, next_offset', 'consumer_group, topic, partition'],
];

export function opsEnv(r: Run): Record<string, string> {
  return {
    DATABASE_URL: r.databaseUrl,
    KAFKA_BROKERS: r.brokers.join(','),
    KAFKA_TOPIC_PREFIX: r.prefix,
    CONSUMER_GROUP: r.builderGroup,
    LOG_LEVEL: 'warn',
    // Experiments only (bench/README.md): the rebuild's window, as an operator would set it.
    ...(process.env.BENCH_REBUILD_CHUNK_SIZE ? { OPS_REBUILD_CHUNK_SIZE: process.env.BENCH_REBUILD_CHUNK_SIZE } : {}),
  };
}

/** One `fsl-ops rebuild --json` as its own process, timed from spawn to its result. */
export interface RebuildRun {
  seconds: number;
  events: number;
  result: { events?: number; set?: string } & Record<string, unknown>;
  cpuSeconds: number;
  peakRssMb: number;
  /** Postgres WAL written during the run (the server's: a neighbour's writes count too). */
  walBytes: number;
}

export async function runRebuild(r: Run, maxSeconds: number): Promise<RebuildRun> {
  const pool = new Pool({ connectionString: r.databaseUrl, max: 1 });
  const lsn = async () => (await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
  const nodeArgs = (process.env.BENCH_NODE_ARGS_FSL_OPS ?? '').split(' ').filter(Boolean);
  if (r.profile) {
    const dir = join(DATA_DIR, 'profiles', 'fsl-ops');
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  try {
    const walBefore = await lsn();
    const started = nowMs();
    const proc = spawn(process.execPath, [...nodeArgs, join(ROOT, 'apps', 'dossier-builder', 'dist', 'ops', 'cli.js'), 'rebuild', '--json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', ...opsEnv(r) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // --json: a progress line a second, then the result, on stdout (only the tail is kept); warnings on stderr.
    proc.stdout.on('data', (c: Buffer) => (stdout = (stdout + c.toString()).slice(-20_000)));
    proc.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20_000)));
    const pid = proc.pid as number;
    let cpu = 0;
    let peakRssMb = 0;
    const sample = () => {
      const c = cpuSeconds(pid);
      if (Number.isFinite(c)) cpu = Math.max(cpu, c);
      const rss = procStatusMb(pid, 'VmHWM');
      if (Number.isFinite(rss)) peakRssMb = Math.max(peakRssMb, rss);
    };
    const sampler = setInterval(sample, SAMPLE_MS);
    let lastLog = nowMs();
    const logger = setInterval(() => {
      if (nowMs() - lastLog < 15_000) return;
      lastLog = nowMs();
      const progress = stdout.trim().split('\n').pop() ?? '';
      step(`  … rebuild: ${progress.slice(0, 200)}`);
    }, 1000);
    const killer = setTimeout(() => proc.kill('SIGKILL'), maxSeconds * 1000);
    const code = await new Promise<number | null>((resolve) => proc.once('exit', (c) => resolve(c)));
    const seconds = (nowMs() - started) / 1000;
    clearInterval(sampler);
    clearInterval(logger);
    clearTimeout(killer);
    if (code !== 0) throw new Error(`fsl-ops rebuild exited with ${code}:\n${stderr.slice(-3000)}`);
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as RebuildRun['result'];
    const { rows } = await pool.query<{ wal: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::bigint AS wal', [walBefore]);
    return { seconds, events: Number(result.events ?? 0), result, cpuSeconds: cpu, peakRssMb, walBytes: Number(rows[0].wal) };
  } finally {
    await pool.end();
  }
}

export async function measureRebuild(r: Run, events: number, maxSeconds: number): Promise<RebuildFigure> {
  const run = await runRebuild(r, maxSeconds);
  const { seconds, result, peakRssMb } = run;
  const cpu = run.cpuSeconds;
  const done = run.events;
  const pool = new Pool({ connectionString: r.databaseUrl, max: 1 });
  try {
    const sameAsLive: Record<string, boolean> = {};
    for (const [table, columns, key] of COMPARED) {
      const live = (await pool.query<{ d: string }>(DIGEST('public', table, columns, key))).rows[0].d;
      const rebuilt = (await pool.query<{ d: string }>(DIGEST(result.set ?? 'projection_next', table, columns, key))).rows[0].d;
      sameAsLive[table] = live === rebuilt;
    }
    // The rebuilt set is not needed by the later phases (they read the live one): dropped, as drop-previous would.
    await pool.query('DROP SCHEMA IF EXISTS projection_next CASCADE');
    await pool.query(`DELETE FROM fsl_ops.rebuild WHERE target = 'projection_next'`);
    const figure: RebuildFigure = {
      eventsPerSecond: round(done / seconds, 0),
      events: done,
      seconds: round(seconds),
      complete: done >= events && Object.values(sameAsLive).every(Boolean),
      cpu: { seconds: round(cpu), msPerEvent: round((cpu * 1000) / Math.max(1, done), 3), cores: round(cpu / seconds) },
      peakRssMb,
      walBytesPerEvent: Math.round(run.walBytes / Math.max(1, done)),
      sameAsLive,
      result,
    };
    if (!figure.complete) step(`  rebuild INCOMPLETE or DIFFERENT from the live set: ${JSON.stringify(sameAsLive)}`);
    return figure;
  } finally {
    await pool.end();
  }
}
