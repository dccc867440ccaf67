import type { Pool } from 'pg';
import type { KafkaMessage } from '@fsl/kafka';
import { getDefaultCodec, SchemaError } from '@fsl/schemas';
import type { Logger } from '@fsl/logging';
import { CoAvroMappingError } from '@fsl/co';
import { toCoForWorker } from './co-events';
import { applyCartellaLavorativa, type ChunkOutcome, type IncomingCo } from './cartella-lavorativa.writer';
import { ProjectionChunkHandler, type Decoded, type DeadLetters } from './projection.handler';

/** Poison messages (not Avro single-object, unknown schema, a subject this topic must not carry) are sorted out here. */
export function decodeCoMessage(message: KafkaMessage): Decoded<IncomingCo> {
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

/** The CO topic → the cartella lavorativa. */
export class CoChunkHandler extends ProjectionChunkHandler<IncomingCo, ChunkOutcome> {
  constructor(pool: Pool, group: string, deadLetters: DeadLetters, logger: Logger, metrics?: CoHandlerMetrics) {
    super(pool, group, deadLetters, logger, {
      decode: decodeCoMessage,
      apply: applyCartellaLavorativa,
      observe: (outcome, poison) => metrics?.observe({ ...outcome, deadLetters: poison.length }),
    });
  }
}
