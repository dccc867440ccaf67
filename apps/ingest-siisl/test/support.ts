// Shared by ingest-siisl's integration suites: the app as a process on its own topics, queue and spool
// directory (test/support/ingest.ts), a reader of the SIISL topic, and records with ids no other run uses.
import type { SiislEventV1 } from '@fsl/schemas';
import { ENTITA, siislFixtures as F, SUBJECTS, type Entita, type RecordOf } from '@fsl/siisl';
import { ingestUnderTest } from '../../../test/support/ingest';

export { ids, keyOf, post } from '../../../test/support/ingest';

export type SiislEvent = SiislEventV1<{ cittadinoCf: string | null; id: string; versione: number } & Record<string, unknown>>;

const siisl = ingestUnderTest<SiislEvent>('ingest-siisl', 'siislEvents', Object.values(SUBJECTS));
export const ingestEnv = siisl.env;
export const startIngest = siisl.start;
export const suiteIngest = siisl.suite;

/** The valid fixture of `entita` under a fresh id, at version `versione`. */
export function record<E extends Entita>(entita: E, id: string, versione = 1): RecordOf[E] {
  return { ...F.valid(entita), id, versione };
}

/** The deletion of that record, as version `versione`. */
export function deletion<E extends Entita>(entita: E, id: string, versione: number): RecordOf[E] {
  return { ...F.deletion(entita, versione), id };
}

/** The citizens the record's event is for, one message each (none: a catalogue record, one message keyed by entity and id). */
export const CITIZENS: Record<Entita, string[]> = {
  curriculum: [F.CITTADINO_CF],
  'offerta-lavoro': [],
  'proposta-lavoro': [F.CITTADINO_CF],
  corso: [],
  iscrizione: [F.CITTADINO_CF],
  'manifestazione-interesse': [F.CITTADINO_CF],
  'misura-inclusione': [F.CITTADINO_CF, F.FAMILIARE_CF],
  puc: [F.CITTADINO_CF],
};

export { ENTITA };
