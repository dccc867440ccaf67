import type { Pool } from 'pg';
import { DeadLetterPublisher, EVENT_HEADERS, headerString, OffsetGapError, type Chunk, type ChunkHandler, type KafkaMessage } from '@fsl/kafka';
import { inOffsetTransaction, loadOffsets, StoredOffsetGap } from '@fsl/db';
import { getDefaultCodec, SchemaError } from '@fsl/schemas';
import { withCorrelationId, type Logger } from '@fsl/logging';
import { CoAvroMappingError } from '@fsl/co';
import { toCoForWorker } from './co-events';
import { applyCartellaLavorativa, type ChunkOutcome, type IncomingCo } from './cartella-lavorativa.writer';

type Decoded = { ok: true; item: IncomingCo } | { ok: false; message: KafkaMessage; code: string; reason: string };

/** Poison messages (not Avro single-object, unknown schema, a subject this topic must not carry) are sorted out here. */
export function decodeCoMessage(message: KafkaMessage): Decoded {
  try {
    const decoded = getDefaultCodec().decode(message.value ?? Buffer.alloc(0));
    const mapped = toCoForWorker(decoded.subject, decoded.value);
    if (!mapped) return { ok: false, message, code: 'WRONG_SUBJECT', reason: `subject ${decoded.subject} without a CO payload on the CO topic` };
    return { ok: true, item: { ...mapped, receivedAt: new Date(Number(message.timestamp)).toISOString() } };
  } catch (err) {
    if (err instanceof SchemaError || err instanceof CoAvroMappingError) return { ok: false, message, code: err.name, reason: err.message };
    throw err;
  }
}

export interface CoHandlerMetrics {
  observe(outcome: ChunkOutcome & { deadLetters: number }): void;
}

export class CoChunkHandler implements ChunkHandler {
  constructor(
    private readonly pool: Pool,
    private readonly group: string,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly logger: Logger,
    private readonly metrics?: CoHandlerMetrics,
  ) {}

  async processChunk(chunk: Chunk): Promise<void> {
    const key = { group: this.group, topic: chunk.topic, partition: chunk.partition };
    try {
      await inOffsetTransaction(this.pool, key, chunk.messages, async (client, fresh) => {
        const decoded = fresh.map(decodeCoMessage);
        const poison = decoded.filter((d): d is Extract<Decoded, { ok: false }> => !d.ok);
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
        const outcome = await applyCartellaLavorativa(client, decoded.flatMap((d) => (d.ok ? [d.item] : [])));
        this.metrics?.observe({ ...outcome, deadLetters: poison.length });
      });
    } catch (err) {
      if (err instanceof StoredOffsetGap) throw new OffsetGapError(chunk.topic, chunk.partition, err.expectedOffset);
      throw err;
    }
  }

  storedOffsets(topic: string, partitions: number[]): Promise<Map<number, string>> {
    return loadOffsets(this.pool, this.group, topic, partitions);
  }
}
