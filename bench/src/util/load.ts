import { nowMs, round, summarize, tailBuckets, type LatencySummary } from './stats';

// Open-loop load at a fixed rate: request i is due at start + i/rate whether or not earlier ones
// have answered, and its latency is counted from when it was due, so a stall shows in the tail
// instead of silently lowering the rate (no coordinated omission). Bounded by count and by time;
// requests beyond `maxInFlight` are not sent and are counted as dropped.

export interface LoadOptions {
  rate: number;
  count: number;
  maxSeconds: number;
  maxInFlight: number;
  call: (i: number) => Promise<void>;
}

export interface LoadResult {
  latencyMs: LatencySummary;
  ok: number;
  errors: number;
  dropped: number;
  /** Completed requests per second over the whole phase. */
  achievedRate: number;
  seconds: number;
  firstErrors: string[];
  /** When the slowest 1% of requests were due (see tailBuckets). */
  tailAt: Record<string, number>;
}

export async function openLoop(o: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const dueAt: number[] = [];
  const firstErrors: string[] = [];
  let errors = 0;
  let dropped = 0;
  let inFlight = 0;
  let issued = 0;
  const started = nowMs();
  const deadline = started + o.maxSeconds * 1000;
  const pending = new Set<Promise<void>>();
  while (issued < o.count && nowMs() < deadline) {
    const now = nowMs();
    for (; issued < o.count && started + (issued * 1000) / o.rate <= now; issued++) {
      const due = started + (issued * 1000) / o.rate;
      if (inFlight >= o.maxInFlight) {
        dropped += 1;
        continue;
      }
      inFlight += 1;
      const p: Promise<void> = o
        .call(issued)
        .then(
          () => {
            latencies.push(nowMs() - due);
            dueAt.push(due - started);
          },
          (err: unknown) => {
            errors += 1;
            if (firstErrors.length < 5) firstErrors.push(err instanceof Error ? err.message : String(err));
          },
        )
        .finally(() => {
          inFlight -= 1;
          pending.delete(p);
        });
      pending.add(p);
    }
    // 1 ms ticks: fine enough for 500–1,000 requests/s, coarse enough to leave the CPU to the apps.
    await new Promise((r) => setTimeout(r, 1));
  }
  dropped += o.count - issued;
  await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 30_000).unref())]);
  const seconds = (nowMs() - started) / 1000;
  const summary = summarize(latencies);
  const tailAt = tailBuckets(latencies, dueAt, summary.p99);
  return { latencyMs: summary, ok: latencies.length, errors, dropped, achievedRate: round(latencies.length / seconds, 1), seconds: round(seconds), firstErrors, tailAt };
}
