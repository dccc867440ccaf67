import type { Pool } from 'pg';
import { maskCodiciFiscali } from '@fsl/logging';
import type { CodiceEsito, ProblemaFlusso } from './flussi';

// What operators read about each municipality, from the gateway's own tables: the poll state and cursor,
// FSL's record of every flow's outcome, and the outcome outbox. Nothing here holds a value of a flow.

export type StatoEsito = 'IN_ATTESA' | 'CONSEGNATO' | 'SOSPESO';
export const STATI_ESITO: readonly StatoEsito[] = ['IN_ATTESA', 'CONSEGNATO', 'SOSPESO'];

export interface StatoEnte {
  codice: string;
  cursore: number;
  cursoreAggiornatoAt: Date | null;
  ultimoPollAt: Date | null;
  ultimoPollOkAt: Date | null;
  fallimentiConsecutivi: number;
  backoffFinoAl: Date | null;
  ultimoErrore: string | null;
  bloccatoTs: number | null;
  bloccatoDal: Date | null;
  flussi: Record<CodiceEsito, number>;
  esiti: Record<StatoEsito, number>;
}

export interface FlussoRegistrato {
  idFlusso: string;
  tsFlusso: number;
  tipo: string | null;
  esito: CodiceEsito;
  idAcquisizione: string | null;
  problemi: ProblemaFlusso[];
  avvisi: ProblemaFlusso[];
  acquisitoAt: Date;
  invio: { stato: StatoEsito; tentativi: number; ultimoStatus: number | null; consegnatoAt: Date | null } | null;
}

export interface EsitoInCoda {
  idFlusso: string;
  tsFlusso: number;
  codiceEsito: string;
  stato: StatoEsito;
  tentativi: number;
  rifiuti4xx: number;
  ultimoStatus: number | null;
  ultimoErrore: string | null;
  prossimoTentativoAt: Date;
  consegnatoAt: Date | null;
}

const zeroFlussi = (): Record<CodiceEsito, number> => ({ OK: 0, RICHIESTA_INVALIDA: 0, DATI_NON_TROVATI: 0, ERRORE_GENERICO: 0 });
const zeroEsiti = (): Record<StatoEsito, number> => ({ IN_ATTESA: 0, CONSEGNATO: 0, SOSPESO: 0 });
// An id that is not a valid id_flusso was stored as served: shown masked, like everything that leaves the gateway.
const idVisibile = (id: string) => maskCodiciFiscali(id);

export class EntiStore {
  constructor(private readonly pool: Pool) {}

  /** The state of the given e-services (one row each, also before their first poll). */
  async stati(codici: readonly string[]): Promise<Map<string, StatoEnte>> {
    const [enti, flussi, esiti] = await Promise.all([
      this.pool.query<Record<string, unknown>>(
        `SELECT c.codice, e.cursore, e.cursore_aggiornato_at, e.ultimo_poll_at, e.ultimo_poll_ok_at, e.fallimenti_consecutivi,
                e.backoff_fino_al, e.ultimo_errore, e.bloccato_ts, e.bloccato_dal
           FROM unnest($1::text[]) AS c(codice) LEFT JOIN siuss_ingest_ente e ON e.codice_ente = c.codice`,
        [codici],
      ),
      this.pool.query<{ codice_ente: string; esito: CodiceEsito; n: string }>(
        `SELECT codice_ente, esito, count(*) AS n FROM siuss_ingest_flusso WHERE codice_ente = ANY($1::text[]) GROUP BY codice_ente, esito`,
        [codici],
      ),
      this.pool.query<{ codice_ente: string; stato: StatoEsito; n: string }>(
        `SELECT codice_ente, stato, count(*) AS n FROM siuss_ingest_esito WHERE codice_ente = ANY($1::text[]) GROUP BY codice_ente, stato`,
        [codici],
      ),
    ]);
    const out = new Map<string, StatoEnte>();
    for (const r of enti.rows) {
      const codice = r.codice as string;
      out.set(codice, {
        codice,
        cursore: Number(r.cursore ?? 0),
        cursoreAggiornatoAt: (r.cursore_aggiornato_at as Date | null) ?? null,
        ultimoPollAt: (r.ultimo_poll_at as Date | null) ?? null,
        ultimoPollOkAt: (r.ultimo_poll_ok_at as Date | null) ?? null,
        fallimentiConsecutivi: Number(r.fallimenti_consecutivi ?? 0),
        backoffFinoAl: (r.backoff_fino_al as Date | null) ?? null,
        ultimoErrore: (r.ultimo_errore as string | null) ?? null,
        bloccatoTs: r.bloccato_ts === null || r.bloccato_ts === undefined ? null : Number(r.bloccato_ts),
        bloccatoDal: (r.bloccato_dal as Date | null) ?? null,
        flussi: zeroFlussi(),
        esiti: zeroEsiti(),
      });
    }
    for (const r of flussi.rows) out.get(r.codice_ente)!.flussi[r.esito] = Number(r.n);
    for (const r of esiti.rows) out.get(r.codice_ente)!.esiti[r.stato] = Number(r.n);
    return out;
  }

