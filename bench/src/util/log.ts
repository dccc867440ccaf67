const started = Date.now();

/** Progress on stderr with the time since the run started; stdout stays for the final table. */
export function step(message: string): void {
  const s = ((Date.now() - started) / 1000).toFixed(1).padStart(7);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}
