// The GePI case as the builder keeps it: one state per case id (not copied into each member), holding every
// record of the case as its history of versions, by the shared versioning rules (libs/gepi, i.e. SIISL's):
// the highest version is current, stale versions join the history, a deletion voids while it is the
// highest. Set-based on the history, so delivery order and redeliveries never change the state.
import { addToGepiSection, casoOf, ENTITA, type Entita, type GepiSection, type RecordOf, type VersionDecision } from '@fsl/gepi';

export const CASO_STATE_SCHEMA_VERSION = 1;

export type SezioniCaso = { [E in Entita]: GepiSection<RecordOf[E]> };

export interface CasoGepi {
  schemaVersion: number;
  casoId: string;
  /** Entity → record id → versions, ascending. `caso` has one id: the case's. */
  sezioni: SezioniCaso;
}

export const emptyCaso = (casoId: string): CasoGepi => ({
  schemaVersion: CASO_STATE_SCHEMA_VERSION,
  casoId,
  sezioni: Object.fromEntries(ENTITA.map((e) => [e, {}])) as SezioniCaso,
});

/** A validated GePI record of this case (the caller names the entity: a deletion has no content). */
export function applyGepi<E extends Entita>(state: CasoGepi, entita: E, record: RecordOf[E], contentHash?: string): { state: CasoGepi; decision: VersionDecision } {
  if (casoOf(record) !== state.casoId) throw new RangeError('applyGepi: the record belongs to another case');
  const { decision, section } = addToGepiSection(state.sezioni[entita] as GepiSection<RecordOf[E]>, record, contentHash);
  return { decision, state: { ...state, sezioni: { ...state.sezioni, [entita]: section } } };
}
