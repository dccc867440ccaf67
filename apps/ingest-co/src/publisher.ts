import { EVENT_HEADERS, EventProducer, KafkaUnavailableError } from '@fsl/kafka';
import { AppError } from '@fsl/http';
import { getDefaultCodec } from '@fsl/schemas';
import type { HiringEvent } from './hiring.mapping';
import { CO_SUBJECT } from './hiring.mapping';

export const KAFKA_RETRY_AFTER_SECONDS = 5;

/** Encode and publish; resolve only once Kafka acknowledged. A broker outage becomes a 503. */
export class CoPublisher {
  constructor(
    private readonly producer: EventProducer,
    private readonly topic: string,
    private readonly pseudonym: (cf: string) => string,
  ) {}

  async publish(events: { event: HiringEvent; workerCf: string }[]): Promise<void> {
    const codec = getDefaultCodec();
    const messages = events.map(({ event, workerCf }) => ({
      key: this.pseudonym(workerCf),
      value: codec.encode(CO_SUBJECT, event),
      headers: {
        [EVENT_HEADERS.eventId]: event.header.eventId,
        [EVENT_HEADERS.subject]: CO_SUBJECT,
        ...(event.header.correlationId ? { [EVENT_HEADERS.correlationId]: event.header.correlationId } : {}),
      },
    }));
    try {
      await this.producer.send(this.topic, messages);
    } catch (err) {
      if (err instanceof KafkaUnavailableError) {
        throw new AppError('DEPENDENCY_UNAVAILABLE', 'the event log is unavailable; nothing was accepted', {
          retryAfterSeconds: KAFKA_RETRY_AFTER_SECONDS,
        });
      }
      throw err;
    }
  }
}
