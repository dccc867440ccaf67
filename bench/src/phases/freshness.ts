import { Pool } from 'pg';
import { iterateCoHistories, serializeCoJson } from '@fsl/co';
import { topicName, type Kafka } from '@fsl/kafka';
import type { PdndBench } from '../pdnd';
import { SEEDS, type Run } from '../settings';
import type { AppProcess } from '../util/apps';
import { post } from '../util/http';
import { topicEnd } from '../util/infra';
import { openLoop, type LoadResult } from '../util/load';
import { step } from '../util/log';
import { nowMs, summarize, tailBuckets, type LatencySummary } from '../util/stats';
import { postBatch } from './ingest';
import { warmUp, warmUpCount } from './reads';
import { waitForOffsets } from './replay';

// Figure 4: from the moment the ingest acknowledged a CO (its batch answered 200, so Kafka has it)
// to the moment the api serves a cartella that contains it, at a steady rate (the first seconds are
// load, not counted: see WARM_UP_SECONDS). Each CO is the first one of a fresh worker. One CO in ten
// is a probe: Postgres is polled every few milliseconds for
// the probes not seen yet, and as soon as a probe's CO is in its worker's state the api is asked;
// the figure is when the api's answer shows it. The polling adds at most one period to the figure.

const TICK_MS = 20;
const PROBE_EVERY = 10;
const POLL_MS = 5;
/** Seconds of load before probes count: the apps' first requests compile their paths and open connections. */
const WARM_UP_SECONDS = 8;

interface Probe {
  counted: boolean;
  cf: string;
  codice: string;
  ackedAt?: number;
  /** When the watcher first found the CO in its worker's state (builder committed). */
  inDbAt?: number;
  seenAt?: number;
  request: { body: string; headers: Record<string, string> };
}

export interface FreshnessFigure {
  latencyMs: LatencySummary;
  /** When the slowest 1% of probes were acknowledged (see tailBuckets). */
  tailAt: Record<string, number>;
  probes: number;
  unseen: number;
  ingest: LoadResult;
  sentPerSecond: number;
  /** The same latencies split where the watcher saw them: ack → committed by the builder (Kafka, the
   * builder's chunk, its transaction; plus up to one polling period), and committed → the api's answer. */
  split: { toPostgresMs: LatencySummary; postgresToApiMs: LatencySummary };
}

function inApiAnswer(body: string, codice: string): boolean {
  return body.includes(`"codiceComunicazione":"${codice}"`);
}

