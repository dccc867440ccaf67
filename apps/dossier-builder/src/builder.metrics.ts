import { Counter, Gauge, type Registry } from 'prom-client';
import type { Pool } from 'pg';
import { dependencyGauge } from '@fsl/http';
import type { CoHandlerMetrics } from './co.handler';

/** Builder metrics: what was applied, corrections parked longer than the configured time, and refused COs. */
export function builderMetrics(registry: Registry, pool: Pool, maxParkedSeconds: number): CoHandlerMetrics {
  const events = new Counter({
    name: 'builder_co_events_total',
    help: 'CO events processed by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  // A subset of the applied ones (and conflicts): kept in the state, but the dossier version did not move.
  const withoutEffect = new Counter({
    name: 'builder_co_events_without_effect_total',
    help: 'CO events kept in the state that changed nothing the cartella serves (refused, parked, already superseded)',
    registers: [registry],
  });
  dependencyGauge({
    name: 'builder_co_corrections_overdue',
    help: 'Workers with a CO correction waiting for its target longer than CO_MAX_PARKED_SECONDS',
    registry,
    read: async () => {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM cartella_lavorativa WHERE pending_since < now() - make_interval(secs => $1)`,
        [maxParkedSeconds],
      );
      return Number(rows[0].n);
    },
  });
  new Gauge({
    name: 'builder_co_refused',
    help: 'COs the builder refused (kept without effect on the cartella), by reason; listed at GET /v1/co-rifiutate',
    labelNames: ['reason'],
    registers: [registry],
    async collect() {
      // While the database does not answer, the last counts stay (and builder_co_corrections_overdue_stale
      // says the database-backed figures are stale) instead of failing the whole scrape.
      const rows = await pool
        .query<{ motivo: string; n: string }>('SELECT motivo, count(DISTINCT codice_comunicazione) AS n FROM co_rifiutata GROUP BY motivo')
        .then((r) => r.rows, () => undefined);
      if (!rows) return;
      // A reason with no CO left must drop to nothing, not keep its last count.
      this.reset();
      for (const r of rows) this.set({ reason: r.motivo }, Number(r.n));
    },
  });
  return {
    observe(o) {
      withoutEffect.inc(o.withoutEffect);
      events.inc({ outcome: 'applied' }, o.applied);
      events.inc({ outcome: 'duplicate' }, o.duplicates);
      events.inc({ outcome: 'conflict' }, o.conflicts);
      events.inc({ outcome: 'dead_letter' }, o.deadLetters);
    },
  };
}

/**
 * The operators' queue (dead_letter, fsl-ops dead-letters): letters waiting for a redrive, by the topic they
 * came from and their error code (both bounded sets: topic names and error class names, never a value).
 */
export function deadLetterMetrics(registry: Registry, pool: Pool): void {
  new Gauge({
    name: 'builder_dead_letters_parked',
    help: 'Dead letters waiting for an operator (status PARKED in dead_letter), by source topic and error code; fsl-ops dead-letters list shows them',
    labelNames: ['topic', 'code'],
    registers: [registry],
    async collect() {
      // As builder_co_refused: while the database does not answer, the last counts stay.
      const rows = await pool
        .query<{ topic: string; code: string; n: string }>(`SELECT origin_topic AS topic, code, count(*) AS n FROM dead_letter WHERE status = 'PARKED' GROUP BY 1, 2`)
        .then((r) => r.rows, () => undefined);
      if (!rows) return;
      this.reset();
      for (const r of rows) this.set({ topic: r.topic, code: r.code }, Number(r.n));
    },
  });
}
