import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AppProcess } from './apps';
import { round } from './stats';

// Where a latency tail comes from: how long the app's handlers took (its request histogram) and how
// much of the window it spent in major GC, next to the harness's own event-loop stalls — a stall in
// the harness delays sends and shows in the figures as latency too. The app's event-loop stalls come
// from watchApp.

export interface AppSide {
  /** Share of requests whose handler took longer than each bound (ms), from the app's histogram. */
  slowerThanMs: Record<string, number>;
  /** Time in major (mark-compact) GC during the window. */
  majorGcMs: number;
}

type Sample = { buckets: Map<string, number>; count: number; majorGc: number };

async function scrape(app: AppProcess, route: string): Promise<Sample> {
  const text = await (await fetch(app.metricsUrl)).text();
  const buckets = new Map<string, number>();
  let count = 0;
  for (const m of text.matchAll(/^http_request_duration_seconds_(bucket|count)\{([^}]*)\} (\d+)/gm)) {
    if (!m[2].includes(`route="${route}"`)) continue;
    if (m[1] === 'count') count += Number(m[3]);
    else {
      const le = /le="([^"]+)"/.exec(m[2])?.[1] ?? '';
      buckets.set(le, (buckets.get(le) ?? 0) + Number(m[3]));
    }
  }
  const majorGc = Number(/^nodejs_gc_duration_seconds_sum\{[^}]*kind="major"[^}]*\} ([\d.e+-]+)/m.exec(text)?.[1] ?? 0);
  return { buckets, count, majorGc };
}

/** Call start() when the measured window opens and stop() when it closes. */
export function attribute(app: AppProcess, route: string) {
  let before: Sample | undefined;
  const harness = monitorEventLoopDelay({ resolution: 10 });
  return {
    async start(): Promise<void> {
      before = await scrape(app, route);
      harness.enable();
    },
    async stop(): Promise<{ app: AppSide; harnessLagMaxMs: number; harnessLagP99Ms: number }> {
      harness.disable();
      const sample = await scrape(app, route);
      const b = before as Sample;
      const n = sample.count - b.count;
      const slowerThanMs: Record<string, number> = {};
      for (const le of ['0.01', '0.025', '0.05', '0.1']) {
        const within = (sample.buckets.get(le) ?? 0) - (b.buckets.get(le) ?? 0);
        slowerThanMs[String(Number(le) * 1000)] = round(n > 0 ? 1 - within / n : NaN, 4);
      }
      return {
        app: {
          slowerThanMs,
          majorGcMs: round((sample.majorGc - b.majorGc) * 1000),
        },
        harnessLagMaxMs: round(harness.max / 1e6),
        harnessLagP99Ms: round(harness.percentile(99) / 1e6),
      };
    },
  };
}