export async function measureFreshness(r: Run, kafka: Kafka, apps: { api: AppProcess; ingest: AppProcess }, pdnd: PdndBench): Promise<FreshnessFigure> {
  const { freshnessRate: rate, freshnessSeconds: seconds } = r.sizes;
  const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
  const total = rate * (seconds + WARM_UP_SECONDS);
  const topic = topicName('coComunicazioni', r.prefix);
  const pool = new Pool({ connectionString: r.databaseUrl, max: 2 });
  try {
    step('  waiting for the builder to catch up with the topic');
    const end = [...(await topicEnd(kafka, topic)).values()].reduce((s, x) => s + x, 0n);
    if (!(await waitForOffsets(pool, r.builderGroup, topic, end, 300))) throw new Error('the builder did not catch up in 300 s');

    const lines: string[] = [];
    const probes = new Map<number, Probe>();
    for (const h of iterateCoHistories({ workers: total, seed: SEEDS.freshness })) {
      const co = h.cos[0];
      if (!co) continue;
      if (lines.length % PROBE_EVERY === 0) {
        probes.set(lines.length, { counted: lines.length >= rate * WARM_UP_SECONDS, cf: h.codiceFiscale, codice: co.datiInvio.codiceComunicazione, request: pdnd.request(h.codiceFiscale) });
      }
      lines.push(serializeCoJson(co));
    }
    const batches = Math.floor(lines.length / perTick);
    const apiUrl = `${apps.api.url}${pdnd.path}`;
    // The api was just started and, during the load, gets only the probes' reads (a tenth of the rate):
    // without the reads phase's warm-up its first counted answers would measure its JIT, not freshness.
    const known = (await pool.query<{ cf: string }>('SELECT codice_fiscale AS cf FROM dossier LIMIT 5000')).rows.map((x) => x.cf);
    const warmRequests = Array.from({ length: warmUpCount(r.sizes.readRate) }, (_, i) => pdnd.request(known[i % known.length]));
    await warmUp(r.sizes.readRate, async (i) => {
      const a = await post(apiUrl, warmRequests[i].body, warmRequests[i].headers);
      if (a.status !== 200) throw new Error(`warm-up read answered ${a.status}`);
    });
    const waiting = new Set<Probe>();
    const latencies: number[] = [];
    const ackedAt: number[] = [];
    const toPostgres: number[] = [];
    const postgresToApi: number[] = [];
    let loadStarted = 0;

    // The watcher: which waiting probes are in Postgres now; for those, ask the api.
    let watching = true;
    let giveUpAt = Infinity;
    const watcher = (async () => {
      const asking = new Set<Probe>();
      while (watching || waiting.size > 0) {
        const candidates = [...waiting].filter((p) => !asking.has(p));
        if (candidates.length > 0) {
          const { rows } = await pool.query<{ cf: string }>(
            `SELECT p.cf FROM unnest($1::text[], $2::text[]) AS p(cf, codice)
             JOIN cartella_lavorativa c ON c.codice_fiscale = p.cf WHERE c.state->'cos' ? p.codice`,
            [candidates.map((p) => p.cf), candidates.map((p) => p.codice)],
          );
          const found = new Set(rows.map((x) => x.cf));
          for (const p of candidates.filter((c) => found.has(c.cf))) {
            asking.add(p);
            p.inDbAt ??= nowMs();
            void post(apiUrl, p.request.body, p.request.headers)
              .then((a) => {
                if (a.status === 200 && inApiAnswer(a.body, p.codice)) {
                  p.seenAt = nowMs();
                  if (p.counted) {
                    latencies.push(p.seenAt - (p.ackedAt as number));
                    ackedAt.push((p.ackedAt as number) - loadStarted);
                    toPostgres.push((p.inDbAt as number) - (p.ackedAt as number));
                    postgresToApi.push(p.seenAt - (p.inDbAt as number));
                  }
                  waiting.delete(p);
                } else {
                  // A signature is single-use: a retry needs a new one.
                  p.request = pdnd.request(p.cf);
                }
              })
              .catch(() => (p.request = pdnd.request(p.cf)))
              .finally(() => asking.delete(p));
          }
        }
        if (!watching && nowMs() > giveUpAt) break;
        await new Promise((res) => setTimeout(res, POLL_MS));
      }
    })();

    loadStarted = nowMs();
    const ingest = await openLoop({
      rate: 1000 / TICK_MS,
      count: batches,
      maxSeconds: (seconds + WARM_UP_SECONDS) * 2,
      maxInFlight: 64,
      call: async (b) => {
        const from = b * perTick;
        const e = await postBatch(apps.ingest, lines.slice(from, from + perTick).join('\n'), 10_000);
        if (e.accettate !== perTick) throw new Error(`${perTick - e.accettate} lines not accepted`);
        const ackedAt = nowMs();
        for (let i = from; i < from + perTick; i++) {
          const p = probes.get(i);
          if (!p) continue;
          p.ackedAt = ackedAt;
          waiting.add(p);
        }
      },
    });
    // Probes still waiting get 30 s more; whatever is not seen by then is reported as unseen.
    giveUpAt = nowMs() + 30_000;
    watching = false;
    await watcher;
    const sent = [...probes.values()].filter((p) => p.counted && p.ackedAt !== undefined).length;
    const latencyMs = summarize(latencies);
    return {
      latencyMs,
      tailAt: tailBuckets(latencies, ackedAt, latencyMs.p99),
      probes: latencies.length,
      unseen: sent - latencies.length,
      ingest,
      sentPerSecond: Math.round((ingest.ok * perTick) / ingest.seconds),
      split: { toPostgresMs: summarize(toPostgres), postgresToApiMs: summarize(postgresToApi) },
    };
  } finally {
    await pool.end();
  }
}
