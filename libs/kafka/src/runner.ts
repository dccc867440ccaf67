import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from '@fsl/logging';

/** Thrown by a handler whose offset store expects an earlier offset than the one delivered. */
export class OffsetGapError extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly expectedOffset: string,
  ) {
    super(`offset gap on ${topic}[${partition}]: expected ${expectedOffset}`);
    this.name = 'OffsetGapError';
  }
}

export interface Chunk {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
}

export interface ChunkHandler {
  /**
   * Apply one chunk of one partition. The handler stores its effects and the next offset in one
   * transaction (exactly-once effects); it must skip messages below its stored offset.
   */
  processChunk(chunk: Chunk): Promise<void>;
  /** Next offsets the handler has stored, per partition, so the runner can seek after assignment. */
  storedOffsets(topic: string, partitions: number[]): Promise<Map<number, string>>;
}

export interface RunnerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  handler: ChunkHandler;
  logger: Logger;
  /** Messages per transaction. */
  chunkSize?: number;
  partitionsConsumedConcurrently?: number;
  /** After this many failed restarts in a row the runner gives up and calls onFatal (default: exit 1). */
  maxConsecutiveCrashes?: number;
  onFatal?: (err: Error) => void;
  maxBytes?: number;
  /**
   * Bytes one fetch may bring of one partition (kafkajs' default: 1 MiB, ~1,000 events): a consumer whose
   * chunks are larger than that (a rebuild's windows) must fetch more at once, or its chunks stay that small.
   */
  maxBytesPerPartition?: number;
  /** kafkajs retries of a failing batch before it counts as a crash (default 5). */
  retries?: number;
  /** Where `kafka_consumer_restarts_total` is registered. */
  registry?: Registry;
}

/**
 * The one consumer loop every consumer uses: kafkajs eachBatch, sub-chunks of ~1,000 messages each
 * handed to the handler's transaction, a heartbeat after every chunk, offsets resolved and committed
 * to Kafka only after the handler committed (Kafka's copy is for lag monitoring and fast restarts;
 * the handler's copy in Postgres is the truth, and the runner seeks to it on every assignment).
 */
export class ConsumerRunner {
  private consumer: Consumer | undefined;
  private consecutiveCrashes = 0;
  private stopping = false;
  private lastProgressAt = Date.now();
  private running = false;
  private readonly restarts?: Counter;

  constructor(private readonly opts: RunnerOptions) {
    if (opts.registry) {
      this.restarts = new Counter({
        name: 'kafka_consumer_restarts_total',
        help: 'Consumer restarts after a crash, by consumer group',
        labelNames: ['group'],
        registers: [opts.registry],
      });
    }
  }

  get isRunning(): boolean {
    return this.running;
  }

  get millisSinceProgress(): number {
    return Date.now() - this.lastProgressAt;
  }

  /** Start consuming; resolves once the consumer runs, rejects if the first connection fails. */
  async start(): Promise<void> {
    this.stopping = false;
    await this.startConsumer();
  }

  private async startConsumer(): Promise<void> {
    const { kafka, groupId, topics, logger } = this.opts;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      maxBytes: this.opts.maxBytes ?? 4 * 1024 * 1024,
      ...(this.opts.maxBytesPerPartition ? { maxBytesPerPartition: this.opts.maxBytesPerPartition } : {}),
      maxWaitTimeInMs: 250,
      allowAutoTopicCreation: false,
      // kafkajs' own restart can die on an unhandled rejection when the broker is still down when
      // it retries (the consumer then sits "alive" consuming nothing); this runner restarts instead.
      retry: { retries: this.opts.retries ?? 5, initialRetryTime: 300, maxRetryTime: 5000, restartOnFailure: async () => false },
    });
    this.consumer = consumer;

    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      // No reset of the crash count here: a handler that always fails rejoins fine every time.
      this.seekToStoredOffsets(e.payload.memberAssignment).catch((err) => logger.error({ err }, 'seek after join failed'));
    });
    consumer.on(consumer.events.CRASH, (e) => {
      this.running = false;
      if (consumer !== this.consumer || this.stopping) return;
      logger.error({ err: e.payload.error }, 'consumer crashed');
      void this.restartAfterFailure(e.payload.error);
    });

    try {
      await consumer.connect();
      for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 2,
        eachBatch: (payload) => this.eachBatch(consumer, payload),
      });
    } catch (err) {
      await consumer.disconnect().catch(() => undefined);
      throw err;
    }
    this.running = true;
  }

  /** Backoff, then a fresh consumer; after too many failures in a row, give up loudly. */
  private async restartAfterFailure(cause: Error): Promise<void> {
    const max = this.opts.maxConsecutiveCrashes ?? 10;
    for (;;) {
      this.consecutiveCrashes += 1;
      if (this.consecutiveCrashes > max) return this.fatal(cause);
      const delay = Math.min(10000, 500 * 2 ** (this.consecutiveCrashes - 1));
      this.opts.logger.warn({ attempt: this.consecutiveCrashes, delayMs: delay }, 'restarting consumer');
      this.restarts?.inc({ group: this.opts.groupId });
      await this.consumer?.disconnect().catch(() => undefined);
      await new Promise((r) => setTimeout(r, delay));
      if (this.stopping) return;
      try {
        await this.startConsumer();
        return;
      } catch (err) {
        cause = err as Error;
        this.opts.logger.warn({ err }, 'consumer restart failed');
      }
    }
  }

  private async eachBatch(consumer: Consumer, p: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = p;
    this.running = true;
    const size = this.opts.chunkSize ?? 1000;
    for (let i = 0; i < batch.messages.length; i += size) {
      if (!isRunning() || isStale() || this.stopping) return;
      const messages = batch.messages.slice(i, i + size);
      try {
        await this.opts.handler.processChunk({ topic: batch.topic, partition: batch.partition, messages });
      } catch (err) {
        if (err instanceof OffsetGapError) {
          this.opts.logger.warn({ topic: err.topic, partition: err.partition, offset: err.expectedOffset }, 'seeking back to stored offset');
          consumer.seek({ topic: err.topic, partition: err.partition, offset: err.expectedOffset });
          return;
        }
        throw err; // kafkajs retries the batch, then emits CRASH
      }
      const last = messages[messages.length - 1].offset;
      resolveOffset(last);
      this.consecutiveCrashes = 0;
      this.lastProgressAt = Date.now();
      await commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }],
      });
      await heartbeat();
    }
  }

  private async seekToStoredOffsets(assignment: Record<string, number[]>): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    for (const [topic, partitions] of Object.entries(assignment)) {
      if (partitions.length === 0) continue;
      const stored = await this.opts.handler.storedOffsets(topic, partitions);
      for (const partition of partitions) {
        const offset = stored.get(partition);
        if (offset !== undefined) consumer.seek({ topic, partition, offset });
      }
    }
  }

  private fatal(err: Error): void {
    if (this.opts.onFatal) return this.opts.onFatal(err);
    // Exit so a supervisor restarts us: a consumer that is "alive" but consumes nothing is worse.
    this.opts.logger.fatal({ err }, 'consumer gave up; exiting');
    process.exit(1);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.running = false;
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
