import type { Pool } from 'pg';
import type { Logger } from '@fsl/logging';
import type { GatewayMetrics } from './metrics';
import { backoffMs } from './poller';
import { Ciclo } from './ciclo';
import type { EnteRegistrato } from './registry';
import { WaasError, type WaasClient } from './waas-client';

// Delivery of the outcome outbox (siuss_ingest_esito), one loop per municipality that asked for outcomes.
// Rows are leased (their next attempt pushed past the call's deadline) rather than locked across the call,
// so several instances never send one row at once and no transaction waits on a municipality. 2xx: delivered.
// A 4xx is retried ESITI_MAX_4XX times then parked (SOSPESO), visible to operators, who can queue it again;
// anything else (5xx, unreachable, timeout) is retried with backoff until it is delivered — the interface
// says a non-2xx answer means "not delivered, try again".

export interface EsitiSettings {
  intervalloMs: number;
  batch: number;
  retryBaseMs: number;
  retryMaxMs: number;
  max4xx: number;
  /** The call's deadline (ENTI_REQUEST_TIMEOUT_MS): the lease outlives it. */
  timeoutMs: number;
}

export class EsitiLoop extends Ciclo {
  constructor(
    readonly ente: EnteRegistrato,
    private readonly client: WaasClient,
    private readonly pool: Pool,
    private readonly s: EsitiSettings,
    private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
  ) {
    super();
  }



  protected async loop(): Promise<void> {
    while (!this.stopped) {
      let inviati = 0;
      try {
        inviati = await this.consegna();
      } catch (err) {
        if (this.stopped) break;
        this.logger.warn({ ente: this.ente.codice, err: (err as Error).message }, 'outcome delivery round failed');
      }
      // A full batch: more are due, go on at once.
      await this.sleep(inviati >= this.s.batch ? 0 : this.s.intervalloMs);
    }
  }

  /** One round: lease the due outcomes, send them in one POST /esiti, record the answer. Returns how many were sent. */
  async consegna(): Promise<number> {
    const lease = Math.ceil((this.s.timeoutMs + 5000) / 1000);
    const { rows } = await this.pool.query<{ id: string; esito: unknown; tentativi: number; rifiuti_4xx: number }>(
      `UPDATE siuss_ingest_esito e SET prossimo_tentativo_at = now() + make_interval(secs => $3), tentativi = e.tentativi + 1
        WHERE e.id IN (SELECT id FROM siuss_ingest_esito
                        WHERE codice_ente = $1 AND stato = 'IN_ATTESA' AND prossimo_tentativo_at <= now()
                        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING e.id, e.esito, e.tentativi, e.rifiuti_4xx`,
      [this.ente.codice, this.s.batch, lease],
    );
    if (rows.length === 0) return 0;
    rows.sort((a, b) => Number(a.id) - Number(b.id));
    const ids = rows.map((r) => r.id);
    let status: number | undefined;
    let errore: string;
    try {
      status = await this.client.esiti(
        rows.map((r) => r.esito),
        this.signal,
      );
      errore = status >= 200 && status < 300 ? '' : `HTTP ${status}`;
    } catch (err) {
      errore = err instanceof WaasError ? `${err.code}: ${err.message}` : `ERRORE_INTERNO: ${(err as Error).name}`;
    }
    if (status !== undefined && status >= 200 && status < 300) {
      await this.pool.query(
        `UPDATE siuss_ingest_esito SET stato = 'CONSEGNATO', consegnato_at = now(), ultimo_status = $2, ultimo_errore = NULL WHERE id = ANY($1::bigint[])`,
        [ids, status],
      );
      this.metrics.esiti(this.ente.codice, 'consegnati', rows.length);
      return rows.length;
    }
    const is4xx = status !== undefined && status >= 400 && status < 500;
    // Every row of the batch shares the answer; its next attempt follows its own count of attempts.
    const tentativi = rows[0]!.tentativi;
    const delayMs = backoffMs(tentativi, this.s.retryBaseMs, this.s.retryMaxMs);
    const { rows: after } = await this.pool.query<{ stato: string }>(
      `UPDATE siuss_ingest_esito
          SET rifiuti_4xx = rifiuti_4xx + $2::int,
              stato = CASE WHEN rifiuti_4xx + $2::int >= $3 THEN 'SOSPESO' ELSE 'IN_ATTESA' END,
              prossimo_tentativo_at = now() + make_interval(secs => $4::double precision / 1000),
              ultimo_status = $5, ultimo_errore = $6
        WHERE id = ANY($1::bigint[])
        RETURNING stato`,
      [ids, is4xx ? 1 : 0, this.s.max4xx, delayMs, status ?? null, errore],
    );
    const sospesi = after.filter((r) => r.stato === 'SOSPESO').length;
    this.metrics.esiti(this.ente.codice, is4xx ? 'rifiutati' : 'errore', rows.length);
    this.metrics.esiti(this.ente.codice, 'sospesi', sospesi);
    this.logger.warn(
      { ente: this.ente.codice, esiti: rows.length, status, reason: errore, retryInMs: delayMs, sospesi },
      sospesi ? 'outcomes refused too many times: parked for an operator' : 'outcomes not delivered; retrying with backoff',
    );
    return 0;
  }

}
