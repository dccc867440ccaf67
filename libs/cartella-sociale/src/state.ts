// The SIISL part of a citizen's cartella sociale: the ADI/SFL measures of the households they belong to
// and their PUC participations, each kept as its history of versions (libs/siisl versioning rules). A
// measure reaches every member's state: the applicant owns it, the others are in its household.
import { addToSection, citizensOf, type MisuraInclusione, type Puc, type Section, type VersionDecision } from '@fsl/siisl';

export const STATE_SCHEMA_VERSION = 1;

export interface CittadinoSociale {
  schemaVersion: number;
  codiceFiscale: string;
  /** Application id → its versions, ascending. */
  misure: Section<MisuraInclusione>;
  /** PUC assignment id → its versions, ascending. */
  puc: Section<Puc>;
}

export const emptyCittadino = (codiceFiscale: string): CittadinoSociale => ({ schemaVersion: STATE_SCHEMA_VERSION, codiceFiscale, misure: {}, puc: {} });

export const SEZIONI = { 'misura-inclusione': 'misure', puc: 'puc' } as const;
export type EntitaSociale = keyof typeof SEZIONI;
type RecordOf<E extends EntitaSociale> = E extends 'puc' ? Puc : MisuraInclusione;

/** A measure or PUC record for this citizen (the caller names the entity: a deletion has no content). */
export function applySociale<E extends EntitaSociale>(state: CittadinoSociale, entita: E, record: RecordOf<E>, contentHash?: string): { state: CittadinoSociale; decision: VersionDecision } {
  if (!citizensOf(entita, record).includes(state.codiceFiscale)) throw new RangeError('applySociale: the record does not concern this citizen');
  const key = SEZIONI[entita];
  const { decision, section } = addToSection(state[key] as Section<RecordOf<E>>, record, contentHash);
  return { decision, state: { ...state, [key]: section } };
}
