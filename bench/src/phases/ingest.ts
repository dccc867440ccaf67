import { join } from 'node:path';
import { generateCoHistories, serializeCoJson, type Co } from '@fsl/co';
import { DATA_DIR, SEEDS, type Run } from '../settings';
import { startApp, type AppProcess } from '../util/apps';
import { watchApp, type MemoryFigure } from '../util/app-watch';
import { asRole } from '../util/infra';
import { nowMs, round } from '../util/stats';

// Figure 3: records per second through the synchronous NDJSON batch endpoint of the CO ingest
// (POST /v1/comunicazioni/lotti): every line parsed, validated, claimed in the idempotency record,
// encoded and acknowledged by Kafka before the answer. The records are fresh workers' COs, so none
// is a duplicate of the replay set.

export function ingestEnv(r: Run): Record<string, string> {
  return {
    DATABASE_URL: asRole(r.databaseUrl, 'fsl_ingest'),
    KAFKA_BROKERS: r.brokers.join(','),
    KAFKA_TOPIC_PREFIX: r.prefix,
    PSEUDONYM_KEY: r.pseudonymKey,
    REDIS_URL: r.redisUrl,
    // The file-job queue lives in the shared Redis: a name of this run only, removed at the end.
    LOTTI_QUEUE: `fsl-bench-${r.id}`,
    SPOOL_DIR: join(DATA_DIR, 'spool', r.id),
  };
}

export function startIngest(r: Run): Promise<AppProcess> {
  return startApp('ingest-co', ingestEnv(r), { cpuProfile: r.profile });
}

/** The first `count` COs, in delivery order, of enough fresh workers (about 11.6 COs a worker). */
export function freshCos(seed: number, count: number): Co[] {
  return generateCoHistories({ workers: Math.ceil(count / 10), seed }).slice(0, count);
}

export interface Esiti {
  accettate: number;
  duplicate: number;
  rifiutate: number;
  inConflitto: number;
  esiti: { eventIds?: string[] }[];
}

export async function postBatch(app: AppProcess, body: string, timeoutMs: number): Promise<Esiti> {
  const res = await fetch(`${app.url}/v1/comunicazioni/lotti`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Esiti;
}

export interface IngestFigure {
  recordsPerSecond: number;
  eventsPerSecond: number;
  records: number;
  events: number;
  refused: number;
  seconds: number;
  memory: MemoryFigure;
  /** The ingest's CPU time per record (every thread, GC included) and how many cores it kept busy. */
  cpu: { msPerRecord: number; cores: number };
}

const WARM_UP = 200;

export async function measureIngest(r: Run, maxSeconds: number): Promise<IngestFigure> {
  const { ingestRecords, ingestBatch, ingestClients } = r.sizes;
  const all = freshCos(SEEDS.ingest, WARM_UP + ingestRecords);
  const warmUp = all.slice(0, WARM_UP).map(serializeCoJson).join('\n');
  const bodies: string[] = [];
  for (let i = WARM_UP; i < all.length; i += ingestBatch) bodies.push(all.slice(i, i + ingestBatch).map(serializeCoJson).join('\n'));
  const app = await startIngest(r);
  const watch = watchApp(app);
  try {
    // Not counted: the first requests pay for connections and JIT compilation, not for ingest.
    await postBatch(app, warmUp, 60_000);
    watch.mark();
    let next = 0;
    const totals = { records: 0, events: 0, refused: 0 };
    const started = nowMs();
    const deadline = started + maxSeconds * 1000;
    const client = async () => {
      while (next < bodies.length && nowMs() < deadline) {
        const e = await postBatch(app, bodies[next++], maxSeconds * 1000);
        totals.records += e.accettate;
        totals.refused += e.rifiutate + e.inConflitto;
        totals.events += e.esiti.reduce((s, x) => s + (x.eventIds?.length ?? 0), 0);
      }
    };
    await Promise.all(Array.from({ length: ingestClients }, client));
    const seconds = (nowMs() - started) / 1000;
    const watched = watch.stop();
    return {
      recordsPerSecond: round(totals.records / seconds, 0),
      eventsPerSecond: round(totals.events / seconds, 0),
      ...totals,
      seconds: round(seconds),
      memory: watched.memory,
      cpu: { msPerRecord: round((watched.cpu.seconds * 1000) / Math.max(1, totals.records), 3), cores: watched.cpu.cores },
    };
  } finally {
    await app.stop();
  }
}
