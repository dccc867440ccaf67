// The SIISL section of the cartella lavorativa, beside the CO rapporti: the citizen's CV (every version
// kept, so earlier ones stay readable) and the job proposals made to them, plus the catalogue of job
// offers the proposals name (offers are nobody's personal data: one catalogue, keyed by offer id). Folded
// by the SIISL versioning rules (libs/siisl), so delivery order and redeliveries never matter.
import { addToSection, type Curriculum, type OffertaLavoro, type PropostaLavoro, type Section, type VersionDecision } from '@fsl/siisl';

export const SIISL_STATE_SCHEMA_VERSION = 1;

export interface CatalogoOfferte {
  schemaVersion: number;
  offerte: Section<OffertaLavoro>;
}

export interface SezioneSiisl {
  schemaVersion: number;
  codiceFiscale: string;
  curricula: Section<Curriculum>;
  proposte: Section<PropostaLavoro>;
}

export const emptyCatalogoOfferte = (): CatalogoOfferte => ({ schemaVersion: SIISL_STATE_SCHEMA_VERSION, offerte: {} });

export const emptySezioneSiisl = (codiceFiscale: string): SezioneSiisl => ({ schemaVersion: SIISL_STATE_SCHEMA_VERSION, codiceFiscale, curricula: {}, proposte: {} });

export function applyOfferta(catalogo: CatalogoOfferte, record: OffertaLavoro, contentHash?: string): { state: CatalogoOfferte; decision: VersionDecision } {
  const { decision, section } = addToSection(catalogo.offerte, record, contentHash);
  return { decision, state: { ...catalogo, offerte: section } };
}

const SEZIONI = { curriculum: 'curricula', 'proposta-lavoro': 'proposte' } as const;
type RecordOf<E extends keyof typeof SEZIONI> = E extends 'curriculum' ? Curriculum : PropostaLavoro;

/** A CV or proposal of this citizen (the caller names the entity: a deletion has no content). */
export function applySiisl<E extends keyof typeof SEZIONI>(state: SezioneSiisl, entita: E, record: RecordOf<E>, contentHash?: string): { state: SezioneSiisl; decision: VersionDecision } {
  if (record.codiceFiscale !== state.codiceFiscale) throw new RangeError('applySiisl: the record belongs to another citizen');
  const key = SEZIONI[entita];
  const { decision, section } = addToSection(state[key] as Section<RecordOf<E>>, record, contentHash);
  return { decision, state: { ...state, [key]: section } };
}
