import { applyCittadino, applyCorso, emptyCatalogo, emptyCittadino as emptyFormazione, type CittadinoFormazione, type EntitaCittadino } from '@fsl/cartella-formativa';
import { applySociale, emptyCittadino as emptySociale, type CittadinoSociale, type EntitaSociale } from '@fsl/cartella-sociale';
import { applyOfferta, applySiisl, emptyCatalogoOfferte, emptySezioneSiisl, type SezioneSiisl } from '@fsl/cartella-lavorativa';
import { currentVersion, type Corso, type Entita, type OffertaLavoro, type StoredVersion, type VersionDecision } from '@fsl/siisl';
import type { IncomingSiisl } from './siisl-events';
import type { StateTable } from './state-rows';

// Where each SIISL entity is kept: the two catalogues (a row per course / offer, its history) and the
// three cartelle (a row per citizen, the lib's state). Each table folds its records with its lib's pure
// function; the writer (siisl.writer.ts) only loads, folds in offset order and writes back.

export interface SiislTable<S> extends StateTable<S> {
  entities: readonly Entita[];
  /** A citizen's row (keyed by CF: its changes raise the dossier version) or a catalogue's (keyed by id). */
  citizen: boolean;
  apply(value: S, item: IncomingSiisl): { value: S; decision: VersionDecision };
}

type Aggiornamento<R> = Extract<R, { operazione: 'AGGIORNAMENTO' }>;

/** A catalogue: a row per record id, its history, folded by its lib's function. */
function catalogue<R>(
  name: string,
  keyColumn: string,
  entita: Entita,
  fold: (history: StoredVersion<R>[], record: R, contentHash: string) => { history: StoredVersion<R>[]; decision: VersionDecision },
  derived?: SiislTable<StoredVersion<R>[]>['derived'],
): SiislTable<StoredVersion<R>[]> {
  return {
    name,
    keyColumn,
    valueColumn: 'history',
    entities: [entita],
    citizen: false,
    empty: () => [],
    apply(history, { record, contentHash }) {
      const r = fold(history, record as R, contentHash);
      return { value: r.history, decision: r.decision };
    },
    derived,
  };
}

const currentCorso = (history: StoredVersion<Corso>[]) => (currentVersion(history)?.record as Aggiornamento<Corso> | undefined)?.dati;

const corsi = catalogue<Corso>(
  'siisl_corso',
  'corso_id',
  'corso',
  (history, record, contentHash) => {
    const { state, decision } = applyCorso({ ...emptyCatalogo(), corsi: { [record.id]: history } }, record, contentHash);
    return { history: state.corsi[record.id], decision };
  },
  // The provider-code → SIISL-id lookup reads the current version's codes; a void course answers nothing.
  { ente_cf: (history) => currentCorso(history)?.ente.codiceFiscale ?? null, codice_corso_ente: (history) => currentCorso(history)?.codiceCorsoEnte ?? null },
);

const offerte = catalogue<OffertaLavoro>('siisl_offerta', 'offerta_id', 'offerta-lavoro', (history, record, contentHash) => {
  const { state, decision } = applyOfferta({ ...emptyCatalogoOfferte(), offerte: { [record.id]: history } }, record, contentHash);
  return { history: state.offerte[record.id], decision };
});

/** A cartella: a row per citizen, its lib's state, folded by its lib's function. */
function cartella<S, E extends Entita>(
  name: string,
  entities: readonly E[],
  empty: (codiceFiscale: string) => S,
  fold: (state: S, entita: E, record: never, contentHash: string) => { state: S; decision: VersionDecision },
): SiislTable<S> {
  return {
    name,
    keyColumn: 'codice_fiscale',
    valueColumn: 'state',
    entities,
    citizen: true,
    empty,
    apply(state, { entita, record, contentHash }) {
      const r = fold(state, entita as E, record as never, contentHash);
      return { value: r.state, decision: r.decision };
    },
  };
}

const formativa = cartella<CittadinoFormazione, EntitaCittadino>('cartella_formativa', ['iscrizione', 'manifestazione-interesse'], emptyFormazione, applyCittadino);

const lavorativa = cartella<SezioneSiisl, 'curriculum' | 'proposta-lavoro'>('cartella_lavorativa_siisl', ['curriculum', 'proposta-lavoro'], emptySezioneSiisl, applySiisl);

// A measure reaches every household member: the ingest publishes one message per member (siislToAvro,
// citizensOf), each applied here to its member's state; siislFromAvro has checked the member is in the
// household (or, for a deletion, in codiciFiscaliNucleo).
const sociale = cartella<CittadinoSociale, EntitaSociale>('cartella_sociale', ['misura-inclusione', 'puc'], emptySociale, applySociale);

/** Every table, in the one order every transaction locks them in (so two chunks never deadlock). */
export const SIISL_TABLES: readonly SiislTable<unknown>[] = [corsi, offerte, formativa, lavorativa, sociale] as unknown as SiislTable<unknown>[];

export const TABLE_OF: ReadonlyMap<Entita, SiislTable<unknown>> = new Map(SIISL_TABLES.flatMap((t) => t.entities.map((e) => [e, t] as const)));

/** The row a record changes: its citizen's, or the catalogue entry of its id. */
export function rowKey(table: SiislTable<unknown>, item: IncomingSiisl): string {
  if (!table.citizen) return item.record.id;
  // siislFromAvro gives every citizen record its citizen; a record without one is a mapping bug.
  if (!item.cittadinoCf) throw new Error(`${item.entita} record without a citizen`);
  return item.cittadinoCf;
}
