import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PoolClient } from 'pg';
import type { CodeLists, Problem } from '@fsl/co';
import { AppError } from '@fsl/http';
import type { Logger } from '@fsl/logging';
import { AcceptedStore } from './accepted.store';
import { readCoInput, type CoInput, type MappingContext, type ReadCo, type RejectedCo } from './co-event.mapping';
import type { IngestMetrics } from './ingest.metrics';
import { planChunk, type LineResult, type PlannedChunk } from './outcomes';
import { CoPublisher, kafkaUnavailable } from './publisher';

/** A record to ingest, or a line already known to be bad (e.g. longer than LINE_MAX_BYTES). */
export type LineInput = { riga: number; input: CoInput } | { riga: number; problems: Problem[] };

export interface ChunkOptions {
  correlationId?: string;
  /**
   * Runs inside the chunk's transaction, once the outcomes are known and before publishing: a file job
   * records its progress here. Everything is rolled back if Kafka does not acknowledge, and after the
   * acknowledgement only the COMMIT remains, which keeps the crash window (events published, progress
   * not recorded) as short as it can be.
   */
  beforePublish?: (tx: PoolClient, results: LineResult[]) => Promise<void>;
}

const UNREADABLE: Problem = { path: '', code: 'UNREADABLE_RECORD', message: 'The record could not be read.' };

/** Told about every committed chunk's results (the unknown codes of its accepted lines). */
export interface ChunkObserver {
  record(results: readonly LineResult[]): Promise<void>;
}

/** Lines read between two turns of the event loop (~25 µs each): see read(). */
const READ_SLICE = 50;

/**
 * Validate → claim the codici → publish the new ones → commit, one chunk at a time. A chunk is answered
 * (or its progress recorded) only after Kafka acknowledged it and the claims are committed.
 */
export class CoIngestService {
  constructor(
    private readonly store: AcceptedStore,
    private readonly publisher: CoPublisher,
    private readonly codeLists: CodeLists,
    private readonly logger?: Logger,
    /** How far dataInvio may be ahead of this clock. */
    private readonly clockSkewMs?: number,
    private readonly metrics?: IngestMetrics,
    private readonly observer?: ChunkObserver,
  ) {}

  async processChunk(lines: readonly LineInput[], opts: ChunkOptions = {}): Promise<LineResult[]> {
    return this.commit(await this.read(lines, opts.correlationId), opts);
  }

  /**
   * A synchronous NDJSON batch, chunk by chunk. Earlier chunks stay accepted if a later one fails.
   *
   * The next chunk is read and validated while the current one waits for Postgres and Kafka, so the CPU
   * work of one overlaps the I/O of the other. Reading has no effect: the next chunk's codici are
   * claimed only once the current chunk is committed, so claims, publications, results and failures
   * happen exactly as if the chunks ran one after the other; a read whose chunk never runs is dropped.
   */
  async processBatch(lines: readonly LineInput[], chunkSize: number, correlationId?: string): Promise<LineResult[]> {
    const results: LineResult[] = [];
    const readAt = (i: number) => handled(this.read(lines.slice(i, i + chunkSize), correlationId));
    let next = readAt(0);
    for (let i = 0; i < lines.length; i += chunkSize) {
      const committing = this.commit(await next, { correlationId });
      if (i + chunkSize < lines.length) next = readAt(i + chunkSize);
      try {
        results.push(...(await committing));
      } catch (err) {
        if (err instanceof AppError && err.code === 'DEPENDENCY_UNAVAILABLE' && i > 0) {
          throw kafkaUnavailable(
            `the event log became unavailable after ${i} of ${lines.length} records; send the batch again: records already accepted are answered DUPLICATA`,
          );
        }
        throw err;
      }
    }
    return results;
  }

  /**
   * Parse, validate and map the lines: CPU only, no side effect. It yields to the event loop every
   * READ_SLICE lines, so that a chunk being committed meanwhile gets its I/O callbacks run promptly
   * instead of after the whole read.
   */
  private async read(lines: readonly LineInput[], correlationId: string | undefined): Promise<PlannedChunk> {
    const ctx = { codeLists: this.codeLists, correlationId, now: Date.now(), clockSkewMs: this.clockSkewMs };
    const reads: Array<{ riga: number; read: ReadCo | RejectedCo }> = [];
    for (let i = 0; i < lines.length; i++) {
      if (i > 0 && i % READ_SLICE === 0) await nextTurn();
      const l = lines[i];
      reads.push({ riga: l.riga, read: 'problems' in l ? { ok: false, problems: l.problems } : this.readOne(l.input, ctx) });
    }
    return planChunk(reads);
  }

  /**
   * One record; whatever it throws is that record's refusal, never the batch's failure (a throw here
   * used to fail the whole request and lose its good lines). Reading is pure, so nothing is half done.
   */
  private readOne(input: CoInput, ctx: MappingContext): ReadCo | RejectedCo {
    try {
      return readCoInput(input, ctx);
    } catch (err) {
      this.logger?.error({ err }, 'a record could not be read; refused');
      return { ok: false, problems: [UNREADABLE] };
    }
  }

  private async commit(plan: PlannedChunk, opts: ChunkOptions): Promise<LineResult[]> {
    const results = await this.commitChunk(plan, opts);
    this.metrics?.observe(results);
    return results;
  }

  private async commitChunk(plan: PlannedChunk, opts: ChunkOptions): Promise<LineResult[]> {
    if (plan.candidates.length === 0 && !opts.beforePublish) return plan.resolve(new Map());
    const results = await this.store.transaction(async (tx) => {
      const decisions = await this.store.claim(tx, plan.candidates.map((c) => ({ codice: c.codice, hash: c.hash, eventIds: c.eventIds })));
      const results = plan.resolve(decisions);
      await opts.beforePublish?.(tx, results);
      const fresh = plan.candidates.filter((c) => decisions.get(c.codice)?.kind === 'new');
      await this.publisher.publish(fresh.flatMap((c) => c.messages));
      return results;
    });
    await this.observer?.record(results);
    return results;
  }
}

/**
 * The same promise, marked as handled: a read that fails while the chunk before it is still being
 * committed must not count as an unhandled rejection; its error is raised when the read is awaited.
 */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
