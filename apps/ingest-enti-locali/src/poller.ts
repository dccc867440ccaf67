import type { Pool } from 'pg';
import type { Logger } from '@fsl/logging';
import { newCorrelationId, withCorrelationId } from '@fsl/logging';
import { PollError, type Acquisizione } from './acquisizione';
import { sinceDi } from './cursore';
import type { GatewayMetrics } from './metrics';
import { Ciclo } from './ciclo';
import type { EnteRegistrato } from './registry';
import { WaasError, type WaasClient } from './waas-client';

// The scheduler: one loop per municipality, each on its own timers, so a municipality that fails or hangs
// costs only its own loop (every call has a deadline: waas-client.ts). A poll reads pages until one is not
// full (or the cursor is stuck, or ENTI_MAX_PAGES_PER_POLL were read); a failed poll is retried after
// base·2^(n−1) (capped, with jitter) — the loop is the retry, and its state is in Postgres for operators.

export interface PollerSettings {
  limit: number;
  intervalloSecondi: number;
  maxPagine: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export interface EsitoPoll {
  pagine: number;
  nuovi: number;
  giaVisti: number;
  cursore: number;
  /** The cursor stopped on a timestamp it cannot get past. */
  bloccatoTs?: number | null;
  /** More pages wait (ENTI_MAX_PAGES_PER_POLL reached): poll again at once. */
  altro: boolean;
}

/** The wait after `n` consecutive failures: base·2^(n−1), at most max, plus up to 10 % so that enti that failed together spread out. */
export function backoffMs(n: number, base: number, max: number, random: () => number = Math.random): number {
  const raw = Math.min(max, base * 2 ** Math.min(n - 1, 30));
  return Math.round(raw * (1 + 0.1 * random()));
}

/** A code and a reason for operators: ours, never an answer's text or a value of a flow. */
function motivo(err: unknown): string {
  if (err instanceof WaasError || err instanceof PollError) return `${err.code}: ${err.message}`;
  const code = (err as { code?: string }).code;
  if (code === 'DEPENDENCY_UNAVAILABLE') return 'KAFKA_O_DATABASE: the event log or the database did not acknowledge; nothing of the page was recorded';
  return `ERRORE_INTERNO: ${(err as Error)?.name ?? 'Error'}`;
}

export class EnteLoop extends Ciclo {
  private fallimenti = 0;

  constructor(
    readonly ente: EnteRegistrato,
    private readonly client: WaasClient,
    private readonly acquisizione: Acquisizione,
    private readonly pool: Pool,
    private readonly s: PollerSettings,
    private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
  ) {
    super();
  }



  protected async loop(): Promise<void> {
    while (!this.stopped) {
      const correlationId = newCorrelationId();
      const started = Date.now();
      let wait: number;
      try {
        const r = await withCorrelationId(correlationId, () => this.poll(correlationId));
        this.fallimenti = 0;
        this.metrics.poll(this.ente.codice, 'ok', (Date.now() - started) / 1000);
        this.metrics.stato(this.ente.codice, { cursore: r.cursore, fallimenti: 0, bloccato: r.bloccatoTs !== undefined, ultimoPollOk: Date.now() });
        await this.salvaStato(null, null);
        wait = r.altro ? 0 : (this.ente.intervalloPollSecondi ?? this.s.intervalloSecondi) * 1000;
      } catch (err) {
        if (this.stopped) break;
        this.fallimenti += 1;
        wait = backoffMs(this.fallimenti, this.s.backoffBaseMs, this.s.backoffMaxMs);
        const reason = motivo(err);
        this.metrics.poll(this.ente.codice, 'errore', (Date.now() - started) / 1000);
        this.metrics.stato(this.ente.codice, { cursore: await this.acquisizione.cursore(this.ente.codice).catch(() => 0), fallimenti: this.fallimenti, bloccato: false });
        withCorrelationId(correlationId, () =>
          this.logger.warn({ ente: this.ente.codice, fallimenti: this.fallimenti, backoffMs: wait, reason }, 'poll of a municipality failed; retrying after backoff'),
        );
        await this.salvaStato(reason, new Date(Date.now() + wait));
      }
      await this.sleep(wait);
    }
  }

  private async poll(correlationId: string): Promise<EsitoPoll> {
    const ente = this.ente;
    let cursore = await this.acquisizione.cursore(ente.codice);
    const out: EsitoPoll = { pagine: 0, nuovi: 0, giaVisti: 0, cursore, altro: false };
    for (;;) {
      if (this.stopped) throw new WaasError('INTERROTTO', 'stopping');
      const entries = await this.client.flussi(sinceDi(cursore), this.s.limit, this.signal);
      const page = await this.acquisizione.pagina(ente, entries, cursore, this.s.limit, correlationId);
      out.pagine += 1;
      cursore = page.cursore;
      out.cursore = cursore;
      if (page.kind === 'concorrente') continue;
      out.nuovi += page.nuovi.length;
      out.giaVisti += page.giaVisti;
      for (const esito of ['OK', 'RICHIESTA_INVALIDA', 'DATI_NON_TROVATI', 'ERRORE_GENERICO'] as const) {
        this.metrics.flussi(ente.codice, esito, page.nuovi.filter((l) => l.esito === esito).length);
      }
      this.metrics.giaVisti(ente.codice, page.giaVisti);
      const rifiutati = page.nuovi.filter((l) => l.esito !== 'OK');
      if (rifiutati.length > 0) {
        // Codes and counts only: the ids are in the operator view and the dead letters.
        const codici = [...new Set(rifiutati.flatMap((l) => l.problemi.map((p) => p.code)))];
        this.logger.warn({ ente: ente.codice, rifiutati: rifiutati.length, codici }, 'flows refused: dead-lettered and recorded');
      }
      if (page.kind === 'bloccato') {
        out.bloccatoTs = page.bloccatoTs ?? null;
        this.logger.error(
          { ente: ente.codice, ts: page.bloccatoTs, limit: this.s.limit },
          'a full page of flows on the cursor\'s own timestamp: more flows share it than a page holds; the cursor cannot advance without skipping some (reported, not skipped)',
        );
        break;
      }
      if (page.kind === 'fine') break;
      if (out.pagine >= this.s.maxPagine) {
        out.altro = true;
        break;
      }
    }
    if (out.nuovi > 0) this.logger.info({ ente: ente.codice, pagine: out.pagine, nuovi: out.nuovi, giaVisti: out.giaVisti, cursore }, 'flows acquired');
    return out;
  }

  /** The poll state operators see; a database that is down loses this line of state, not a flow. */
  private async salvaStato(errore: string | null, backoffFinoAl: Date | null): Promise<void> {
    await this.pool
      .query(
        `UPDATE siuss_ingest_ente
            SET ultimo_poll_at = now(),
                ultimo_poll_ok_at = CASE WHEN $2::text IS NULL THEN now() ELSE ultimo_poll_ok_at END,
                fallimenti_consecutivi = $3, backoff_fino_al = $4, ultimo_errore = $2
          WHERE codice_ente = $1`,
        [this.ente.codice, errore, this.fallimenti, backoffFinoAl],
      )
      .catch((err: Error) => this.logger.warn({ ente: this.ente.codice, err: err.message }, 'poll state not saved'));
  }

}
