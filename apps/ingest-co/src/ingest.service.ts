import type { PoolClient } from 'pg';
import type { CodeLists, Problem } from '@fsl/co';
import { AppError } from '@fsl/http';
import { AcceptedStore } from './accepted.store';
import { readCoInput, type CoInput } from './co-event.mapping';
import { planChunk, type LineResult } from './outcomes';
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

/**
 * Validate → claim the codici → publish the new ones → commit, one chunk at a time. A chunk is answered
 * (or its progress recorded) only after Kafka acknowledged it and the claims are committed.
 */
export class CoIngestService {
  constructor(
    private readonly store: AcceptedStore,
    private readonly publisher: CoPublisher,
    private readonly codeLists: CodeLists,
  ) {}

  async processChunk(lines: readonly LineInput[], opts: ChunkOptions = {}): Promise<LineResult[]> {
    const ctx = { codeLists: this.codeLists, correlationId: opts.correlationId, now: Date.now() };
    const plan = planChunk(lines.map((l) => ({ riga: l.riga, read: 'problems' in l ? { ok: false as const, problems: l.problems } : readCoInput(l.input, ctx) })));
    if (plan.candidates.length === 0 && !opts.beforePublish) return plan.resolve(new Map());
    return this.store.transaction(async (tx) => {
      const decisions = await this.store.claim(tx, plan.candidates.map((c) => ({ codice: c.codice, hash: c.hash, eventIds: c.eventIds })));
      const results = plan.resolve(decisions);
      await opts.beforePublish?.(tx, results);
      const fresh = plan.candidates.filter((c) => decisions.get(c.codice)?.kind === 'new');
      await this.publisher.publish(fresh.flatMap((c) => c.messages));
      return results;
    });
  }

  /** A synchronous NDJSON batch, chunk by chunk. Earlier chunks stay accepted if a later one fails. */
  async processBatch(lines: readonly LineInput[], chunkSize: number, correlationId?: string): Promise<LineResult[]> {
    const results: LineResult[] = [];
    for (let i = 0; i < lines.length; i += chunkSize) {
      try {
        results.push(...(await this.processChunk(lines.slice(i, i + chunkSize), { correlationId })));
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
}
