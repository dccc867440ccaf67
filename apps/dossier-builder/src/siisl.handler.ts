import type { Pool } from 'pg';
import type { DeadLetterPublisher } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { decodeSiislMessage, type IncomingSiisl } from './siisl-events';
import { applySiislChunk, type SiislChunkOutcome } from './siisl.writer';
import { ProjectionChunkHandler, type Poison } from './projection.handler';

export interface SiislHandlerMetrics {
  observe(outcome: SiislChunkOutcome, poison: readonly Poison[]): void;
}

/** The SIISL topic → the course and offer catalogues and the three cartelle. */
export class SiislChunkHandler extends ProjectionChunkHandler<IncomingSiisl, SiislChunkOutcome> {
  constructor(pool: Pool, group: string, deadLetters: DeadLetterPublisher, logger: Logger, metrics?: SiislHandlerMetrics) {
    super(pool, group, deadLetters, logger, {
      decode: decodeSiislMessage,
      apply: applySiislChunk,
      observe: (outcome, poison) => {
        // The fold kept one content whichever came first; the operators should learn the source sent two.
        for (const c of outcome.conflicts) logger.warn({ entita: c.entita, id: c.id, versione: c.versione }, 'two contents of one SIISL version reached the builder');
        metrics?.observe(outcome, poison);
      },
    });
  }
}
