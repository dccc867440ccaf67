import type { Pool, PoolClient } from 'pg';
import { DeadLetterPublisher, EVENT_HEADERS, headerString, OffsetGapError, type Chunk, type ChunkHandler, type KafkaMessage } from '@fsl/kafka';
import { inOffsetTransaction, loadOffsets, StoredOffsetGap } from '@fsl/db';
import { withCorrelationId, type Logger } from '@fsl/logging';

// What every projection of the builder does with a chunk of one partition, whatever its topic: the
// messages not applied yet, decoded; the poison ones on the dead-letter topic; the good ones applied;
// the next offset stored — all in one transaction (exactly-once effects, ADR 0003).

export interface Poison {
  message: KafkaMessage;
  /** A code, never a value of the message (dead-letter header and log line). */
  code: string;
  reason: string;
  /** What the message is, as far as it decoded (a bounded label for metrics: an entity, never a value). */
  kind?: string;
}

export type Decoded<T> = { ok: true; item: T } | ({ ok: false } & Poison);

/** A topic's projection: how its messages decode, and how the good ones change the tables. */
export interface TopicProjection<T, O> {
  decode(message: KafkaMessage): Decoded<T>;
  /** Apply the chunk's good messages, in offset order, inside the offset transaction. */
  apply(client: PoolClient, items: T[]): Promise<O>;
  /** Called once the transaction committed, with what it applied and what went to the dead letters. */
  observe?(outcome: O, poison: readonly Poison[]): void;
}

export class ProjectionChunkHandler<T, O> implements ChunkHandler {
  constructor(
    private readonly pool: Pool,
    private readonly group: string,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly logger: Logger,
    private readonly projection: TopicProjection<T, O>,
  ) {}

  async processChunk(chunk: Chunk): Promise<void> {
    const key = { group: this.group, topic: chunk.topic, partition: chunk.partition };
    let done: { outcome: O; poison: Poison[] } | undefined;
    try {
      await inOffsetTransaction(this.pool, key, chunk.messages, async (client, fresh) => {
        const decoded = fresh.map((m) => this.projection.decode(m));
        const poison = decoded.flatMap((d) => (d.ok ? [] : [{ message: d.message, code: d.code, reason: d.reason, kind: d.kind }]));
        // Kafka must hold the dead letters before the offset moves past them.
        if (poison.length) {
          await this.deadLetters.publish(chunk, poison);
          // One line per dead letter, under the correlation id the ingest gave it (Kafka header).
          for (const p of poison) {
            withCorrelationId(headerString(p.message.headers, EVENT_HEADERS.correlationId) ?? 'none', () =>
              this.logger.warn({ topic: chunk.topic, partition: chunk.partition, offset: p.message.offset, code: p.code }, 'message sent to the dead-letter topic'),
            );
          }
        }
        done = { outcome: await this.projection.apply(client, decoded.flatMap((d) => (d.ok ? [d.item] : []))), poison };
      });
    } catch (err) {
      if (err instanceof StoredOffsetGap) throw new OffsetGapError(chunk.topic, chunk.partition, err.expectedOffset);
      throw err;
    }
    // Only what committed is counted: a chunk rolled back and redelivered would count twice.
    if (done) this.projection.observe?.(done.outcome, done.poison);
  }

  storedOffsets(topic: string, partitions: number[]): Promise<Map<number, string>> {
    return loadOffsets(this.pool, this.group, topic, partitions);
  }
}

/**
 * The one consumer of the builder reads every source topic; each chunk (always of one partition of one
 * topic) goes to that topic's handler. Offsets are stored per topic and partition, so each handler
 * answers for its own topic.
 */
export class TopicDispatcher implements ChunkHandler {
  constructor(private readonly handlers: ReadonlyMap<string, ChunkHandler>) {}

  private handlerOf(topic: string): ChunkHandler {
    const handler = this.handlers.get(topic);
    // The runner subscribes to exactly the topics of this map: anything else is a wiring bug.
    if (!handler) throw new Error(`no handler for topic ${topic}`);
    return handler;
  }

  get topics(): string[] {
    return [...this.handlers.keys()];
  }

  processChunk(chunk: Chunk): Promise<void> {
    return this.handlerOf(chunk.topic).processChunk(chunk);
  }

  storedOffsets(topic: string, partitions: number[]): Promise<Map<number, string>> {
    return this.handlerOf(topic).storedOffsets(topic, partitions);
  }
}
