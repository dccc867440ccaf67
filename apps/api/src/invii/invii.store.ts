import type { PoolClient } from 'pg';
import type { Posizione } from '@fsl/ingest';

export type Fonte = 'GEPI' | 'SIISL';

/** A version the api wrote (table api_invio): who wrote it, its content's hash and where Kafka appended it. */
export interface InvioRegistrato {
  eventId: string;
  fonte: Fonte;
  /** `<entita>/<id>`, as the source's claim table names the record. */
  record: string;
  versione: number;
  contenutoHash: string;
  eservice: string;
  consumerId: string;
  posizioni: Posizione[];
}

/** The api's record of its writes, read and written inside the write's transaction. */
export const inviiStore = {
  async versione(tx: PoolClient, fonte: Fonte, record: string, versione: number): Promise<InvioRegistrato | undefined> {
    const { rows } = await tx.query<{ event_id: string; contenuto_hash: string; eservice: string; consumer_id: string; posizioni: Posizione[] }>(
      `SELECT event_id, contenuto_hash, eservice, consumer_id, posizioni FROM api_invio WHERE fonte = $1 AND record_key = $2 AND versione = $3`,
      [fonte, record, versione],
    );
    const r = rows[0];
    return r && { eventId: r.event_id, fonte, record, versione, contenutoHash: r.contenuto_hash, eservice: r.eservice, consumerId: r.consumer_id, posizioni: r.posizioni };
  },

  async registra(tx: PoolClient, i: InvioRegistrato): Promise<void> {
    await tx.query(
      `INSERT INTO api_invio (event_id, fonte, record_key, versione, contenuto_hash, eservice, consumer_id, posizioni) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [i.eventId, i.fonte, i.record, i.versione, i.contenutoHash, i.eservice, i.consumerId, JSON.stringify(i.posizioni)],
    );
  },
};
