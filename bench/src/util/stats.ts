// Latency summaries. Percentiles by nearest rank on the sorted sample: no interpolation, so a p99
// is always a latency that really happened.

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    mean: round(sum / sorted.length),
  };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Monotonic milliseconds, for every duration the harness measures. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * When the slowest 1% happened, in seconds since the start of the phase (0.1 s buckets, with counts):
 * a tail bunched in a few buckets is a stall (GC, fsync, a warm-up), a spread one is queueing.
 */
export function tailBuckets(latencies: readonly number[], startedAtMs: readonly number[], p99: number): Record<string, number> {
  const out: Record<string, number> = {};
  latencies.forEach((l, i) => {
    if (l < p99) return;
    const bucket = (Math.floor(startedAtMs[i] / 100) / 10).toFixed(1);
    out[bucket] = (out[bucket] ?? 0) + 1;
  });
  return out;
}
