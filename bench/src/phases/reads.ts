import { Pool } from 'pg';
import { Rng } from '@fsl/co';
import type { PdndBench } from '../pdnd';
import type { Run } from '../settings';
import { startApp, type AppProcess } from '../util/apps';
import { post } from '../util/http';
import { openLoop, type LoadResult } from '../util/load';
import { step } from '../util/log';
import { watchApp, type MemoryFigure } from '../util/app-watch';
import { attribute, type AppSide } from '../util/attribution';
import { asRole } from '../util/infra';
import { highestRateHeld, type HeldRate } from '../util/held-rate';
import { nowMs, round } from '../util/stats';

// Figure 5 and baseline 4: a dossier read by key at a fixed rate, once as the bare SELECT the api's
// repository runs (through pg, with a pool of the api's default size) and once through the api's
// e-service path. Both pick random citizens among all those loaded.

const REPOSITORY_SELECT = `SELECT d.version, c.state FROM dossier d LEFT JOIN cartella_lavorativa c ON c.codice_fiscale = d.codice_fiscale
  WHERE d.codice_fiscale = $1`;

export function apiEnv(r: Run, pdnd: PdndBench): Record<string, string> {
  return { DATABASE_URL: asRole(r.databaseUrl, 'fsl_api'), REDIS_URL: r.redisUrl, ...pdnd.env };
}

export function startApi(r: Run, pdnd: PdndBench): Promise<AppProcess> {
  return startApp('api', apiEnv(r, pdnd), { cpuProfile: r.profile });
}

/**
 * Not measured: a ramp to the read rate (a fifth, then half, then the full rate) and a few seconds at
 * it. A process that has just started compiles its hot paths and opens its connections during the
 * first thousand requests; hit at once with the full rate it builds a backlog that would still be
 * draining when the measurement starts, which measures start-up, not the steady state.
 */
const WARM_STEPS = [
  { share: 0.2, seconds: 2 },
  { share: 0.5, seconds: 2 },
  { share: 1, seconds: 4 },
];
export const warmUpCount = (rate: number) => WARM_STEPS.reduce((n, w) => n + Math.round(rate * w.share) * w.seconds, 0);

export async function warmUp(rate: number, call: (i: number) => Promise<void>): Promise<void> {
  let offset = 0;
  for (const w of WARM_STEPS) {
    const stepRate = Math.round(rate * w.share);
    const from = offset;
    await openLoop({ rate: stepRate, count: stepRate * w.seconds, maxSeconds: w.seconds * 3, maxInFlight: 256, call: (i) => call(from + i) });
    offset += stepRate * w.seconds;
  }
}

function picker(codes: readonly string[], seed: number): () => string {
  const rng = new Rng(seed);
  return () => codes[rng.int(0, codes.length - 1)];
}

/** Issue 15: the highest rate held with p99 ≤ 50 ms (util/held-rate.ts), api and raw SELECT alike. */
export const HELD_RATE_P99_MS = 50;

export interface RawSelectFigure extends LoadResult {
  heldRate: HeldRate;
}

export async function measureRawSelect(r: Run, codes: readonly string[]): Promise<RawSelectFigure> {
  const pool = new Pool({ connectionString: r.databaseUrl, max: 10 });
  const pick = picker(codes, 1);
  const call = async () => {
    const { rows } = await pool.query(REPOSITORY_SELECT, [pick()]);
    if (rows.length !== 1) throw new Error('citizen not found');
  };
  try {
    // The same warm-up as the api gets: the pool's connections open, the statement and its pages warm.
    await warmUp(r.sizes.readRate, call);
    const result = await openLoop({ rate: r.sizes.readRate, count: r.sizes.readRate * r.sizes.readSeconds, maxSeconds: r.sizes.readSeconds * 2, maxInFlight: 256, call });
    const heldRate = await highestRateHeld({
      label: 'raw SELECT',
      limitMs: HELD_RATE_P99_MS,
      stepSeconds: r.sizes.heldRateStepSeconds,
      run: (rate, count) => openLoop({ rate, count, maxSeconds: r.sizes.heldRateStepSeconds * 2, maxInFlight: 256, call }),
    });
    return { ...result, heldRate };
  } finally {
    await pool.end();
  }
}

export interface ApiReadFigure extends LoadResult {
  memory: MemoryFigure;
  mintSeconds: number;
  /** Where the tail comes from: the api's handler times and GC, its and the harness's loop stalls. */
  attribution: { app: AppSide & { eventLoopLagMaxMs: number; cpuMsPerRead: number; cpuCores: number }; harnessLagMaxMs: number; harnessLagP99Ms: number };
  /** After the measured window, on the same api process: the step-up of rates (util/held-rate.ts). */
  heldRate: HeldRate & { peakRssMb: number };
}

export async function measureApiReads(r: Run, pdnd: PdndBench, codes: readonly string[]): Promise<ApiReadFigure> {
  const count = r.sizes.readRate * r.sizes.readSeconds;
  const warm = warmUpCount(r.sizes.readRate);
  const pick = picker(codes, 2);
  // Each call needs its own Agid-JWT-Signature (RS256, about a millisecond each): minted before the
  // load starts, so the harness only sends while it measures.
  const mintStart = nowMs();
  const requests = Array.from({ length: warm + count }, () => pdnd.request(pick()));
  const mintSeconds = round((nowMs() - mintStart) / 1000);
  step(`  minted ${requests.length} signed requests in ${mintSeconds} s`);
  const api = await startApi(r, pdnd);
  const watch = watchApp(api);
  const url = `${api.url}${pdnd.path}`;
  const call = async (i: number) => {
    const { body, headers } = requests[i];
    const answer = await post(url, body, headers);
    if (answer.status !== 200) throw new Error(`status ${answer.status}: ${answer.body.slice(0, 200)}`);
  };
  try {
    await warmUp(r.sizes.readRate, call);
    const why = attribute(api, pdnd.path);
    await why.start();
    watch.mark();
    const result = await openLoop({
      rate: r.sizes.readRate,
      count,
      maxSeconds: r.sizes.readSeconds * 2,
      maxInFlight: 256,
      call: (i) => call(warm + i),
    });
    const side = await why.stop();
    const watched = watch.stop();
    // The requests of each step are minted just before it (about a millisecond each), never while it runs.
    const heldRate = await highestRateHeld({
      label: 'api',
      limitMs: HELD_RATE_P99_MS,
      stepSeconds: r.sizes.heldRateStepSeconds,
      run: (rate, n) => {
        const signed = Array.from({ length: n }, () => pdnd.request(pick()));
        return openLoop({
          rate,
          count: n,
          maxSeconds: r.sizes.heldRateStepSeconds * 2,
          maxInFlight: 256,
          call: async (i) => {
            const answer = await post(url, signed[i].body, signed[i].headers);
            if (answer.status !== 200) throw new Error(`status ${answer.status}: ${answer.body.slice(0, 200)}`);
          },
        });
      },
    });
    return {
      ...result,
      heldRate: { ...heldRate, peakRssMb: api.peakRssMb() },
      memory: watched.memory,
      mintSeconds,
      attribution: {
        ...side,
        app: {
          ...side.app,
          eventLoopLagMaxMs: watched.eventLoopLagMaxMs,
          cpuMsPerRead: round((watched.cpu.seconds * 1000) / Math.max(1, result.ok)),
          cpuCores: watched.cpu.cores,
        },
      },
    };
  } finally {
    await api.stop();
  }
}
