import type { PoolClient } from 'pg';
import { chiavePrestazione, chiavePrestazioneTesto, operazioneDi } from '@fsl/siuss';
import type { IncomingPrestazione, IncomingSinba } from './siuss-events';
import { raiseDossierVersions } from './state-rows';

// The municipalities' benefits in the cartella sociale (siuss_prestazione) and the SINBA cases kept apart
// (siuss_sinba). Set-based: a chunk is reduced in memory to one row per key, then written with one
// INSERT … SELECT FROM unnest … ON CONFLICT. Order-independent by construction: each row keeps the latest
// insert and the latest cancellation by (ts_flusso, id_flusso), whatever order they arrive in, and the
// table derives whether the benefit is void (migration SiussProjections).

export interface SiussChunkOutcome {
  /** Benefit rows whose insert or cancellation moved. */
  prestazioni: number;
  /** Flows that changed nothing (re-polled, or older than what is stored). */
  invariate: number;
  citizens: number;
}

export interface SinbaChunkOutcome {
  casi: number;
  invariate: number;
}

/** (ts, id) pairs compared as the SQL row comparison does. */
const later = (a: { ts: number; id: string }, b: { ts: number; id: string } | undefined) => b === undefined || a.ts > b.ts || (a.ts === b.ts && a.id > b.id);

interface Row {
  chiave: string;
  cf: string;
  ente: string;
  codice: string;
  dataInizio: string;
  insert?: { ts: number; id: string; json: string };
  cancel?: { ts: number; id: string };
}

export async function applyPrestazioniChunk(client: PoolClient, items: readonly IncomingPrestazione[]): Promise<SiussChunkOutcome> {
  const outcome: SiussChunkOutcome = { prestazioni: 0, invariate: 0, citizens: 0 };
  if (items.length === 0) return outcome;
  const rows = new Map<string, Row>();
  for (const { prestazione: p } of items) {
    const k = chiavePrestazione(p);
    const chiave = chiavePrestazioneTesto(k);
    const row = rows.get(chiave) ?? { chiave, cf: k.codiceFiscale, ente: k.codiceEnte, codice: k.codicePrestazione, dataInizio: k.dataInizio };
    const at = { ts: p.intestazione.tsFlussoMillis, id: p.intestazione.idFlusso };
    if (operazioneDi(p) === 'CANCELLAZIONE') {
      if (later(at, row.cancel)) row.cancel = at;
    } else if (later(at, row.insert)) row.insert = { ...at, json: JSON.stringify(p) };
    rows.set(chiave, row);
  }
  // Sorted by key: chunks of different partitions lock rows in one order.
  const list = [...rows.values()].sort((a, b) => (a.chiave < b.chiave ? -1 : 1));
  const col = <T>(f: (r: Row) => T) => list.map(f);
  const { rows: changed } = await client.query<{ codice_fiscale: string }>(
    `INSERT INTO siuss_prestazione AS t (chiave, codice_fiscale, codice_ente, codice_prestazione, data_inizio, prestazione, inserita_ts, inserita_id_flusso, annullata_ts, annullata_id_flusso)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::jsonb[], $7::bigint[], $8::text[], $9::bigint[], $10::text[])
     ON CONFLICT (chiave) DO UPDATE SET
       prestazione = CASE WHEN (EXCLUDED.inserita_ts, EXCLUDED.inserita_id_flusso) > (coalesce(t.inserita_ts, -1), coalesce(t.inserita_id_flusso, '')) THEN EXCLUDED.prestazione ELSE t.prestazione END,
       inserita_id_flusso = CASE WHEN (EXCLUDED.inserita_ts, EXCLUDED.inserita_id_flusso) > (coalesce(t.inserita_ts, -1), coalesce(t.inserita_id_flusso, '')) THEN EXCLUDED.inserita_id_flusso ELSE t.inserita_id_flusso END,
       inserita_ts = CASE WHEN (EXCLUDED.inserita_ts, EXCLUDED.inserita_id_flusso) > (coalesce(t.inserita_ts, -1), coalesce(t.inserita_id_flusso, '')) THEN EXCLUDED.inserita_ts ELSE t.inserita_ts END,
       annullata_id_flusso = CASE WHEN (EXCLUDED.annullata_ts, EXCLUDED.annullata_id_flusso) > (coalesce(t.annullata_ts, -1), coalesce(t.annullata_id_flusso, '')) THEN EXCLUDED.annullata_id_flusso ELSE t.annullata_id_flusso END,
       annullata_ts = CASE WHEN (EXCLUDED.annullata_ts, EXCLUDED.annullata_id_flusso) > (coalesce(t.annullata_ts, -1), coalesce(t.annullata_id_flusso, '')) THEN EXCLUDED.annullata_ts ELSE t.annullata_ts END,
       updated_at = now()
     -- Nothing newer: the row is left alone (and not returned, so no dossier version moves).
     WHERE (EXCLUDED.inserita_ts, EXCLUDED.inserita_id_flusso) > (coalesce(t.inserita_ts, -1), coalesce(t.inserita_id_flusso, ''))
        OR (EXCLUDED.annullata_ts, EXCLUDED.annullata_id_flusso) > (coalesce(t.annullata_ts, -1), coalesce(t.annullata_id_flusso, ''))
     RETURNING t.codice_fiscale`,
    [
      col((r) => r.chiave),
      col((r) => r.cf),
      col((r) => r.ente),
      col((r) => r.codice),
      col((r) => r.dataInizio),
      col((r) => r.insert?.json ?? null),
      col((r) => r.insert?.ts ?? null),
      col((r) => r.insert?.id ?? null),
      col((r) => r.cancel?.ts ?? null),
      col((r) => r.cancel?.id ?? null),
    ],
  );
  const delta = new Map<string, number>();
  for (const { codice_fiscale: cf } of changed) delta.set(cf, (delta.get(cf) ?? 0) + 1);
  outcome.prestazioni = changed.length;
  outcome.invariate = items.length - changed.length;
  outcome.citizens = await raiseDossierVersions(client, delta);
  return outcome;
}

