import { AppError } from '@fsl/http';
import { EVENT_HEADERS, EventProducer, KafkaUnavailableError, type AppendedBatch } from '@fsl/kafka';
import { getDefaultCodec } from '@fsl/schemas';
import type { SourceMessage } from './adapter';

export const KAFKA_RETRY_AFTER_SECONDS = 5;

/**
 * Encode and publish; resolves only once Kafka acknowledged every message, with where they were appended.
 * A broker outage becomes a 503.
 */
export class EventPublisher {
  constructor(
    private readonly producer: EventProducer,
    readonly topic: string,
    private readonly pseudonym: (cf: string) => string,
  ) {}

  async publish(messages: readonly SourceMessage[]): Promise<AppendedBatch[]> {
    const codec = getDefaultCodec();
    const out = messages.map(({ subject, event, key }) => ({
      // The key decides the partition: every event of one citizen, in order, on one partition.
      key: 'cf' in key ? this.pseudonym(key.cf) : key.raw,
      value: codec.encode(subject, event),
      headers: {
        [EVENT_HEADERS.eventId]: event.header.eventId,
        [EVENT_HEADERS.subject]: subject,
        ...(event.header.correlationId ? { [EVENT_HEADERS.correlationId]: event.header.correlationId } : {}),
      },
    }));
    try {
      return await this.producer.send(this.topic, out);
    } catch (err) {
      if (err instanceof KafkaUnavailableError) throw kafkaUnavailable();
      throw err;
    }
  }
}

export function kafkaUnavailable(detail = 'the event log is unavailable; nothing was accepted'): AppError {
  return new AppError('DEPENDENCY_UNAVAILABLE', detail, { retryAfterSeconds: KAFKA_RETRY_AFTER_SECONDS });
}
