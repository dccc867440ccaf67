import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import type { Logger } from '@fsl/logging';
import { ENTITA, type Entita } from '@fsl/gepi';
import { decodeGepiMessage, type IncomingGepi } from './gepi-events';
import { applyGepiChunk, type GepiChunkOutcome } from './gepi.writer';
import { recordMetrics, RecordSourceHandler, type RecordMetrics } from './record-source';
import type { DeadLetters } from './projection.handler';

/** The GePI topic → the case projection and its ownership rows. */
export class GepiChunkHandler extends RecordSourceHandler<IncomingGepi, GepiChunkOutcome> {
  constructor(pool: Pool, group: string, deadLetters: DeadLetters, logger: Logger, metrics?: RecordMetrics<GepiChunkOutcome>) {
    super({ name: 'GePI', decode: decodeGepiMessage, apply: applyGepiChunk }, pool, group, deadLetters, logger, metrics);
  }
}

export const gepiMetrics = (registry: Registry): RecordMetrics<GepiChunkOutcome> =>
  recordMetrics<Entita>(registry, { name: 'builder_gepi_events_total', source: 'GePI', entities: ENTITA });
