import type { Pool, PoolClient } from 'pg';
import { Counter, type Registry } from 'prom-client';
import type { KafkaMessage } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import type { VersionDecision } from '@fsl/siisl';
import { ProjectionChunkHandler, type Decoded, type DeadLetters, type Poison } from './projection.handler';

// What the versioned record sources (SIISL, GePI) share beyond the offset transaction: each record gets a
// versioning decision (libs/siisl's rules, which GePI imports), a conflict is a finding worth a log line,
// and the counter builder_<source>_events_total{entity, outcome} tells the decisions and the dead letters.

export interface RecordChunkOutcome<E extends string> {
  /** Per entity, what the versioning rules decided for each record. */
  decisions: Map<E, Record<VersionDecision, number>>;
  /** Same id and version with other content: the ingest refuses these (409), so each one is a finding. */
  conflicts: Array<{ entita: E; id: string; versione: number }>;
}

/** One decision more for `entita`. */
export function countDecision<E extends string>(outcome: RecordChunkOutcome<E>, entita: E, record: { id: string; versione: number }, decision: VersionDecision): void {
  const counts = outcome.decisions.get(entita) ?? { current: 0, stale: 0, duplicate: 0, conflict: 0 };
  counts[decision] += 1;
  outcome.decisions.set(entita, counts);
  if (decision === 'conflict') outcome.conflicts.push({ entita, id: record.id, versione: record.versione });
}

export interface RecordSource<T, O> {
  /** For log lines: SIISL, GePI. */
  name: string;
  decode(message: KafkaMessage): Decoded<T>;
  apply(client: PoolClient, items: T[]): Promise<O>;
}

export interface RecordMetrics<O> {
  observe(outcome: O, poison: readonly Poison[]): void;
}

/** A record source's topic → its projection, with the conflicts logged and the decisions counted. */
export class RecordSourceHandler<T, O extends RecordChunkOutcome<string>> extends ProjectionChunkHandler<T, O> {
  constructor(source: RecordSource<T, O>, pool: Pool, group: string, deadLetters: DeadLetters, logger: Logger, metrics?: RecordMetrics<O>) {
    super(pool, group, deadLetters, logger, {
      decode: source.decode,
      apply: source.apply,
      observe: (outcome, poison) => {
        // The fold kept one content whichever came first; the operators should learn the source sent two.
        for (const c of outcome.conflicts) logger.warn({ entita: c.entita, id: c.id, versione: c.versione }, `two contents of one ${source.name} version reached the builder`);
        metrics?.observe(outcome, poison);
      },
    });
  }
}

const OUTCOMES = ['applied', 'stale', 'duplicate', 'conflict', 'dead_letter'] as const;

/** A source's records processed, by entity and outcome. Labels are entities and outcomes only, never a value. */
export function recordMetrics<E extends string>(registry: Registry, opts: { name: string; source: string; entities: readonly E[] }): RecordMetrics<RecordChunkOutcome<E>> {
  const events = new Counter({
    name: opts.name,
    help: `${opts.source} events processed by entity and outcome: applied (now current), stale (kept in the history), duplicate (no effect), conflict (same version, other content: refused at ingest, so a finding), dead_letter`,
    labelNames: ['entity', 'outcome'],
    registers: [registry],
  });
  // Every series from the start, so a rate over a quiet entity reads 0 rather than nothing.
  for (const entity of [...opts.entities, 'unknown']) for (const outcome of OUTCOMES) events.inc({ entity, outcome }, 0);
  const known = new Set<string>(opts.entities);
  return {
    observe(outcome, poison) {
      for (const [entity, d] of outcome.decisions) {
        events.inc({ entity, outcome: 'applied' }, d.current);
        events.inc({ entity, outcome: 'stale' }, d.stale);
        events.inc({ entity, outcome: 'duplicate' }, d.duplicate);
        events.inc({ entity, outcome: 'conflict' }, d.conflict);
      }
      for (const p of poison) events.inc({ entity: p.kind && known.has(p.kind) ? p.kind : 'unknown', outcome: 'dead_letter' });
    },
  };
}