  /** FSL's record of the flows of one e-service, latest acquired first, with the delivery of their outcome. */
  async flussi(codice: string, o: { esito?: CodiceEsito; limite: number }): Promise<FlussoRegistrato[]> {
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT f.id_flusso, f.ts_flusso, f.tipo, f.esito, f.id_acquisizione, f.problemi, f.avvisi, f.acquisito_at,
              o.stato AS invio_stato, o.tentativi, o.ultimo_status, o.consegnato_at
         FROM siuss_ingest_flusso f
         LEFT JOIN siuss_ingest_esito o USING (codice_ente, id_flusso, ts_flusso)
        WHERE f.codice_ente = $1 AND ($2::text IS NULL OR f.esito = $2)
        ORDER BY f.acquisito_at DESC, f.id_flusso DESC
        LIMIT $3`,
      [codice, o.esito ?? null, o.limite],
    );
    return rows.map((r) => ({
      idFlusso: idVisibile(r.id_flusso as string),
      tsFlusso: Number(r.ts_flusso),
      tipo: (r.tipo as string | null) ?? null,
      esito: r.esito as CodiceEsito,
      idAcquisizione: (r.id_acquisizione as string | null) ?? null,
      problemi: r.problemi as ProblemaFlusso[],
      avvisi: r.avvisi as ProblemaFlusso[],
      acquisitoAt: r.acquisito_at as Date,
      invio: r.invio_stato
        ? { stato: r.invio_stato as StatoEsito, tentativi: Number(r.tentativi), ultimoStatus: r.ultimo_status === null ? null : Number(r.ultimo_status), consegnatoAt: (r.consegnato_at as Date | null) ?? null }
        : null,
    }));
  }

  /** The outcome outbox of one e-service, oldest first. */
  async esiti(codice: string, o: { stato?: StatoEsito; limite: number }): Promise<EsitoInCoda[]> {
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT id_flusso, ts_flusso, esito->>'codice_esito' AS codice_esito, stato, tentativi, rifiuti_4xx, ultimo_status, ultimo_errore,
              prossimo_tentativo_at, consegnato_at
         FROM siuss_ingest_esito WHERE codice_ente = $1 AND ($2::text IS NULL OR stato = $2)
        ORDER BY id LIMIT $3`,
      [codice, o.stato ?? null, o.limite],
    );
    return rows.map((r) => ({
      idFlusso: idVisibile(r.id_flusso as string),
      tsFlusso: Number(r.ts_flusso),
      codiceEsito: r.codice_esito as string,
      stato: r.stato as StatoEsito,
      tentativi: Number(r.tentativi),
      rifiuti4xx: Number(r.rifiuti_4xx),
      ultimoStatus: r.ultimo_status === null ? null : Number(r.ultimo_status),
      ultimoErrore: (r.ultimo_errore as string | null) ?? null,
      prossimoTentativoAt: r.prossimo_tentativo_at as Date,
      consegnatoAt: (r.consegnato_at as Date | null) ?? null,
    }));
  }

  /** Parked outcomes back in the queue, due now, with their count of 4xx reset: an operator's decision. */
  async riaccoda(codice: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE siuss_ingest_esito SET stato = 'IN_ATTESA', rifiuti_4xx = 0, prossimo_tentativo_at = now() WHERE codice_ente = $1 AND stato = 'SOSPESO'`,
      [codice],
    );
    return rowCount ?? 0;
  }
}
