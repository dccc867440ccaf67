import type { PoolClient } from 'pg';
import { applyGepi, chiaviCaso, emptyCaso, projectCaso, type CasoGepi, type CasoVista, type ChiaviCaso } from '@fsl/cartella-sociale';
import type { Entita } from '@fsl/gepi';
import type { IncomingGepi } from './gepi-events';
import { countDecision, type RecordChunkOutcome } from './record-source';
import { changes, lockAndLoad, raiseDossierVersions, writeBack, type StateTable } from './state-rows';

// The GePI case projection: one row per case id (its CasoGepi state), never copied into the members'
// rows. A chunk locks the cases it touches (state-rows.ts), folds its records in offset order with
// applyGepi, writes the changed states back set-based with the application id and the ente in charge, and
// rewrites the ownership rows (gepi_caso_ente, gepi_caso_cittadino) of the cases whose chiaviCaso changed,
// so that "the cases of an ente / of an application / of a citizen" are each one indexed query.

export interface GepiChunkOutcome extends RecordChunkOutcome<Entita> {
  /** Cases whose state changed. */
  casi: number;
  /** Citizens whose dossier version moved. */
  citizens: number;
}

// A changed state is projected for its members after each record, and again for its derived columns and
// ownership rows: once per state object is enough.
const views = new WeakMap<CasoGepi, CasoVista>();
function vistaOf(state: CasoGepi): CasoVista {
  let v = views.get(state);
  if (v === undefined) views.set(state, (v = projectCaso(state)));
  return v;
}
const chiaviOf = (state: CasoGepi): ChiaviCaso => chiaviCaso(vistaOf(state));

export const GEPI_CASO: StateTable<CasoGepi> = {
  name: 'gepi_caso',
  keyColumn: 'caso_id',
  valueColumn: 'state',
  empty: emptyCaso,
  derived: {
    domanda_id: (state) => chiaviOf(state).domandaId ?? null,
    // The ente managing the case today, as the fold names it (the last period of the ente history): the
    // api's scope check reads the same projection, so the column and the view never disagree.
    ente_corrente: (state) => vistaOf(state).caso?.enteCorrente?.codice ?? null,
    // What an ente's list of its cases filters and pages on (the api's "Ricerca casi PaIS dell'ente").
    stato: (state) => vistaOf(state).caso?.stato ?? null,
    data_apertura: { type: 'date', of: (state) => vistaOf(state).caso?.dataApertura ?? null },
  },
};

/** Everyone who belonged to the household at any time: a member who left keeps the link for their period. */
const linkedCitizens = (state: CasoGepi): string[] => chiaviOf(state).cittadini.map((c) => c.codiceFiscale);

const END_OF_TIME = '9999-12-31';
/**
 * One row per primary key. Two household records of a case (different ids) may list the same person from
 * the same day: the row keeps the longer period (an open one over any end), so the rewrite never fails on
 * the key and never depends on which record came first.
 */
function onePerKey<T extends { dal: string; al?: string }>(rows: readonly T[], key: (r: T) => string): T[] {
  const kept = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const known = kept.get(k);
    if (known === undefined || (known.al ?? END_OF_TIME) < (r.al ?? END_OF_TIME)) kept.set(k, r);
  }
  return [...kept.values()];
}

/** The ownership rows of the changed cases, replaced set-based (their cases are locked by this chunk). */
async function rewriteOwnership(client: PoolClient, rows: ReadonlyArray<readonly [string, CasoGepi]>): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map(([id]) => id);
  const enti = rows.flatMap(([id, s]) => onePerKey(chiaviOf(s).enti, (e) => `${e.codice}|${e.dal}`).map((e) => ({ id, ...e })));
  const cittadini = rows.flatMap(([id, s]) => onePerKey(chiaviOf(s).cittadini, (c) => `${c.codiceFiscale}|${c.dal}`).map((c) => ({ id, ...c })));
  await client.query('DELETE FROM gepi_caso_ente WHERE caso_id = ANY($1::text[])', [ids]);
  await client.query('DELETE FROM gepi_caso_cittadino WHERE caso_id = ANY($1::text[])', [ids]);
  if (enti.length > 0) {
    await client.query(
      `INSERT INTO gepi_caso_ente (caso_id, ente_codice, tipo_ente, dal, al)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[])`,
      [enti.map((e) => e.id), enti.map((e) => e.codice), enti.map((e) => e.tipo), enti.map((e) => e.dal), enti.map((e) => e.al ?? null)],
    );
  }
  if (cittadini.length > 0) {
    await client.query(
      `INSERT INTO gepi_caso_cittadino (caso_id, codice_fiscale, dal, al)
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::date[])`,
      [cittadini.map((c) => c.id), cittadini.map((c) => c.codiceFiscale), cittadini.map((c) => c.dal), cittadini.map((c) => c.al ?? null)],
    );
  }
}

export async function applyGepiChunk(client: PoolClient, items: readonly IncomingGepi[]): Promise<GepiChunkOutcome> {
  const outcome: GepiChunkOutcome = { decisions: new Map(), conflicts: [], casi: 0, citizens: 0 };
  if (items.length === 0) return outcome;
  const loaded = await lockAndLoad(client, GEPI_CASO, [...new Set(items.map((i) => i.casoId))].sort());
  const states = new Map(loaded);

  const changed = new Set<string>();
  const delta = new Map<string, number>();
  for (const item of items) {
    const before = states.get(item.casoId) ?? emptyCaso(item.casoId);
    const { state, decision } = applyGepi(before, item.entita, item.record as never, item.contentHash);
    countDecision(outcome, item.entita, item.record, decision);
    if (!changes(decision, before, state)) continue;
    states.set(item.casoId, state);
    changed.add(item.casoId);
    // Everyone linked to the case before or after this record sees it change: +1 each, per record, so a
    // member who joins or leaves is told as well as those who stay.
    for (const cf of new Set([...linkedCitizens(before), ...linkedCitizens(state)])) delta.set(cf, (delta.get(cf) ?? 0) + 1);
  }

  const rows = [...changed].sort().map((id) => [id, states.get(id) as CasoGepi] as const);
  if (rows.length > 0) {
    await writeBack(client, GEPI_CASO, rows);
    // Most records (documents, équipes, PUC) leave the keys as they were: only the cases whose application,
    // ente history or household changed have their ownership rows rewritten.
    const keysOf = (state: CasoGepi | undefined) => (state === undefined ? undefined : JSON.stringify(chiaviOf(state)));
    await rewriteOwnership(client, rows.filter(([id, state]) => keysOf(loaded.get(id)) !== keysOf(state)));
  }
  // A GePI-only citizen gets their dossier row here.
  outcome.casi = rows.length;
  outcome.citizens = await raiseDossierVersions(client, delta);
  return outcome;
}
