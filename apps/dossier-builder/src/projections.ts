import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { topicName, type ChunkHandler } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { CoChunkHandler } from './co.handler';
import { SiislChunkHandler, siislMetrics } from './siisl.handler';
import { GepiChunkHandler, gepiMetrics } from './gepi.handler';
import { prestazioniMetrics, sinbaMetrics, siussMetrics, SiussPrestazioniChunkHandler, SiussSinbaChunkHandler } from './siuss.handler';
import { TopicDispatcher, type DeadLetters } from './projection.handler';
import { builderMetrics } from './builder.metrics';

// Every source topic and the projection that folds it: the live builder and the operator's rebuilds
// (fsl-ops, src/ops) run exactly this, the rebuild against another set of tables (ADR 0008).

export interface ProjectionWiring {
  /** Where the projection tables are found (a rebuild's pool resolves them in its own schema first). */
  pool: Pool;
  /** The group the offsets are stored under: the live builder's, in a rebuild too (offsets move with the set). */
  group: string;
  deadLetters: DeadLetters;
  logger: Logger;
  prefix: string;
  /** The live builder's metrics; a rebuild counts nothing there. */
  metrics?: { registry: Registry; coMaxParkedSeconds: number };
}

export function projectionHandlers(w: ProjectionWiring): TopicDispatcher {
  const m = w.metrics;
  const siuss = m && siussMetrics(m.registry);
  return new TopicDispatcher(
    new Map<string, ChunkHandler>([
      [topicName('coComunicazioni', w.prefix), new CoChunkHandler(w.pool, w.group, w.deadLetters, w.logger, m && builderMetrics(m.registry, w.pool, m.coMaxParkedSeconds))],
      [topicName('siislEvents', w.prefix), new SiislChunkHandler(w.pool, w.group, w.deadLetters, w.logger, m && siislMetrics(m.registry))],
      [topicName('gepiEvents', w.prefix), new GepiChunkHandler(w.pool, w.group, w.deadLetters, w.logger, m && gepiMetrics(m.registry))],
      [topicName('siussPrestazioni', w.prefix), new SiussPrestazioniChunkHandler(w.pool, w.group, w.deadLetters, w.logger, siuss && prestazioniMetrics(siuss))],
      [topicName('siussSinba', w.prefix), new SiussSinbaChunkHandler(w.pool, w.group, w.deadLetters, w.logger, siuss && sinbaMetrics(siuss))],
    ]),
  );
}
