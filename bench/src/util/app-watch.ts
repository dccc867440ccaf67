import { readFileSync } from 'node:fs';
import type { AppProcess } from './apps';
import { nowMs, round } from './stats';

// What an app's own /metrics say while a phase runs, scraped every second: the kernel's peak RSS (the
// figure with a target) next to the V8 heap and the memory outside it, so a miss can be attributed
// (heap growth vs buffers vs native), and the worst event-loop stall since mark() (GC pauses, CPU
// starvation), which explains latency tails. prom-client resets its lag histogram at every scrape,
// so the running maximum over the scrapes is the maximum over the window. The CPU time the kernel
// counted for the process over the window tells what a request costs, whatever else the shared
// machine was doing; next to the wall time it says how much of a core the app used.

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

export interface CpuFigure {
  /** CPU seconds (user + system, every thread) of the app over the window. */
  seconds: number;
  /** Those seconds over the window's wall time: 1 = one core busy all along. */
  cores: number;
}

export interface AppWatch {
  /** Start the event-loop and CPU window (e.g. after a warm-up). */
  mark(): void;
  stop(): { memory: MemoryFigure; eventLoopLagMaxMs: number; cpu: CpuFigure };
}

/** utime + stime of a process, in seconds (clock ticks of 1/100 s on Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export function watchApp(app: AppProcess, everyMs = 1000): AppWatch {
  const peak = { heapUsed: 0, heapTotal: 0, external: 0, lagMax: 0 };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    fetch(app.metricsUrl, { signal: AbortSignal.timeout(2000) })
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
  let from = { cpu: cpuSeconds(app.pid), at: nowMs() };
  return {
    mark: () => {
      peak.lagMax = 0;
      from = { cpu: cpuSeconds(app.pid), at: nowMs() };
    },
    stop: () => {
      clearInterval(timer);
      const cpu = cpuSeconds(app.pid) - from.cpu;
      const wall = (nowMs() - from.at) / 1000;
      return {
        cpu: { seconds: round(cpu), cores: round(cpu / wall) },
        memory: { bootRssMb: app.bootRssMb, peakRssMb: app.peakRssMb(), peakHeapUsedMb: mb(peak.heapUsed), peakHeapTotalMb: mb(peak.heapTotal), peakExternalMb: mb(peak.external) },
        eventLoopLagMaxMs: round(peak.lagMax * 1000),
      };
    },
  };
}