export async function applySinbaChunk(client: PoolClient, items: readonly IncomingSinba[]): Promise<SinbaChunkOutcome> {
  if (items.length === 0) return { casi: 0, invariate: 0 };
  const latest = new Map<string, { ente: string; idb: string; ts: number; id: string; json: string }>();
  for (const { sinba: s } of items) {
    const k = JSON.stringify([s.intestazione.codiceEnte, s.sinba.idBeneficiario]);
    const at = { ts: s.intestazione.tsFlussoMillis, id: s.intestazione.idFlusso };
    if (later(at, latest.get(k))) latest.set(k, { ente: s.intestazione.codiceEnte, idb: s.sinba.idBeneficiario, ...at, json: JSON.stringify(s) });
  }
  const list = [...latest.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  const { rowCount } = await client.query(
    `INSERT INTO siuss_sinba AS t (codice_ente, id_beneficiario, presa_in_carico, ts, id_flusso)
     SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::bigint[], $5::text[])
     ON CONFLICT (codice_ente, id_beneficiario) DO UPDATE SET presa_in_carico = EXCLUDED.presa_in_carico, ts = EXCLUDED.ts, id_flusso = EXCLUDED.id_flusso, updated_at = now()
     WHERE (EXCLUDED.ts, EXCLUDED.id_flusso) > (t.ts, t.id_flusso)`,
    [list.map((r) => r.ente), list.map((r) => r.idb), list.map((r) => r.json), list.map((r) => r.ts), list.map((r) => r.id)],
  );
  // SINBA has no codice fiscale: no dossier version moves.
  return { casi: rowCount ?? 0, invariate: items.length - (rowCount ?? 0) };
}
