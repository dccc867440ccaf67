import type { PoolClient } from 'pg';
import { adoptFact, applyCo, emptyState, reviewState, type StateReview, type WorkerState } from '@fsl/cartella-lavorativa';
import type { CoForWorker } from './co-events';
import { planChains, type ChainPlan } from './correction-chains';

// The cartella lavorativa projection: lock the chunk's correction chains and route them (a chain that
// names several workers goes to each), load the states of the workers a chunk touches (locked), fold
// the chunk's COs in offset order, write back every changed state and its refused COs set-based, and
// raise each worker's dossier version by the number of COs that changed what the cartella serves.

export interface IncomingCo extends CoForWorker {
  /** Kafka timestamp of the message, ISO: ages parked corrections, stable across replays. */
  receivedAt: string;
}

export interface ChunkOutcome {
  applied: number;
  duplicates: number;
  conflicts: number;
  /** Applied to the state (kept for later COs) without changing what the cartella serves: refused, parked, … */
  withoutEffect: number;
  workers: number;
}

interface Loaded {
  state: WorkerState;
  effect: string | null;
}

async function loadStates(client: PoolClient, cfs: string[]): Promise<Map<string, Loaded>> {
  const { rows } = await client.query<{ codice_fiscale: string; state: WorkerState; effect: string | null }>(
    // ORDER BY: lock rows in one global order so two chunks never deadlock on each other.
    'SELECT codice_fiscale, state, effect FROM cartella_lavorativa WHERE codice_fiscale = ANY($1::text[]) ORDER BY codice_fiscale FOR UPDATE',
    [cfs],
  );
  return new Map(rows.map((r) => [r.codice_fiscale, { state: r.state, effect: r.effect }]));
}

// The states travel as ONE json array, not as a jsonb[] parameter: a text array literal of ~1,000
// multi-kilobyte documents is escaped element by element by the driver and parsed by array_in on the
// server, which cost ~10x the rest of the statement (bench/README.md, "Profiles and fixes"). ROWS FROM
// zips the array elements with the other columns by position.
const UPSERT_STATES = `
WITH input AS (
  SELECT t.cf, t.state::jsonb AS state, t.version, t.pending_since, t.effect, t.delta
  FROM ROWS FROM (unnest($1::text[]), json_array_elements($2::json), unnest($3::bigint[]), unnest($4::timestamptz[]), unnest($5::text[]), unnest($6::bigint[]))
    AS t(cf, state, version, pending_since, effect, delta)
), written AS (
  INSERT INTO cartella_lavorativa (codice_fiscale, state, version, pending_since, effect)
  SELECT cf, state, version, pending_since, effect FROM input
  ON CONFLICT (codice_fiscale) DO UPDATE
    SET state = EXCLUDED.state, version = EXCLUDED.version, pending_since = EXCLUDED.pending_since, effect = EXCLUDED.effect, updated_at = now()
  RETURNING codice_fiscale
)
INSERT INTO dossier (codice_fiscale, version)
SELECT cf, delta FROM input WHERE delta > 0
ON CONFLICT (codice_fiscale) DO UPDATE SET version = dossier.version + EXCLUDED.version, updated_at = now()`;

const INSERT_REFUSED = `
INSERT INTO co_rifiutata (codice_fiscale, codice_comunicazione, codice_precedente, tipo_comunicazione, modello, tipo_evento, motivo, ricevuta_il)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])`;

/** One CO for one worker's state: the CO itself, or (a chain member held elsewhere) the stored fact. */
type Delivery = { cf: string; codice: string; item: IncomingCo; chain: boolean } | { cf: string; codice: string; from: string };

/**
 * Each CO goes to its addressee. A chain that reaches several workers (a rettifica moving a CO to
 * another worker) goes whole to each of them: its COs in this chunk as they came, the ones already
 * stored copied from a state that holds them.
 */
function route(items: readonly IncomingCo[], plan: ChainPlan): Delivery[] {
  const deliveries: Delivery[] = items.map((item) => ({ cf: item.workerCf, codice: item.co.datiInvio.codiceComunicazione, item, chain: false }));
  const inChunk = new Map<string, IncomingCo[]>();
  for (const item of items) {
    const codice = item.co.datiInvio.codiceComunicazione;
    inChunk.set(codice, [...(inChunk.get(codice) ?? []), item]);
  }
  for (const [codice, workers] of plan.workersOf) {
    const chunkItems = inChunk.get(codice);
    const holders = plan.holders.get(codice) ?? [];
    for (const cf of workers) {
      if (chunkItems) {
        if (!chunkItems.some((i) => i.workerCf === cf)) deliveries.push({ cf, codice, item: chunkItems[0], chain: true });
      } else if (holders.length > 0 && !holders.includes(cf)) deliveries.push({ cf, codice, from: holders[0] });
    }
  }
  return deliveries;
}

