import type { PoolClient } from 'pg';
import type { ComunicazioneV1, EventHeader } from '@fsl/schemas';

// The CO → cartella lavorativa projection of the backbone: every comunicazione stored once by its
// codice (a re-sent CO changes nothing), and the worker's dossier version raised by the number of
// comunicazioni that were new. One statement per chunk, set-based.

export interface CoEvent {
  header: EventHeader;
  payload: ComunicazioneV1 | null;
}

export function toColumns(events: CoEvent[]) {
  const cols = {
    codice: [] as string[],
    worker: [] as string[],
    employer: [] as string[],
    eventId: [] as string[],
    sourceVersion: [] as string[],
    tipo: [] as string[],
    evento: [] as string[],
    inizio: [] as string[],
    fine: [] as (string | null)[],
    payload: [] as string[],
    occurredAt: [] as string[],
  };
  for (const { header, payload } of events) {
    if (!payload) continue;
    cols.codice.push(payload.codiceComunicazione);
    cols.worker.push(payload.lavoratore.codiceFiscale);
    cols.employer.push(payload.datore.codiceFiscale);
    cols.eventId.push(header.eventId);
    cols.sourceVersion.push(String(header.sourceVersion));
    cols.tipo.push(payload.tipoComunicazione);
    cols.evento.push(payload.evento);
    cols.inizio.push(payload.rapporto.dataInizio);
    cols.fine.push(payload.rapporto.dataFine);
    cols.payload.push(JSON.stringify(payload));
    cols.occurredAt.push(new Date(header.occurredAt).toISOString());
  }
  return cols;
}

const UPSERT = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[],
                       $8::date[], $9::date[], $10::jsonb[], $11::timestamptz[])
    AS t(codice, worker, employer, event_id, source_version, tipo, evento, inizio, fine, payload, occurred_at)
), inserted AS (
  INSERT INTO co_comunicazione (codice_comunicazione, worker_cf, employer_cf, event_id, source_version,
                                tipo_comunicazione, evento, data_inizio, data_fine, payload, occurred_at)
  SELECT codice, worker, employer, event_id, source_version, tipo, evento, inizio, fine, payload, occurred_at FROM input
  ON CONFLICT (codice_comunicazione) DO NOTHING
  RETURNING worker_cf
)
INSERT INTO dossier (codice_fiscale, version)
SELECT worker_cf, count(*) FROM inserted GROUP BY worker_cf
ON CONFLICT (codice_fiscale) DO UPDATE SET version = dossier.version + EXCLUDED.version, updated_at = now()`;

export async function applyCoEvents(client: PoolClient, events: CoEvent[]): Promise<void> {
  const c = toColumns(events);
  if (c.codice.length === 0) return;
  await client.query(UPSERT, [c.codice, c.worker, c.employer, c.eventId, c.sourceVersion, c.tipo, c.evento, c.inizio, c.fine, c.payload, c.occurredAt]);
}
