import { Counter, Gauge, type Registry } from 'prom-client';
import type { Pool } from 'pg';
import type { CoHandlerMetrics } from './co.handler';

/** Builder metrics: what was applied, and corrections parked longer than the configured time. */
export function builderMetrics(registry: Registry, pool: Pool, maxParkedSeconds: number): CoHandlerMetrics {
  const events = new Counter({
    name: 'builder_co_events_total',
    help: 'CO events processed by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  new Gauge({
    name: 'builder_co_corrections_overdue',
    help: 'Workers with a CO correction waiting for its target longer than CO_MAX_PARKED_SECONDS',
    registers: [registry],
    async collect() {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM cartella_lavorativa WHERE pending_since < now() - make_interval(secs => $1)`,
        [maxParkedSeconds],
      );
      this.set(Number(rows[0].n));
    },
  });
  return {
    observe(o) {
      events.inc({ outcome: 'applied' }, o.applied);
      events.inc({ outcome: 'duplicate' }, o.duplicates);
      events.inc({ outcome: 'conflict' }, o.conflicts);
      events.inc({ outcome: 'dead_letter' }, o.deadLetters);
    },
  };
}
