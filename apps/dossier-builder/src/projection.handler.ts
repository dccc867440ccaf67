import type { Pool, PoolClient } from 'pg';
import { type DeadLetterPublisher, EVENT_HEADERS, headerString, OffsetGapError, redriveOf, type Chunk, type ChunkHandler, type KafkaMessage, type MessageCoordinates } from '@fsl/kafka';
import { inOffsetTransaction, loadOffsets, StoredOffsetGap } from '@fsl/db';
import { withCorrelationId, type Logger } from '@fsl/logging';
import { ParkingDeadLetters, type DeadLetterSink } from './dead-letters';

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

/** Where poison goes: a publisher (the live builder's queue, ParkingDeadLetters) or a sink of its own (a rebuild's). */
export type DeadLetters = Pick<DeadLetterPublisher, 'publish'> | DeadLetterSink;

export class ProjectionChunkHandler<T, O> implements ChunkHandler {
  private readonly deadLetters: DeadLetterSink;

  constructor(
    private readonly pool: Pool,
    private readonly group: string,
    deadLetters: DeadLetters,
    private readonly logger: Logger,
    private readonly projection: TopicProjection<T, O>,
  ) {
    this.deadLetters = 'park' in deadLetters ? deadLetters : new ParkingDeadLetters(deadLetters, group);
  }

  async processChunk(chunk: Chunk): Promise<void> {
    const key = { group: this.group, topic: chunk.topic, partition: chunk.partition };
    let done: { outcome: O; poison: Poison[] } | undefined;
    try {
      await inOffsetTransaction(this.pool, key, chunk.messages, async (client, fresh) => {
        const decoded = fresh.map((m) => ({ message: m, d: this.projection.decode(m) }));
        const poison = decoded.flatMap(({ d }) => (d.ok ? [] : [{ message: d.message, code: d.code, reason: d.reason, kind: d.kind }]));
        // Kafka must hold the dead letters before the offset moves past them.
        if (poison.length) {
          await this.deadLetters.park(client, chunk, poison);
          // One line per dead letter, under the correlation id the ingest gave it (Kafka header).
          for (const p of poison) {
            withCorrelationId(headerString(p.message.headers, EVENT_HEADERS.correlationId) ?? 'none', () =>
              this.logger.warn({ topic: chunk.topic, partition: chunk.partition, offset: p.message.offset, code: p.code }, 'message sent to the dead-letter topic'),
            );
          }
        }
        const good = await firstOfEachRedrivenLine(client, chunk.topic, decoded.flatMap(({ message, d }) => (d.ok ? [{ message, item: d.item }] : [])));
        await this.deadLetters.applied(client, good.roots);
        done = { outcome: await this.projection.apply(client, good.items), poison };
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
 * The good messages minus the redriven copies of a dead letter whose line was applied already (in this set,
 * by an earlier copy or an earlier message of this chunk): a line is applied once however many copies an
 * operator sent. The lines applied now are recorded in redriven_letter, in the offset transaction.
 */
async function firstOfEachRedrivenLine<T>(client: PoolClient, topic: string, good: { message: KafkaMessage; item: T }[]): Promise<{ items: T[]; roots: MessageCoordinates[] }> {
  const copies = good.map((g) => redriveOf(g.message.headers));
  if (copies.every((c) => c === undefined)) return { items: good.map((g) => g.item), roots: [] };
  const id = (c: MessageCoordinates) => `${c.topic}|${c.partition}|${c.offset}`;
  const first = new Map<string, MessageCoordinates>();
  for (const c of copies) if (c && !first.has(id(c))) first.set(id(c), c);
  const roots = [...first.values()];
  const { rows } = await client.query<{ t: string; p: number; o: string }>(
    `INSERT INTO redriven_letter (origin_topic, origin_partition, origin_offset, applied_topic)
     SELECT *, $4::text FROM unnest($1::text[], $2::int[], $3::bigint[]) ON CONFLICT DO NOTHING
     RETURNING origin_topic AS t, origin_partition AS p, origin_offset::text AS o`,
    [roots.map((r) => r.topic), roots.map((r) => r.partition), roots.map((r) => r.offset), topic],
  );
  const fresh = new Set(rows.map((r) => id({ topic: r.t, partition: r.p, offset: r.o })));
  const taken = new Set<string>();
  const items = good.flatMap((g, i) => {
    const c = copies[i];
    if (c === undefined) return [g.item];
    const k = id(c);
    if (!fresh.has(k) || taken.has(k)) return [];
    taken.add(k);
    return [g.item];
  });
  return { items, roots: roots.filter((r) => fresh.has(id(r))) };
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
