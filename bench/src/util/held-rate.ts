import type { LoadResult } from './load';
import { step } from './log';

// Issue 15: "the highest rate held with p99 ≤ 50 ms", for the api and for the raw SELECT. A step-up of
// rates, each a short open-loop run right after the previous one; the search stops at the first rate
// whose p99 exceeds the bound or that cannot be offered (a request failed, or was dropped because the
// in-flight cap or the step's time limit was hit), and reports the last rate held. A harness that
// cannot send on time shows as latency too: open-loop latency counts from when a request was due.

/** Read rates tried, in order: fine steps where the api is expected to give up, coarse beyond. */
export const RATE_LADDER = [250, 500, 750, 1000, 1250, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 16000] as const;

export interface RateStep {
  rate: number;
  p50Ms: number;
  p99Ms: number;
  achievedRate: number;
  ok: number;
  errors: number;
  dropped: number;
  held: boolean;
}

export interface HeldRate {
  /** The p99 bound a rate must hold. */
  limitMs: number;
  stepSeconds: number;
  /** The last rate held; 0 when not even the first was. */
  heldRate: number;
  /** Why the search stopped: the first rate not held and how, or the end of the ladder. */
  stoppedBy: string;
  steps: RateStep[];
}

export async function highestRateHeld(o: {
  label: string;
  limitMs: number;
  stepSeconds: number;
  rates?: readonly number[];
  /** One open-loop run of `count` requests at `rate`. */
  run: (rate: number, count: number) => Promise<LoadResult>;
}): Promise<HeldRate> {
  const steps: RateStep[] = [];
  let heldRate = 0;
  let stoppedBy = 'end of the ladder';
  for (const rate of o.rates ?? RATE_LADDER) {
    const r = await o.run(rate, Math.round(rate * o.stepSeconds));
    const held = r.errors === 0 && r.dropped === 0 && r.latencyMs.p99 <= o.limitMs;
    steps.push({ rate, p50Ms: r.latencyMs.p50, p99Ms: r.latencyMs.p99, achievedRate: r.achievedRate, ok: r.ok, errors: r.errors, dropped: r.dropped, held });
    step(`  ${o.label} at ${rate}/s: p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ${r.errors} errors, ${r.dropped} dropped${held ? '' : ' — not held'}`);
    if (!held) {
      stoppedBy =
        r.errors > 0 ? `${rate}/s: ${r.errors} errors (${r.firstErrors[0] ?? ''})` : r.dropped > 0 ? `${rate}/s: ${r.dropped} requests not offered` : `${rate}/s: p99 ${r.latencyMs.p99} ms`;
      break;
    }
    heldRate = rate;
  }
  return { limitMs: o.limitMs, stepSeconds: o.stepSeconds, heldRate, stoppedBy, steps };
}
