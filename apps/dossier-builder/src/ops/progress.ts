import { SingleBar } from 'cli-progress';

// What a long step tells the operator once a second: events applied, events/s, what is left (lag) and the
// time that should take. A terminal gets a progress bar (cli-progress); --json gets one JSON line per update
// on stdout, for scripts. The figures come from the offsets stored in Postgres, so after a kill -9 the bar
// starts where the set is, not from zero.

export interface ProgressFigures {
  phase: string;
  /** Events applied since the set's start offsets. */
  done: bigint;
  /** Events still between the set and its goal. */
  lag: bigint;
}

export interface ProgressReporter {
  update(f: ProgressFigures): void;
  stop(): void;
}

/** Events per second over the last ~10 s of updates. */
class Rate {
  private readonly samples: Array<{ at: number; done: bigint }> = [];
  push(done: bigint): number {
    const now = Date.now();
    this.samples.push({ at: now, done });
    while (this.samples.length > 2 && now - this.samples[0].at > 10_000) this.samples.shift();
    const first = this.samples[0];
    const secs = (now - first.at) / 1000;
    return secs > 0 ? Math.max(0, Number(done - first.done) / secs) : 0;
  }
}

const eta = (lag: bigint, rate: number) => (lag === 0n ? 0 : rate > 0 ? Math.round(Number(lag) / rate) : null);

export function jsonProgress(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): ProgressReporter {
  const rate = new Rate();
  return {
    update(f) {
      const r = rate.push(f.done);
      write(JSON.stringify({ progress: f.phase, done: Number(f.done), eventsPerSecond: Math.round(r), lag: Number(f.lag), etaSeconds: eta(f.lag, r) }));
    },
    stop() {},
  };
}

export function barProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const rate = new Rate();
  let bar: SingleBar | undefined;
  let phase = '';
  return {
    update(f) {
      const r = rate.push(f.done);
      const total = Number(f.done + f.lag);
      const payload = { phase: f.phase, rate: Math.round(r), lag: Number(f.lag), left: formatSeconds(eta(f.lag, r)) };
      if (!bar || phase !== f.phase) {
        bar?.stop();
        phase = f.phase;
        bar = new SingleBar(
          {
            stream,
            format: '{phase} |{bar}| {percentage}% | {value}/{total} events | {rate} events/s | lag {lag} | left {left}',
            hideCursor: true,
            // Not a terminal (a log file): a line every 5 s instead of redrawing.
            noTTYOutput: true,
            notTTYSchedule: 5000,
          },
        );
        bar.start(Math.max(total, 1), Number(f.done), payload);
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(Number(f.done), payload);
    },
    stop() {
      bar?.stop();
    },
  };
}

function formatSeconds(s: number | null): string {
  if (s === null) return '?';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}
