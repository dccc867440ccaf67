import { CompressionTypes, Partitioners, type Kafka, type Producer, type IHeaders } from 'kafkajs';
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
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;
  private connected = false;
  private readonly latency?: Histogram;

  constructor(
    kafka: Kafka,
    private readonly opts: EventProducerOptions,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connected = false;
    });
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

  private ensureConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    this.connecting ??= this.producer
      .connect()
      .then(() => {
        this.connected = true;
      })
      .finally(() => {
        this.connecting = undefined;
      });
    return this.connecting;
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const end = this.latency?.startTimer({ topic });
    let outcome = 'failed';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new KafkaUnavailableError(`no acknowledgement within ${this.opts.ackTimeoutMs} ms`)), this.opts.ackTimeoutMs);
    });
    try {
      await Promise.race([
        this.ensureConnected().then(() =>
          this.producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages }),
        ),
        timeout,
      ]);
      outcome = 'acknowledged';
    } catch (err) {
      if (err instanceof KafkaUnavailableError) throw err;
      // A failed connection or exhausted retries: force a fresh connection on the next call.
      this.connected = false;
      this.opts.logger.warn({ err }, 'kafka send failed');
      throw new KafkaUnavailableError((err as Error).message);
    } finally {
      clearTimeout(timer);
      end?.({ outcome });
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    this.connected = false;
  }
}
