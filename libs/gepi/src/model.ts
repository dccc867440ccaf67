// The internal model: the output types of the structural schemas (schema.ts), so a field cannot be in one
// and not the other. The published shapes (Avro, libs/schemas) are separate types mapped field by field in
// avro-mapping.ts.
import type { z } from 'zod';
import type { schemas } from './schema';
import type { Entita } from './vocabularies';

/** Problems and warnings have SIISL's shape: a model path, a code and a fixed message, never a value. */
export type { Problem } from '@fsl/siisl';

export type IsoDate = string;

/** Entity name → its record type (an update or a deletion). */
export type RecordOf = { [E in Entita]: z.output<(typeof schemas)[E]> };
export type GepiRecord<E extends Entita = Entita> = RecordOf[E];

export type Aggiornamento<E extends Entita> = Extract<RecordOf[E], { operazione: 'AGGIORNAMENTO' }>;
export type Eliminazione<E extends Entita> = Extract<RecordOf[E], { operazione: 'ELIMINAZIONE' }>;
/** The content of an update of `E`. */
export type Dati<E extends Entita> = Aggiornamento<E>['dati'];

export type Caso = RecordOf['caso'];
export type NucleoCaso = RecordOf['nucleo-caso'];
export type AnalisiPreliminare = RecordOf['analisi-preliminare'];
export type QuadroAnalisi = RecordOf['quadro-analisi'];
export type EquipeMultidisciplinare = RecordOf['equipe-multidisciplinare'];
export type Pais = RecordOf['pais'];
export type PartecipazionePuc = RecordOf['partecipazione-puc'];
export type PadNucleo = RecordOf['pad-nucleo'];

export type EnteCaso = Dati<'caso'>['enti'][number];
export type Componente = Dati<'nucleo-caso'>['componenti'][number];
export type Sostegno = Dati<'pais'>['sostegni'][number];
export type Impegno = Dati<'pais'>['impegni'][number];
export type Organizzazione = Dati<'equipe-multidisciplinare'>['componenti'][number]['organizzazione'];
export type Bisogno = Dati<'analisi-preliminare'>['bisogni'][number];

/** The case a record belongs to: its own id for a case, `casoId` for every other entity. */
export const casoOf = (record: GepiRecord): string => ('casoId' in record ? record.casoId : record.id);
