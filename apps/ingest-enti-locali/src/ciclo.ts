/**
 * A background loop that can be stopped at any point: stop() interrupts the wait and, through `signal`, any
 * call in flight, then waits for the round in hand to end. The gateway's per-municipality loops extend it.
 */
export abstract class Ciclo {
  protected stopped = false;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  /** Aborted by stop(): pass it to every call that may wait on a municipality. */
  protected get signal(): AbortSignal {
    return this.abort.signal;
  }

  protected abstract loop(): Promise<void>;

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.wake?.();
    await this.running;
  }

  protected sleep(ms: number): Promise<void> {
    if (this.stopped || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
