import { EVENT_HEADERS, EventProducer, KafkaUnavailableError } from '@fsl/kafka';
import { AppError } from '@fsl/http';
import { getDefaultCodec } from '@fsl/schemas';
import { CO_SUBJECT, type CoMessage } from './co-event.mapping';

export const KAFKA_RETRY_AFTER_SECONDS = 5;

/** Encode and publish; resolves only once Kafka acknowledged every message. A broker outage becomes a 503. */
export class CoPublisher {
  constructor(
    private readonly producer: EventProducer,
    readonly topic: string,
    private readonly pseudonym: (cf: string) => string,
  ) {}

  async publish(messages: readonly CoMessage[]): Promise<void> {
    const codec = getDefaultCodec();
    const out = messages.map(({ workerCf, event }) => ({
      // The key decides the partition: every event of one worker, in order, on one partition.
      key: this.pseudonym(workerCf),
      value: codec.encode(CO_SUBJECT, event),
      headers: {
        [EVENT_HEADERS.eventId]: event.header.eventId,
        [EVENT_HEADERS.subject]: CO_SUBJECT,
        ...(event.header.correlationId ? { [EVENT_HEADERS.correlationId]: event.header.correlationId } : {}),
      },
    }));
    try {
      await this.producer.send(this.topic, out);
    } catch (err) {
      if (err instanceof KafkaUnavailableError) throw kafkaUnavailable();
      throw err;
    }
  }
}

export function kafkaUnavailable(detail = 'the event log is unavailable; nothing was accepted'): AppError {
  return new AppError('DEPENDENCY_UNAVAILABLE', detail, { retryAfterSeconds: KAFKA_RETRY_AFTER_SECONDS });
}
