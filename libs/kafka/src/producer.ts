import { CompressionTypes, Partitioners, type Kafka, type Producer, type IHeaders, type RecordMetadata } from 'kafkajs';
import type { Logger } from '@fsl/logging';
import { Histogram, type Registry } from 'prom-client';

export class KafkaUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`Kafka did not acknowledge the write: ${reason}`);
    this.name = 'KafkaUnavailableError';
  }
}

export interface OutgoingMessage {
  /** Pseudonymous key (never a codice fiscale): it decides the partition, hence per-person order. */
  key: string;
  value: Buffer;
  headers?: IHeaders;
  /** Only for a message that must land beside an earlier one (a redriven dead letter): else the key decides. */
  partition?: number;
  /** Create time in ms since the epoch, as a string; only for a copy that must keep its original's (a redrive). */
  timestamp?: string;
}

/** Where Kafka appended a send's messages in one partition: from `baseOffset`, in the order given. */
export interface AppendedBatch {
  topic: string;
  partition: number;
  /** Offset of the first message of the send in this partition (a decimal string: offsets are int64); Kafka gives it with acks=all. */
  baseOffset?: string;
}

export interface EventProducerOptions {
  /** Upper bound on how long a caller waits for the acknowledgement. */
  ackTimeoutMs: number;
  logger: Logger;
  /** Where `kafka_produce_duration_seconds` is registered. */
  registry?: Registry;
}

/**
 * The one producer every service uses. Idempotent, acks from all in-sync replicas, one request in
 * flight per connection so a retry cannot reorder a key's messages. `send` resolves only once Kafka
 * has acknowledged every message: callers answer their clients after that, never before.
 *
 * Connection is lazy and self-healing: a service boots while the broker is down, answers 503 in the
 * meantime, and resumes when it comes back without a restart.
 */
export class EventProducer {
  private producer: Producer;
  private connecting: Promise<void> | undefined;
  private connected = false;
  private readonly latency?: Histogram;
  /** The previous send's real end (not its caller's timeout): the next one starts after it. */
  private previous: Promise<void> = Promise.resolve();

  constructor(
    private readonly kafka: Kafka,
    private readonly opts: EventProducerOptions,
  ) {
    this.producer = this.newProducer();
    if (opts.registry) {
      this.latency = new Histogram({
        name: 'kafka_produce_duration_seconds',
        help: 'Time from send to the acknowledgement of all in-sync replicas (or the failure), by topic and outcome',
        labelNames: ['topic', 'outcome'],
        buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [opts.registry],
      });
    }
  }

  private newProducer(): Producer {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    producer.on(producer.events.DISCONNECT, () => {
      if (producer === this.producer) this.connected = false;
    });
    return producer;
  }

  private ensureConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    const producer = this.producer;
    this.connecting ??= producer
      .connect()
      .then(() => {
        if (producer === this.producer) this.connected = true;
      })
      .finally(() => {
        this.connecting = undefined;
      });
    return this.connecting;
  }

  /** Resolves once acknowledged, with where each partition's batch was appended (read-your-writes tokens). */
  /** Resolves once acknowledged, with where each partition's batch was appended (read-your-writes tokens). */
  async send(topic: string, messages: OutgoingMessage[]): Promise<AppendedBatch[]> {
    if (messages.length === 0) return [];
    const end = this.latency?.startTimer({ topic });
    let outcome = 'failed';
    let timer: NodeJS.Timeout | undefined;
    let abandoned = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandoned = true;
        reject(new KafkaUnavailableError(`no acknowledgement within ${this.opts.ackTimeoutMs} ms`));
      }, this.opts.ackTimeoutMs);
    });
    // Sends never overlap, and the one after a failure starts with a new producer id. kafkajs hands a failed
    // request's sequence numbers back to its partition even when the broker had written it (the answer was
    // lost with the connection, e.g. while the broker shuts down); a send made meanwhile reuses them, and the
    // broker, taking it for a retry of the written batch, acknowledges it WITHOUT writing it. Seen by
    // scripts/fault-proof.js: a record answered 2xx that was not in its topic.
    const attempt = this.previous.then(() => this.sendNow(topic, messages, () => abandoned));
    this.previous = attempt.then(
      () => undefined,
      () => undefined,
    );
    try {
      const appended = await Promise.race([attempt, timeout]);
      outcome = 'acknowledged';
      return appended.map((r) => ({ topic: r.topicName, partition: r.partition, ...(r.baseOffset !== undefined ? { baseOffset: String(r.baseOffset) } : {}) }));
    } catch (err) {
      if (err instanceof KafkaUnavailableError) throw err;
      this.opts.logger.warn({ err }, 'kafka send failed');
      throw new KafkaUnavailableError((err as Error).message);
    } finally {
      clearTimeout(timer);
      end?.({ outcome });
    }
  }

  private async sendNow(topic: string, messages: OutgoingMessage[], abandoned: () => boolean): Promise<RecordMetadata[]> {
    try {
      await this.ensureConnected();
      // A connection that comes back (or a turn that comes) after the caller was told the write failed must
      // not publish it.
      if (abandoned()) throw new KafkaUnavailableError('abandoned before it was sent');
      return await this.producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages });
    } catch (err) {
      if (err instanceof KafkaUnavailableError) throw err;
      // A new producer (a new producer id, sequences from zero) for whatever comes next; the old one is let go
      // without waiting, the broker may well be down.
      const old = this.producer;
      this.producer = this.newProducer();
      this.connected = false;
      this.connecting = undefined;
      old.disconnect().catch(() => undefined);
      throw err;
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    this.connected = false;
  }
}
