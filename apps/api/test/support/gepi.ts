// GePI case states for the api's tests: libs/gepi's fixture records (one valid record of every entity, a
// household of four with a member who left, a case moved from a comune to an ambito), renamed to the case id
// and codici fiscali a test needs, folded with libs/cartella-sociale's own applyGepi; and the builder's writes
// of a case (gepi_caso and its two ownership tables, from chiaviCaso) as plain SQL.
import type { Pool } from 'pg';
import { applyGepi, chiaviCaso, emptyCaso, projectCaso, type CasoGepi } from '@fsl/cartella-sociale';
import { ENTITA, gepiFixtures as F, type Entita, type RecordOf } from '@fsl/gepi';

export type Membro = 'richiedente' | 'figlio' | 'neonata' | 'coniuge';
const FIXTURE_CF: Record<Membro, string> = { richiedente: F.RICHIEDENTE_CF, figlio: F.FIGLIO_CF, neonata: F.NEONATA_CF, coniuge: F.CONIUGE_CF };

export interface CasoSpec {
  casoId: string;
  /** The codice fiscale each fixture member gets (a member not named keeps the fixture's). */
  cf?: Partial<Record<Membro, string>>;
  /** The ente history instead of the fixture's (comune F205, then ambito LOM_23 from 2024-09-01). */
  enti?: Array<{ tipo: 'COMUNE' | 'ATS'; codice: string; dal: string; al?: string }>;
  /** Entities to fold (default: all); `caso` left out gives a case whose case record has not arrived. */
  entita?: readonly Entita[];
  /**
   * Fresh ids for the fixture's other records (and its application id), when they go through the ingest: its
   * claim table is shared between runs, so a record id is taken for good.
   */
  ids?: Partial<Record<Exclude<Entita, 'caso'> | 'domanda', string>>;
  /** Changes to records after renaming, by entity. */
  cambia?: { [E in Entita]?: (r: RecordOf[E]) => RecordOf[E] };
}

/** A fixture record of the case, renamed: every fixture id of the case and every member's CF replaced. */
export function recordDi<E extends Entita>(spec: CasoSpec, entita: E): RecordOf[E] {
  let text = JSON.stringify(F.valid(entita));
  text = text.split(F.CASO_ID).join(spec.casoId);
  for (const [which, id] of Object.entries(spec.ids ?? {})) text = text.split(which === 'domanda' ? F.DOMANDA_ID : F.valid(which as Entita).id).join(id);
  for (const [m, cf] of Object.entries(spec.cf ?? {})) text = text.split(FIXTURE_CF[m as Membro]).join(cf);
  let r = JSON.parse(text) as RecordOf[E];
  if (entita === 'caso' && spec.enti) r = { ...r, dati: { ...(r as Extract<RecordOf['caso'], { dati: unknown }>).dati, enti: spec.enti } } as RecordOf[E];
  const change = spec.cambia?.[entita] as ((x: RecordOf[E]) => RecordOf[E]) | undefined;
  return change ? change(r) : r;
}

export function casoGepi(spec: CasoSpec): CasoGepi {
  return (spec.entita ?? ENTITA).reduce((s, e) => applyGepi(s, e, recordDi(spec, e) as never).state, emptyCaso(spec.casoId));
}

/** What the builder writes for a changed case: its state and keys, and its ownership rows rewritten set-based. */
export async function scriviCaso(pool: Pool, state: CasoGepi): Promise<void> {
  const vista = projectCaso(state);
  const chiavi = chiaviCaso(vista);
  const enti = chiavi.enti.map((e) => ({ caso_id: chiavi.casoId, ente_codice: e.codice, tipo_ente: e.tipo, dal: e.dal, al: e.al ?? null }));
  const cittadini = chiavi.cittadini.map((c) => ({ caso_id: chiavi.casoId, codice_fiscale: c.codiceFiscale, dal: c.dal, al: c.al ?? null }));
  await pool.query(
    `INSERT INTO gepi_caso (caso_id, state, domanda_id, ente_corrente, stato, data_apertura) VALUES ($1, $2::jsonb, $3, $4, $5, $6)
     ON CONFLICT (caso_id) DO UPDATE SET state = EXCLUDED.state, domanda_id = EXCLUDED.domanda_id, ente_corrente = EXCLUDED.ente_corrente,
       stato = EXCLUDED.stato, data_apertura = EXCLUDED.data_apertura, updated_at = now()`,
    [state.casoId, JSON.stringify(state), chiavi.domandaId ?? null, vista.caso?.enteCorrente.codice ?? null, vista.caso?.stato ?? null, vista.caso?.dataApertura ?? null],
  );
  await pool.query('DELETE FROM gepi_caso_ente WHERE caso_id = ANY($1)', [[state.casoId]]);
  await pool.query(
    `INSERT INTO gepi_caso_ente (caso_id, ente_codice, tipo_ente, dal, al)
     SELECT caso_id, ente_codice, tipo_ente, dal, al FROM jsonb_to_recordset($1::jsonb) AS x(caso_id text, ente_codice text, tipo_ente text, dal date, al date)`,
    [JSON.stringify(enti)],
  );
  await pool.query('DELETE FROM gepi_caso_cittadino WHERE caso_id = ANY($1)', [[state.casoId]]);
  await pool.query(
    `INSERT INTO gepi_caso_cittadino (caso_id, codice_fiscale, dal, al)
     SELECT caso_id, codice_fiscale, dal, al FROM jsonb_to_recordset($1::jsonb) AS x(caso_id text, codice_fiscale text, dal date, al date)`,
    [JSON.stringify(cittadini)],
  );
}

export async function cancellaCasi(pool: Pool, casoIds: readonly string[]): Promise<void> {
  for (const table of ['gepi_caso_cittadino', 'gepi_caso_ente', 'gepi_caso']) await pool.query(`DELETE FROM ${table} WHERE caso_id = ANY($1)`, [casoIds]);
}
