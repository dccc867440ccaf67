import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CodiceEsito } from './flussi';

// The gateway's metrics, on the management port like every app's. One identifying label, `ente` (the
// registry's Belfiore code of the e-service); the others are fixed sets (outcome, kind, state). Never a CF,
// never an id_flusso.

export interface GatewayMetrics {
  poll(ente: string, esito: 'ok' | 'errore', seconds: number): void;
  flussi(ente: string, esito: CodiceEsito, n: number): void;
  giaVisti(ente: string, n: number): void;
  stato(ente: string, s: { cursore: number; fallimenti: number; bloccato: boolean; ultimoPollOk?: number }): void;
  esiti(ente: string, esito: 'consegnati' | 'rifiutati' | 'errore' | 'sospesi', n: number): void;
}

export function gatewayMetrics(registry: Registry, pool: Pool): GatewayMetrics {
  const polls = new Counter({ name: 'fsl_enti_poll_total', help: 'Polls of a municipality\'s GET /flussi (every page of one poll counts once), by outcome', labelNames: ['ente', 'esito'], registers: [registry] });
  const durata = new Histogram({
    name: 'fsl_enti_poll_duration_seconds',
    help: 'Duration of one poll of a municipality (all its pages, publication and acknowledgement included)',
    labelNames: ['ente'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const flussi = new Counter({
    name: 'fsl_enti_flussi_total',
    help: 'Flows acquired from a municipality, by FSL\'s outcome (OK: published; the others: refused, to the dead-letter topic)',
    labelNames: ['ente', 'esito'],
    registers: [registry],
  });
  const giaVisti = new Counter({ name: 'fsl_enti_flussi_gia_visti_total', help: 'Entries served again that were already acquired (the cursor asks its own timestamp again on purpose)', labelNames: ['ente'], registers: [registry] });
  const cursore = new Gauge({ name: 'fsl_enti_cursore_ms', help: 'The cursor of a municipality: ts_flusso (ms) of the latest flows fully handled', labelNames: ['ente'], registers: [registry] });
  const fallimenti = new Gauge({ name: 'fsl_enti_fallimenti_consecutivi', help: 'Consecutive failed polls of a municipality (0 after a success); the next waits with exponential backoff', labelNames: ['ente'], registers: [registry] });
  const bloccato = new Gauge({
    name: 'fsl_enti_cursore_bloccato',
    help: '1 when a municipality served a full page on the cursor\'s own timestamp: more flows share it than a page holds, and the cursor cannot advance without skipping some',
    labelNames: ['ente'],
    registers: [registry],
  });
  const ultimoOk = new Gauge({ name: 'fsl_enti_ultimo_poll_ok_timestamp_seconds', help: 'When a municipality was last polled successfully', labelNames: ['ente'], registers: [registry] });
  const esiti = new Counter({
    name: 'fsl_enti_esiti_total',
    help: 'Outcomes sent on a municipality\'s POST /esiti: consegnati (2xx), rifiutati (4xx, retried a bounded number of times), errore (5xx or unreachable, retried), sospesi (parked after too many 4xx)',
    labelNames: ['ente', 'esito'],
    registers: [registry],
  });
  // Read from the outbox when scraped: the figure is the database's, whichever instance delivers.
  new Gauge({
    name: 'fsl_enti_esiti_in_coda',
    help: 'Outcomes not delivered yet, by state: IN_ATTESA (to be sent or retried) and SOSPESO (parked: an operator must look)',
    labelNames: ['ente', 'stato'],
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await pool.query<{ codice_ente: string; stato: string; n: string }>(
        `SELECT codice_ente, stato, count(*) AS n FROM siuss_ingest_esito WHERE stato <> 'CONSEGNATO' GROUP BY codice_ente, stato`,
      );
      for (const r of rows) this.set({ ente: r.codice_ente, stato: r.stato }, Number(r.n));
    },
  });
  return {
    poll: (ente, esito, seconds) => {
      polls.inc({ ente, esito });
      durata.observe({ ente }, seconds);
    },
    flussi: (ente, esito, n) => n > 0 && flussi.inc({ ente, esito }, n),
    giaVisti: (ente, n) => n > 0 && giaVisti.inc({ ente }, n),
    stato: (ente, s) => {
      cursore.set({ ente }, s.cursore);
      fallimenti.set({ ente }, s.fallimenti);
      bloccato.set({ ente }, s.bloccato ? 1 : 0);
      if (s.ultimoPollOk !== undefined) ultimoOk.set({ ente }, s.ultimoPollOk / 1000);
    },
    esiti: (ente, esito, n) => n > 0 && esiti.inc({ ente, esito }, n),
  };
}
