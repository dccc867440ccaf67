import { Counter, type Registry } from 'prom-client';
import { ENTITA, type Entita } from '@fsl/siisl';
import type { SiislHandlerMetrics } from './siisl.handler';

const OUTCOMES = ['applied', 'stale', 'duplicate', 'conflict', 'dead_letter'] as const;

/** SIISL records processed, by entity and outcome. Labels are entities and outcomes only, never a value. */
export function siislMetrics(registry: Registry): SiislHandlerMetrics {
  const events = new Counter({
    name: 'builder_siisl_events_total',
    help: 'SIISL events processed by entity and outcome: applied (now current), stale (kept in the history), duplicate (no effect), conflict (same version, other content: refused at ingest, so a finding), dead_letter',
    labelNames: ['entity', 'outcome'],
    registers: [registry],
  });
  // Every series from the start, so a rate over a quiet entity reads 0 rather than nothing.
  for (const entity of [...ENTITA, 'unknown']) for (const outcome of OUTCOMES) events.inc({ entity, outcome }, 0);
  const known = new Set<string>(ENTITA);
  return {
    observe(outcome, poison) {
      for (const [entity, d] of outcome.decisions) {
        events.inc({ entity, outcome: 'applied' }, d.current);
        events.inc({ entity, outcome: 'stale' }, d.stale);
        events.inc({ entity, outcome: 'duplicate' }, d.duplicate);
        events.inc({ entity, outcome: 'conflict' }, d.conflict);
      }
      for (const p of poison) events.inc({ entity: p.kind && known.has(p.kind) ? (p.kind as Entita) : 'unknown', outcome: 'dead_letter' });
    },
  };
}
