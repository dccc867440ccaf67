import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

// Sizes, names and bounds of one run. Full sizes are what issue 5 asks for; --quick shrinks every
// load so the harness itself can be developed in a few minutes. Every loop is bounded by a count AND
// a time limit, so a stuck service fails a phase instead of hanging the run.

export const ROOT = join(__dirname, '..', '..');
export const DATA_DIR = join(ROOT, 'bench', '.data');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

export interface Sizes {
  /** Events generated, produced and replayed (issue 5: at least 1M). */
  replayEvents: number;
  /** Rows upserted by the raw Postgres baseline (half inserts, half updates). */
  upsertRows: number;
  /** Citizens in the projection during the read phase (issue 5: 1M). */
  citizens: number;
  /** Records posted to the batch endpoint, in batches of `ingestBatch` lines by `ingestClients` clients. */
  ingestRecords: number;
  ingestBatch: number;
  ingestClients: number;
  /** Steady ingest rate and how long it is held for the freshness figure. */
  freshnessRate: number;
  freshnessSeconds: number;
  /** Read rate and duration, for the raw SELECT and for the API. */
  readRate: number;
  readSeconds: number;
  /** Length of each step of the search for the highest read rate held with p99 ≤ 50 ms. */
  heldRateStepSeconds: number;
}

export const FULL: Sizes = {
  replayEvents: 1_000_000,
  upsertRows: 200_000,
  citizens: 1_000_000,
  ingestRecords: 60_000,
  ingestBatch: 1_000,
  ingestClients: 2,
  freshnessRate: 1_000,
  freshnessSeconds: 60,
  readRate: 500,
  readSeconds: 30,
  heldRateStepSeconds: 5,
};

export const QUICK: Sizes = {
  replayEvents: 100_000,
  upsertRows: 50_000,
  citizens: 100_000,
  ingestRecords: 10_000,
  ingestBatch: 1_000,
  ingestClients: 2,
  freshnessRate: 1_000,
  freshnessSeconds: 15,
  readRate: 500,
  readSeconds: 10,
  heldRateStepSeconds: 3,
};

/** Seeds of the generated data: the replay set, the ingest set and the freshness set never share workers. */
export const SEEDS = { replay: 5101, ingest: 5202, freshness: 5303 } as const;

export interface Run {
  id: string;
  quick: boolean;
  sizes: Sizes;
  databaseUrl: string;
  brokers: string[];
  redisUrl: string;
  /** Topic prefix and consumer groups of this run only: the broker is shared. */
  prefix: string;
  builderGroup: string;
  rawGroup: string;
  /** Key of the Kafka key pseudonyms, the same for the dataset and the ingest service. */
  pseudonymKey: string;
  /** Write a .cpuprofile of every app process into bench/.data/profiles. */
  profile: boolean;
  keepDatabase: boolean;
}

const OPTIONS = ['--quick', '--profile', '--keep-db'];

export function runFromArgs(argv: readonly string[]): Run {
  const unknown = argv.filter((a) => !OPTIONS.includes(a));
  if (unknown.length > 0) {
    process.stderr.write(`usage: npm run bench [-- ${OPTIONS.map((o) => `[${o}]`).join(' ')}]   (see bench/README.md)\n`);
    process.exit(2);
  }
  const quick = argv.includes('--quick');
  const id = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  return {
    id,
    quick,
    sizes: quick ? QUICK : FULL,
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fsl_bench',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    prefix: `bench.${id}.`,
    builderGroup: `bench-builder-${id}`,
    rawGroup: `bench-raw-${id}`,
    pseudonymKey: 'bench-only-pseudonym-key-0123456789abcdef',
    profile: argv.includes('--profile'),
    keepDatabase: argv.includes('--keep-db'),
  };
}
