import type { PoolClient } from 'pg';
import { applyCo, emptyState, overdueCorrections, type WorkerState } from '@fsl/cartella-lavorativa';
import type { CoForWorker } from './co-events';

// The cartella lavorativa projection: load the states of the workers a chunk touches (locked), fold
// the chunk's COs in offset order, write back every changed state in one set-based statement, and
// raise each worker's dossier version by the number of changes applied.

export interface IncomingCo extends CoForWorker {
  /** Kafka timestamp of the message, ISO: ages parked corrections, stable across replays. */
  receivedAt: string;
}

export interface ChunkOutcome {
  applied: number;
  duplicates: number;
  conflicts: number;
  workers: number;
}

async function loadStates(client: PoolClient, cfs: string[]): Promise<Map<string, WorkerState>> {
  const { rows } = await client.query<{ codice_fiscale: string; state: WorkerState }>(
    // ORDER BY: lock rows in one global order so two chunks never deadlock on each other.
    'SELECT codice_fiscale, state FROM cartella_lavorativa WHERE codice_fiscale = ANY($1::text[]) ORDER BY codice_fiscale FOR UPDATE',
    [cfs],
  );
  return new Map(rows.map((r) => [r.codice_fiscale, r.state]));
}

/** Workers (other than the addressee) whose state holds the target of a correction. */
async function correctionTargets(client: PoolClient, items: IncomingCo[]): Promise<Map<string, string[]>> {
  const targets = items
    .map((i) => i.co.datiInvio)
    .filter((d) => (d.tipoComunicazione === '03' || d.tipoComunicazione === '04') && d.codiceComunicazionePrecedente)
    .map((d) => d.codiceComunicazionePrecedente as string);
  if (targets.length === 0) return new Map();
  const { rows } = await client.query<{ codice_comunicazione: string; worker_cf: string }>(
    'SELECT codice_comunicazione, worker_cf FROM co_codice_index WHERE codice_comunicazione = ANY($1::text[])',
    [targets],
  );
  const byCodice = new Map<string, string[]>();
  for (const r of rows) byCodice.set(r.codice_comunicazione, [...(byCodice.get(r.codice_comunicazione) ?? []), r.worker_cf]);
  return byCodice;
}

// The states travel as ONE json array, not as a jsonb[] parameter: a text array literal of ~1,000
// multi-kilobyte documents is escaped element by element by the driver and parsed by array_in on the
// server, which cost ~10x the rest of the statement (bench/README.md, "Profiles and fixes"). ROWS FROM
// zips the array elements with the other columns by position.
const UPSERT_STATES = `
WITH input AS (
  SELECT t.cf, t.state::jsonb AS state, t.version, t.pending_since, t.delta
  FROM ROWS FROM (unnest($1::text[]), json_array_elements($2::json), unnest($3::bigint[]), unnest($4::timestamptz[]), unnest($5::bigint[]))
    AS t(cf, state, version, pending_since, delta)
), written AS (
  INSERT INTO cartella_lavorativa (codice_fiscale, state, version, pending_since)
  SELECT cf, state, version, pending_since FROM input
  ON CONFLICT (codice_fiscale) DO UPDATE
    SET state = EXCLUDED.state, version = EXCLUDED.version, pending_since = EXCLUDED.pending_since, updated_at = now()
  RETURNING codice_fiscale
)
INSERT INTO dossier (codice_fiscale, version)
SELECT cf, delta FROM input WHERE delta > 0
ON CONFLICT (codice_fiscale) DO UPDATE SET version = dossier.version + EXCLUDED.version, updated_at = now()`;

export async function applyCartellaLavorativa(client: PoolClient, items: IncomingCo[]): Promise<ChunkOutcome> {
  const outcome: ChunkOutcome = { applied: 0, duplicates: 0, conflicts: 0, workers: 0 };
  if (items.length === 0) return outcome;
  const extra = await correctionTargets(client, items);
  // Each item goes to its addressee, and a correction also to whoever holds its target.
  const deliveries: { cf: string; item: IncomingCo }[] = [];
  for (const item of items) {
    deliveries.push({ cf: item.workerCf, item });
    const prec = item.co.datiInvio.codiceComunicazionePrecedente;
    for (const cf of (prec && extra.get(prec)) || []) if (cf !== item.workerCf) deliveries.push({ cf, item });
  }
  const cfs = [...new Set(deliveries.map((d) => d.cf))].sort();
  const states = await loadStates(client, cfs);
  const before = new Map([...states].map(([cf, s]) => [cf, s.version]));
  const index: { codice: string; cf: string }[] = [];
  for (const { cf, item } of deliveries) {
    const current = states.get(cf) ?? emptyState(cf);
    const r = applyCo(current, item.co, { receivedAt: item.receivedAt, contentHash: item.contentHash });
    if (r.outcome === 'applied') outcome.applied += 1;
    else if (r.outcome === 'duplicate') outcome.duplicates += 1;
    else if (r.outcome === 'conflict') outcome.conflicts += 1;
    if (r.outcome !== 'not-for-worker') index.push({ codice: item.co.datiInvio.codiceComunicazione, cf });
    states.set(cf, r.state);
  }
  const changed = [...states].filter(([cf, s]) => s.version !== (before.get(cf) ?? 0));
  outcome.workers = changed.length;
  if (changed.length > 0) {
    const now = new Date();
    await client.query(UPSERT_STATES, [
      changed.map(([cf]) => cf),
      JSON.stringify(changed.map(([, s]) => s)),
      changed.map(([, s]) => s.version),
      changed.map(([, s]) => {
        const waiting = overdueCorrections(s, now, -Infinity).map((p) => p.ricevutaIl).sort();
        return waiting[0] ?? null;
      }),
      changed.map(([cf, s]) => s.version - (before.get(cf) ?? 0)),
    ]);
  }
  if (index.length > 0) {
    await client.query(
      'INSERT INTO co_codice_index (codice_comunicazione, worker_cf) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
      [index.map((i) => i.codice), index.map((i) => i.cf)],
    );
  }
  return outcome;
}
