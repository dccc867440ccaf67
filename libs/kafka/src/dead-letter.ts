import type { IHeaders, KafkaMessage } from 'kafkajs';
import { headerString } from './headers';
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
 * Headers of a dead letter's copy that an operator sent back to its topic (fsl-ops dead-letters redrive).
 * `of` names, as JSON {topic, partition, offset}, where the first failure of the message's line happened:
 * the consumer applies one copy per line, however many were sent. `history` is the JSON list of the line's
 * earlier failures ({topic, partition, offset, code, reason, at}, oldest first), so a copy that fails again
 * goes back to the dead letters with all of them.
 */
export const REDRIVE_HEADERS = {
  of: 'redrive-of',
  history: 'redrive-history',
} as const;

export interface MessageCoordinates {
  topic: string;
  partition: number;
  offset: string;
}

/** The first failure a redriven copy descends from, or undefined for any other message. */
export function redriveOf(headers: IHeaders | undefined): MessageCoordinates | undefined {
  const raw = headerString(headers, REDRIVE_HEADERS.of);
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as MessageCoordinates;
    if (typeof v.topic === 'string' && Number.isInteger(v.partition) && /^\d+$/.test(String(v.offset))) return { topic: v.topic, partition: v.partition, offset: String(v.offset) };
  } catch {
    // A header that is not ours (or mangled) makes the message an ordinary one, never a poison of its own.
  }
  return undefined;
}

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
