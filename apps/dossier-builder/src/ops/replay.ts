import { Pool } from 'pg';
import { ConsumerRunner, OffsetGapError, type Chunk, type ChunkHandler, type Kafka } from '@fsl/kafka';
import { ident } from '@fsl/db';
import type { Logger } from '@fsl/logging';
import { CountingDeadLetters } from '../dead-letters';
import { projectionHandlers } from '../projections';

// The builder's own folds run against a set that is not live: a pool whose search_path finds the set's tables
// before public's, the live builder's consumer group for the offsets rows (so they are its offsets once the set
// is live), a Kafka group of its own, and no side effect outside the set (dead letters are counted, not parked).
// A bound, when given, stops each partition at an offset exactly: the consistency check compares a set with the
// live one at the same offsets.

export interface ReplayOptions {
  kafka: Kafka;
  /** The owner's URL (the set's schema belongs to the owner). */
  databaseUrl: string;
  schema: string;
  /** Offsets rows are stored under this group: the live builder's. */
  group: string;
  /** Kafka's group for this replay (kept across kills of the process, so Kafka's hint stays useful). */
  kafkaGroup: string;
  prefix: string;
  logger: Logger;
  chunkSize: number;
  concurrency: number;
  /** Bytes a fetch may bring of one partition: enough for a chunk of chunkSize events. */
  maxBytesPerPartition?: number;
  /**
   * Where each partition starts when the set holds no offsets row for it (nothing of it applied yet): the
   * runner seeks there, so Kafka's committed position for the replay's group — a hint that can be ahead of the
   * set, after Postgres emptied an unlogged set in its crash recovery — never decides what the set skips.
   */
  startOffsets?: Offsets;
  /** Schemas searched before the set's own (a rebuild of one projection keeps the shared counters aside a while). */
  before?: string[];
}

export type Offsets = Map<string, bigint>;
export const offsetKey = (topic: string, partition: number) => `${topic}|${partition}`;

/** Is `a` at or past `b` on every partition `b` names? */
export function reached(a: Offsets, b: Offsets): boolean {
  for (const [k, v] of b) if ((a.get(k) ?? 0n) < v) return false;
  return true;
}

/** The offsets stored in `schema` for `group`. */
export async function storedOffsets(db: { query: Pool['query'] }, schema: string, group: string): Promise<Offsets> {
  const { rows } = await db.query<{ topic: string; partition: number; next_offset: string }>(
    `SELECT topic, partition, next_offset FROM ${ident(schema)}.consumer_offsets WHERE consumer_group = $1`,
    [group],
  );
  return new Map(rows.map((r) => [offsetKey(r.topic, r.partition), BigInt(r.next_offset)]));
}

export class Replay {
  readonly pool: Pool;
  readonly deadLetters = new CountingDeadLetters();
  private readonly runner: ConsumerRunner;
  private readonly inFlight = new Set<Promise<void>>();
  private bound: Offsets | undefined;
  private closed = false;
  private failure: Error | undefined;
  readonly topics: string[];

  constructor(private readonly o: ReplayOptions) {
    this.pool = new Pool({
      connectionString: o.databaseUrl,
      max: o.concurrency + 2,
      options: `-c search_path=${[...(o.before ?? []), o.schema, 'public'].map(ident).join(',')}`,
      connectionTimeoutMillis: 10_000,
      statement_timeout: 120_000,
    });
    this.pool.on('error', (err) => o.logger.warn({ err }, 'idle postgres client error'));
    const dispatcher = projectionHandlers({ pool: this.pool, group: o.group, deadLetters: this.deadLetters, logger: o.logger, prefix: o.prefix });
    this.topics = dispatcher.topics;
    const handler: ChunkHandler = {
      processChunk: (chunk) => this.track(this.process(dispatcher, chunk)),
      storedOffsets: async (topic, partitions) => {
        const stored = await dispatcher.storedOffsets(topic, partitions);
        for (const p of partitions) {
          const start = o.startOffsets?.get(offsetKey(topic, p));
          if (!stored.has(p) && start !== undefined) stored.set(p, start.toString());
        }
        return stored;
      },
    };
    this.runner = new ConsumerRunner({
      kafka: o.kafka,
      groupId: o.kafkaGroup,
      topics: this.topics,
      handler,
      logger: o.logger,
      chunkSize: o.chunkSize,
      maxBytesPerPartition: o.maxBytesPerPartition,
      maxBytes: o.maxBytesPerPartition ? o.maxBytesPerPartition * Math.max(1, o.concurrency) : undefined,
      partitionsConsumedConcurrently: o.concurrency,
      maxConsecutiveCrashes: 20,
      onFatal: (err) => {
        this.failure = err;
      },
    });
  }

  /** Set (or raise) the offsets each partition stops at; undefined: no bound. */
  setBound(bound: Offsets | undefined): void {
    this.bound = bound;
  }

  /** The error the consumer gave up with, if it did. */
  get failed(): Error | undefined {
    return this.failure;
  }

  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.runner.start();
        return;
      } catch (err) {
        // The broker restarting: keep trying, as the builder does.
        if (attempt >= 30) throw err;
        this.o.logger.warn({ err, attempt }, 'replay consumer could not start; retrying');
        await this.runner.stop();
        await new Promise((r) => setTimeout(r, Math.min(5000, 500 * attempt)));
      }
    }
  }

  stored(): Promise<Offsets> {
    return storedOffsets(this.pool, this.o.schema, this.o.group);
  }

  private track(p: Promise<void>): Promise<void> {
    this.inFlight.add(p);
    return p.finally(() => this.inFlight.delete(p));
  }

  private async process(dispatcher: ChunkHandler, chunk: Chunk): Promise<void> {
    const first = chunk.messages[0]?.offset ?? '0';
    // Closed: no transaction may start any more (the set's tables are about to move); seeking back leaves
    // Kafka's position where the set is.
    if (this.closed) throw new OffsetGapError(chunk.topic, chunk.partition, first);
    const limit = this.bound?.get(offsetKey(chunk.topic, chunk.partition));
    const bound = this.bound ? (limit ?? 0n) : undefined;
    const messages = bound === undefined ? chunk.messages : chunk.messages.filter((m) => BigInt(m.offset) < bound);
    if (messages.length > 0) await dispatcher.processChunk({ ...chunk, messages });
    if (messages.length < chunk.messages.length) {
      // At the bound: come back to it a moment later (it may be raised meanwhile) instead of running past it.
      await new Promise((r) => setTimeout(r, 200));
      throw new OffsetGapError(chunk.topic, chunk.partition, String(bound));
    }
  }

  /** No transaction after this resolves: the ones in flight are finished, the consumer is stopped. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await this.runner.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  async end(): Promise<void> {
    if (!this.closed) await this.close();
    await this.pool.end().catch(() => undefined);
  }
}
