import type { Pool } from 'pg';
import { DeadLetterPublisher, OffsetGapError, type Chunk, type ChunkHandler, type KafkaMessage } from '@fsl/kafka';
import { inOffsetTransaction, loadOffsets, StoredOffsetGap } from '@fsl/db';
import { getDefaultCodec, SchemaError } from '@fsl/schemas';
import type { Logger } from '@fsl/logging';
import { applyCoEvents, type CoEvent } from './co-comunicazioni.projection';

const CO_SUBJECT = 'co.comunicazione';

type Decoded = { ok: true; event: CoEvent } | { ok: false; message: KafkaMessage; code: string; reason: string };

/** Poison messages (not Avro single-object, unknown schema, wrong subject) are sorted out here. */
export function decodeCoMessage(message: KafkaMessage): Decoded {
  try {
    const decoded = getDefaultCodec().decode(message.value ?? Buffer.alloc(0));
    if (decoded.subject !== CO_SUBJECT) {
      return { ok: false, message, code: 'WRONG_SUBJECT', reason: `subject ${decoded.subject} on the CO topic` };
    }
    return { ok: true, event: decoded.value as CoEvent };
  } catch (err) {
    if (err instanceof SchemaError) return { ok: false, message, code: err.name, reason: err.message };
    throw err;
  }
}

export class CoChunkHandler implements ChunkHandler {
  constructor(
    private readonly pool: Pool,
    private readonly group: string,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly logger: Logger,
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
          this.logger.warn({ topic: chunk.topic, partition: chunk.partition, count: poison.length }, 'messages sent to the dead-letter topic');
        }
        await applyCoEvents(client, decoded.flatMap((d) => (d.ok ? [d.event] : [])));
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
