// Shared by ingest-gepi's integration suites: the app as a process on its own topics, queue and spool
// directory (test/support/ingest.ts), a reader of the GePI topic, and records of cases no other run uses.
import { gepiFixtures as F, ENTITA, SUBJECTS, type Entita, type RecordOf } from '@fsl/gepi';
import type { GepiEventV1 } from '@fsl/schemas';
import { ingestUnderTest } from '../../../test/support/ingest';

export { ids, post } from '../../../test/support/ingest';

export type GepiEvent = GepiEventV1<{ id: string; versione: number; casoId: string } & Record<string, unknown>>;

const gepi = ingestUnderTest<GepiEvent>('ingest-gepi', 'gepiEvents', Object.values(SUBJECTS));
export const ingestEnv = gepi.env;
export const startIngest = gepi.start;
export const suiteIngest = gepi.suite;

/** Every CF of the fixtures: none may reach a key, a header or an answer. */
export const CFS = [F.RICHIEDENTE_CF, F.FIGLIO_CF, F.NEONATA_CF, F.CONIUGE_CF, F.OPERATORE_CF, F.COORDINATORE_CF];

/** The case of record `id`: the record itself for a case, `C<id>` otherwise. */
export const casoOfId = (entita: Entita, id: string): string => (entita === 'caso' ? id : `C${id}`);

/** The valid fixture of `entita` under a fresh id (and a case of its own), at version `versione`. */
export function record<E extends Entita>(entita: E, id: string, versione = 1): RecordOf[E] {
  const r = { ...F.valid(entita), id, versione };
  return (entita === 'caso' ? r : { ...r, casoId: casoOfId(entita, id) }) as RecordOf[E];
}

/** The deletion of that record, as version `versione`. */
export function deletion<E extends Entita>(entita: E, id: string, versione: number): RecordOf[E] {
  const r = { ...F.deletion(entita, versione), id };
  return (entita === 'caso' ? r : { ...r, casoId: casoOfId(entita, id) }) as RecordOf[E];
}

export { ENTITA };