export async function applyCartellaLavorativa(client: PoolClient, items: IncomingCo[]): Promise<ChunkOutcome> {
  const outcome: ChunkOutcome = { applied: 0, duplicates: 0, conflicts: 0, withoutEffect: 0, workers: 0 };
  if (items.length === 0) return outcome;
  const plan = await planChains(
    client,
    items.map((i) => ({ codice: i.co.datiInvio.codiceComunicazione, precedente: i.co.datiInvio.codiceComunicazionePrecedente, workerCf: i.workerCf })),
  );
  const deliveries = route(items, plan);
  const cfs = [...new Set(deliveries.flatMap((d) => ('from' in d ? [d.cf, d.from] : [d.cf])))].sort();
  const loaded = await loadStates(client, cfs);
  const original = new Map([...loaded].map(([cf, l]) => [cf, l.state]));
  const states = new Map([...loaded].map(([cf, l]) => [cf, l.state]));
  // The effect before this chunk, then after each CO that changed the state: the dossier version moves
  // by the number of COs that changed what the cartella serves.
  const effects = new Map<string, string>();
  const reviews = new Map<string, StateReview>();
  const delta = new Map<string, number>();
  const effectOf = (cf: string): string => {
    let e = effects.get(cf) ?? loaded.get(cf)?.effect ?? undefined;
    if (e === undefined) e = reviewState(states.get(cf) ?? emptyState(cf)).effect;
    effects.set(cf, e);
    return e;
  };
  const index: { codice: string; cf: string }[] = [];
  for (const d of deliveries) {
    const current = states.get(d.cf) ?? emptyState(d.cf);
    let r: ReturnType<typeof applyCo>;
    if ('from' in d) {
      const stored = states.get(d.from)?.cos[d.codice];
      if (!stored) continue;
      r = adoptFact(current, stored);
    } else r = applyCo(current, d.item.co, { receivedAt: d.item.receivedAt, contentHash: d.item.contentHash, chain: d.chain });
    if (r.outcome === 'not-for-worker') continue;
    index.push({ codice: d.codice, cf: d.cf });
    if (r.outcome === 'duplicate') {
      outcome.duplicates += 1;
      continue;
    }
    if (r.outcome === 'applied') outcome.applied += 1;
    else outcome.conflicts += 1;
    const before = effectOf(d.cf);
    const review = reviewState(r.state);
    reviews.set(d.cf, review);
    effects.set(d.cf, review.effect);
    if (review.effect !== before) delta.set(d.cf, (delta.get(d.cf) ?? 0) + 1);
    else outcome.withoutEffect += 1;
    states.set(d.cf, r.state);
  }
  // Sorted: the dossier rows are locked in this order, the same one the SIISL writer uses, so a CO chunk
  // and a SIISL chunk of the same citizens never wait for each other in a cycle.
  const changed = [...states].filter(([cf, s]) => s !== original.get(cf)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  outcome.workers = changed.length;
  if (changed.length > 0) {
    const changedCfs = changed.map(([cf]) => cf);
    await client.query(UPSERT_STATES, [
      changedCfs,
      JSON.stringify(changed.map(([, s]) => s)),
      changed.map(([, s]) => s.version),
      changedCfs.map((cf) => reviews.get(cf)?.pendingSince ?? null),
      changedCfs.map((cf) => effects.get(cf) ?? null),
      changedCfs.map((cf) => delta.get(cf) ?? 0),
    ]);
    await writeRefused(client, changedCfs, reviews);
  }
  if (index.length > 0) {
    await client.query(
      'INSERT INTO co_codice_index (codice_comunicazione, worker_cf) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
      [index.map((i) => i.codice), index.map((i) => i.cf)],
    );
  }
  return outcome;
}

/** The refused COs of every changed state replace what was listed for that worker. */
async function writeRefused(client: PoolClient, cfs: string[], reviews: Map<string, StateReview>): Promise<void> {
  await client.query('DELETE FROM co_rifiutata WHERE codice_fiscale = ANY($1::text[])', [cfs]);
  const rows = cfs.flatMap((cf) => (reviews.get(cf)?.rifiutate ?? []).map((r) => ({ cf, ...r })));
  if (rows.length === 0) return;
  await client.query(INSERT_REFUSED, [
    rows.map((r) => r.cf),
    rows.map((r) => r.codiceComunicazione),
    rows.map((r) => r.codiceComunicazionePrecedente ?? null),
    rows.map((r) => r.tipoComunicazione),
    rows.map((r) => r.modello),
    rows.map((r) => r.tipoEvento),
    rows.map((r) => r.motivo),
    rows.map((r) => r.ricevutaIl),
  ]);
}
