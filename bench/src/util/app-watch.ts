import type { AppProcess } from './apps';
import { round } from './stats';

// What an app's own /metrics say while a phase runs, scraped every second: the kernel's peak RSS (the
// figure with a target) next to the V8 heap and the memory outside it, so a miss can be attributed
// (heap growth vs buffers vs native), and the worst event-loop stall since mark() (GC pauses, CPU
// starvation), which explains latency tails. prom-client resets its lag histogram at every scrape,
// so the running maximum over the scrapes is the maximum over the window.

export interface MemoryFigure {
  bootRssMb: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  peakHeapTotalMb: number;
  peakExternalMb: number;
}

const GAUGES = {
  heapUsed: 'nodejs_heap_size_used_bytes',
  heapTotal: 'nodejs_heap_size_total_bytes',
  external: 'nodejs_external_memory_bytes',
  lagMax: 'nodejs_eventloop_lag_max_seconds',
} as const;

export interface AppWatch {
  /** Start the event-loop window (e.g. after a warm-up). */
  mark(): void;
  stop(): { memory: MemoryFigure; eventLoopLagMaxMs: number };
}

export function watchApp(app: AppProcess, everyMs = 1000): AppWatch {
  const peak = { heapUsed: 0, heapTotal: 0, external: 0, lagMax: 0 };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    fetch(`${app.url}/metrics`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.text())
      .then((text) => {
        for (const [k, name] of Object.entries(GAUGES) as [keyof typeof GAUGES, string][]) {
          const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+-]+)`, 'm').exec(text);
          if (m) peak[k] = Math.max(peak[k], Number(m[1]));
        }
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, everyMs);
  const mb = (b: number) => Math.round(b / 1048576);
  return {
    mark: () => void (peak.lagMax = 0),
    stop: () => {
      clearInterval(timer);
      return {
        memory: { bootRssMb: app.bootRssMb, peakRssMb: app.peakRssMb(), peakHeapUsedMb: mb(peak.heapUsed), peakHeapTotalMb: mb(peak.heapTotal), peakExternalMb: mb(peak.external) },
        eventLoopLagMaxMs: round(peak.lagMax * 1000),
      };
    },
  };
}
