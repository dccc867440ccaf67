import type { KafkaMessage } from 'kafkajs';
import type { EventProducer } from './producer';

export const DLQ_HEADERS = {
  topic: 'dlq-origin-topic',
  partition: 'dlq-origin-partition',
  offset: 'dlq-origin-offset',
  consumer: 'dlq-consumer-group',
  code: 'dlq-error-code',
  reason: 'dlq-error-reason',
  at: 'dlq-at',
} as const;

/**
 * Poison messages go to the dead-letter topic with their origin in the headers, so the partition
 * moves on and an operator can inspect and redrive them. The value and key are kept byte for byte.
 * The reason must not carry personal data (callers pass codes and schema facts, not field values).
 */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: EventProducer,
    private readonly dlqTopic: string,
    private readonly consumerGroup: string,
  ) {}

  async publish(origin: { topic: string; partition: number }, items: { message: KafkaMessage; code: string; reason: string }[]): Promise<void> {
    if (items.length === 0) return;
    const at = new Date().toISOString();
    await this.producer.send(
      this.dlqTopic,
      items.map(({ message, code, reason }) => ({
        key: message.key?.toString() ?? '',
        value: message.value ?? Buffer.alloc(0),
        headers: {
          ...(message.headers ?? {}),
          [DLQ_HEADERS.topic]: origin.topic,
          [DLQ_HEADERS.partition]: String(origin.partition),
          [DLQ_HEADERS.offset]: message.offset,
          [DLQ_HEADERS.consumer]: this.consumerGroup,
          [DLQ_HEADERS.code]: code,
          [DLQ_HEADERS.reason]: reason.slice(0, 500),
          [DLQ_HEADERS.at]: at,
        },
      })),
    );
  }
}
