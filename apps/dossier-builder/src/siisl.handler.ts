import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import type { Logger } from '@fsl/logging';
import { ENTITA, type Entita } from '@fsl/siisl';
import { decodeSiislMessage, type IncomingSiisl } from './siisl-events';
import { applySiislChunk, type SiislChunkOutcome } from './siisl.writer';
import { recordMetrics, RecordSourceHandler, type RecordMetrics } from './record-source';
import type { DeadLetters } from './projection.handler';

/** The SIISL topic → the course and offer catalogues and the three cartelle. */
export class SiislChunkHandler extends RecordSourceHandler<IncomingSiisl, SiislChunkOutcome> {
  constructor(pool: Pool, group: string, deadLetters: DeadLetters, logger: Logger, metrics?: RecordMetrics<SiislChunkOutcome>) {
    super({ name: 'SIISL', decode: decodeSiislMessage, apply: applySiislChunk }, pool, group, deadLetters, logger, metrics);
  }
}

export const siislMetrics = (registry: Registry): RecordMetrics<SiislChunkOutcome> =>
  recordMetrics<Entita>(registry, { name: 'builder_siisl_events_total', source: 'SIISL', entities: ENTITA });
