// The two states the builder stores: the course catalogue (one, keyed by course id: courses are not any
// citizen's) and each citizen's enrolments and interests. Both are plain JSON (JSONB in Postgres) and are
// changed only through these pure functions.
import { addToSection, type Corso, type Iscrizione, type ManifestazioneInteresse, type Section, type VersionDecision } from '@fsl/siisl';

export const STATE_SCHEMA_VERSION = 1;

export interface Catalogo {
  schemaVersion: number;
  /** Course id → its versions, ascending. */
  corsi: Section<Corso>;
}

export interface CittadinoFormazione {
  schemaVersion: number;
  codiceFiscale: string;
  /** Enrolment id → its versions, ascending. */
  iscrizioni: Section<Iscrizione>;
  /** Manifestazione id → its versions, ascending. */
  manifestazioni: Section<ManifestazioneInteresse>;
}

export const emptyCatalogo = (): Catalogo => ({ schemaVersion: STATE_SCHEMA_VERSION, corsi: {} });

export const emptyCittadino = (codiceFiscale: string): CittadinoFormazione => ({ schemaVersion: STATE_SCHEMA_VERSION, codiceFiscale, iscrizioni: {}, manifestazioni: {} });

/** What happened to one incoming version: `stale` is reported to the sender, `conflict` to the operators. */
export interface Applied<S> {
  state: S;
  decision: VersionDecision;
}

export function applyCorso(catalogo: Catalogo, record: Corso, contentHash?: string): Applied<Catalogo> {
  const { decision, section } = addToSection(catalogo.corsi, record, contentHash);
  return { decision, state: { ...catalogo, corsi: section } };
}

/** The citizen-side entities of the cartella formativa and where each is kept in the state. */
export const SEZIONI = { iscrizione: 'iscrizioni', 'manifestazione-interesse': 'manifestazioni' } as const;
export type EntitaCittadino = keyof typeof SEZIONI;
type RecordCittadino<E extends EntitaCittadino> = E extends 'iscrizione' ? Iscrizione : ManifestazioneInteresse;

/**
 * An enrolment or an interest of this citizen. The entity is named by the caller (the Avro subject): a
 * deletion carries no content to tell them apart, and ids of different entities may coincide.
 */
export function applyCittadino<E extends EntitaCittadino>(state: CittadinoFormazione, entita: E, record: RecordCittadino<E>, contentHash?: string): Applied<CittadinoFormazione> {
  if (record.codiceFiscale !== state.codiceFiscale) throw new RangeError('applyCittadino: the record belongs to another citizen');
  const key = SEZIONI[entita];
  const { decision, section } = addToSection(state[key] as Section<RecordCittadino<E>>, record, contentHash);
  return { decision, state: { ...state, [key]: section } };
}
