// Runs one file job from wherever it stopped: the spool file is read from the byte offset recorded with the
// last committed chunk, so a restarted worker neither skips nor re-publishes acknowledged lines.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@fsl/http';
import type { Logger } from '@fsl/logging';
import type { IngestService } from './ingest.service';
import { LottoOwnershipLost, type LottiStore } from './lotti.store';
import { readNdjsonFile, toLineInputs, type RawLine } from './ndjson';

export interface LottoProcessorOptions {
  spoolDir: string;
  chunkSize: number;
  maxLineBytes: number;
  /** Back-off while Kafka or Postgres is down: the chunk is retried until they are back or we stop. */
  retryDelaysMs?: number[];
}

export type RunOutcome = 'done' | 'stopped';

class Stopped extends Error {}

const DEFAULT_DELAYS = [500, 1000, 2000, 5000, 10000];

export class LottoProcessor<In = unknown, Id extends object = object> {
  private readonly delays: number[];

  constructor(
    private readonly store: LottiStore<Id>,
    private readonly ingest: IngestService<In, Id>,
    private readonly opts: LottoProcessorOptions,
    private readonly logger: Logger,
  ) {
    this.delays = opts.retryDelaysMs ?? DEFAULT_DELAYS;
  }

  /** `shouldStop` is polled between chunks (graceful shutdown); the job then continues on the next run. */
  async run(id: string, shouldStop: () => boolean): Promise<RunOutcome> {
    const lotto = await this.store.get(id);
    if (!lotto || lotto.stato === 'COMPLETATO' || lotto.stato === 'FALLITO') return 'done';
    await this.store.markStarted(id);
    const file = join(this.opts.spoolDir, lotto.spoolFile);
    let position = lotto.righeElaborate;
    let pending: RawLine[] = [];
    let records = 0;
    try {
      for await (const line of readNdjsonFile(file, { offset: lotto.byteElaborati, riga: lotto.righeElaborate }, this.opts.maxLineBytes)) {
        pending.push(line);
        if (line.tooLong || line.text.trim() !== '') records++;
        if (records < this.opts.chunkSize) continue;
        position = await this.commit(id, lotto.correlationId, pending, position, shouldStop);
        pending = [];
        records = 0;
        if (shouldStop()) return 'stopped';
      }
      if (pending.length > 0) await this.commit(id, lotto.correlationId, pending, position, shouldStop);
    } catch (err) {
      if (err instanceof Stopped) return 'stopped';
      if (err instanceof LottoOwnershipLost) {
        this.logger.warn({ lotto: id }, 'file job advanced by another worker; leaving it');
        return 'stopped';
      }
      throw err;
    }
    await this.store.finish(id);
    await fsp.rm(file, { force: true });
    this.logger.info({ lotto: id }, 'file job completed');
    return 'done';
  }

  /** One chunk, retried while a dependency is down; returns the new line position. */
  private async commit(id: string, correlationId: string | null, lines: RawLine[], from: number, shouldStop: () => boolean): Promise<number> {
    const last = lines[lines.length - 1];
    const to = { lines: last.riga, bytes: last.end };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.ingest.processChunk(toLineInputs(lines, (text) => this.ingest.adapter.fromLine(text)), {
          correlationId: correlationId ?? undefined,
          beforePublish: (tx, results, keys) => this.store.recordChunk(tx, id, results, keys, from, to),
        });
        return to.lines;
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'DEPENDENCY_UNAVAILABLE')) throw err;
        if (shouldStop()) throw new Stopped();
        const delay = this.delays[Math.min(attempt, this.delays.length - 1)];
        this.logger.warn({ lotto: id, attempt, delayMs: delay }, 'file job waiting for its dependencies');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
