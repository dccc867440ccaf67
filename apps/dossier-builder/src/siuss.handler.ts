import type { Pool } from 'pg';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from '@fsl/logging';
import { ProjectionChunkHandler, type Poison, type DeadLetters } from './projection.handler';
import { decodePrestazioneMessage, decodeSinbaMessage, type IncomingPrestazione, type IncomingSinba } from './siuss-events';
import { applyPrestazioniChunk, applySinbaChunk, type SinbaChunkOutcome, type SiussChunkOutcome } from './siuss.writer';

// The two SIUSS topics → the benefits of the cartella sociale and, apart, the SINBA cases.

export interface SiussMetrics {
  observe(kind: 'prestazione' | 'sinba', applied: number, unchanged: number, poison: readonly Poison[]): void;
}

/** builder_siuss_events_total{kind, outcome}: labels are kinds and outcomes only, never a value. */
export function siussMetrics(registry: Registry): SiussMetrics {
  const events = new Counter({
    name: 'builder_siuss_events_total',
    help: 'SIUSS flows processed by kind (prestazione, sinba) and outcome: applied (a row moved), unchanged (re-sent or older than what is stored), dead_letter',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  for (const kind of ['prestazione', 'sinba']) for (const outcome of ['applied', 'unchanged', 'dead_letter']) events.inc({ kind, outcome }, 0);
  return {
    observe(kind, applied, unchanged, poison) {
      events.inc({ kind, outcome: 'applied' }, applied);
      events.inc({ kind, outcome: 'unchanged' }, unchanged);
      events.inc({ kind, outcome: 'dead_letter' }, poison.length);
    },
  };
}

export class SiussPrestazioniChunkHandler extends ProjectionChunkHandler<IncomingPrestazione, SiussChunkOutcome> {
  constructor(pool: Pool, group: string, deadLetters: DeadLetters, logger: Logger, metrics?: { observe(o: SiussChunkOutcome, poison: readonly Poison[]): void }) {
    super(pool, group, deadLetters, logger, { decode: decodePrestazioneMessage, apply: applyPrestazioniChunk, observe: (o, p) => metrics?.observe(o, p) });
  }
}

export class SiussSinbaChunkHandler extends ProjectionChunkHandler<IncomingSinba, SinbaChunkOutcome> {
  constructor(pool: Pool, group: string, deadLetters: DeadLetters, logger: Logger, metrics?: { observe(o: SinbaChunkOutcome, poison: readonly Poison[]): void }) {
    super(pool, group, deadLetters, logger, { decode: decodeSinbaMessage, apply: applySinbaChunk, observe: (o, p) => metrics?.observe(o, p) });
  }
}

export const prestazioniMetrics = (m: SiussMetrics) => ({ observe: (o: SiussChunkOutcome, p: readonly Poison[]) => m.observe('prestazione', o.prestazioni, o.invariate, p) });
export const sinbaMetrics = (m: SiussMetrics) => ({ observe: (o: SinbaChunkOutcome, p: readonly Poison[]) => m.observe('sinba', o.casi, o.invariate, p) });
