import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Pool, PoolClient } from 'pg';
import { AppError } from '@fsl/http';
import type { Logger } from '@fsl/logging';
import type { Problem, SourceAdapter, SourceRead } from './adapter';
import { inTransaction, type ClaimStore } from './claims';
import type { IngestMetrics } from './metrics';
import { planChunk, type LineResult, type PlannedChunk } from './outcomes';
import { kafkaUnavailable, type EventPublisher } from './publisher';

/** A record to ingest, or a line already known to be bad (e.g. longer than LINE_MAX_BYTES). */
export type LineInput<In> = { riga: number; input: In } | { riga: number; problems: Problem[] };

export interface ChunkOptions<Id extends object> {
  correlationId?: string;
  /**
   * Runs inside the chunk's transaction, once the outcomes are known and before publishing: a file job
   * records its progress here. Everything is rolled back if Kafka does not acknowledge, and after the
   * acknowledgement only the COMMIT remains, which keeps the crash window (events published, progress
   * not recorded) as short as it can be.
   */
  beforePublish?: (tx: PoolClient, results: LineResult<Id>[], keys: readonly (string | null)[]) => Promise<void>;
}

const UNREADABLE: Problem = { path: '', code: 'UNREADABLE_RECORD', message: 'The record could not be read.' };

/** Told about every committed chunk's results (e.g. the unknown codes of its accepted lines). */
export interface ChunkObserver {
  record(results: readonly LineResult[]): Promise<void>;
}

/** Lines read between two turns of the event loop (~25 µs each): see read(). */
const READ_SLICE = 50;

/** The transaction the claims and the file jobs' progress share (a pool, or a stand-in in unit tests). */
export interface Transactions {
  transaction<T>(fn: (tx: PoolClient) => Promise<T>): Promise<T>;
}

export const poolTransactions = (pool: Pool): Transactions => ({ transaction: (fn) => inTransaction(pool, fn) });

export interface IngestServiceOptions<In, Id extends object> {
  adapter: SourceAdapter<In, Id>;
  transactions: Transactions;
  claims: ClaimStore;
  publisher: EventPublisher;
  /** The problem of a line whose key was accepted before with another content (IN_CONFLITTO). */
  conflict: Problem;
  logger?: Logger;
  metrics?: IngestMetrics;
  observer?: ChunkObserver;
}

/**
 * Validate → claim the keys → publish the new ones → commit, one chunk at a time. A chunk is answered
 * (or its progress recorded) only after Kafka acknowledged it and the claims are committed.
 */
export class IngestService<In, Id extends object> {
  constructor(private readonly opts: IngestServiceOptions<In, Id>) {}

  get adapter(): SourceAdapter<In, Id> {
    return this.opts.adapter;
  }

  async processChunk(lines: readonly LineInput<In>[], opts: ChunkOptions<Id> = {}): Promise<LineResult<Id>[]> {
    return this.commit(await this.read(lines, opts.correlationId), opts);
  }

  /**
   * A synchronous NDJSON batch, chunk by chunk. Earlier chunks stay accepted if a later one fails.
   *
   * The next chunk is read and validated while the current one waits for Postgres and Kafka, so the CPU
   * work of one overlaps the I/O of the other. Reading has no effect: the next chunk's keys are
   * claimed only once the current chunk is committed, so claims, publications, results and failures
   * happen exactly as if the chunks ran one after the other; a read whose chunk never runs is dropped.
   */
  async processBatch(lines: readonly LineInput<In>[], chunkSize: number, correlationId?: string): Promise<LineResult<Id>[]> {
    const results: LineResult<Id>[] = [];
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
  private async read(lines: readonly LineInput<In>[], correlationId: string | undefined): Promise<PlannedChunk<Id>> {
    const now = Date.now();
    const reads: Array<{ riga: number; read: SourceRead<Id> }> = [];
    for (let i = 0; i < lines.length; i++) {
      if (i > 0 && i % READ_SLICE === 0) await nextTurn();
      const l = lines[i];
      reads.push({ riga: l.riga, read: 'problems' in l ? { ok: false, problems: l.problems } : this.readOne(l.input, correlationId, now) });
    }
    return planChunk(reads, this.opts.conflict);
  }

  /**
   * One record; whatever it throws is that record's refusal, never the batch's failure (a throw here
   * used to fail the whole request and lose its good lines). Reading is pure, so nothing is half done.
   */
  private readOne(input: In, correlationId: string | undefined, now: number): SourceRead<Id> {
    try {
      return this.opts.adapter.read(input, { correlationId, now });
    } catch (err) {
      this.opts.logger?.error({ err }, 'a record could not be read; refused');
      return { ok: false, problems: [UNREADABLE] };
    }
  }

  private async commit(plan: PlannedChunk<Id>, opts: ChunkOptions<Id>): Promise<LineResult<Id>[]> {
    const results = await this.commitChunk(plan, opts);
    this.opts.metrics?.observe(results);
    return results;
  }

  private async commitChunk(plan: PlannedChunk<Id>, opts: ChunkOptions<Id>): Promise<LineResult<Id>[]> {
    if (plan.candidates.length === 0 && !opts.beforePublish) return plan.resolve(new Map());
    const results = await this.opts.transactions.transaction(async (tx) => {
      const claimed = await this.opts.claims.claim(
        tx,
        plan.candidates.map((c) => ({ key: c.key, hash: c.hash, eventIds: c.eventIds, ...(c.version ? { version: c.version } : {}) })),
      );
      const results = plan.resolve(claimed.decisions, claimed.highest);
      await opts.beforePublish?.(tx, results, plan.keys);
      const fresh = plan.candidates.filter((c) => claimed.decisions.get(c.key)?.kind === 'new');
      await this.opts.publisher.publish(fresh.flatMap((c) => c.messages));
      return results;
    });
    await this.opts.observer?.record(results);
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
