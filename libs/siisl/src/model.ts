// The internal model: the output types of the structural schemas (schema.ts), so a field cannot be in one
// and not the other. The published shapes (Avro, libs/schemas) are separate types mapped field by field in
// avro-mapping.ts.
import type { z } from 'zod';
import type * as S from './schema';
import type { Entita } from './vocabularies';

export type IsoDate = string;
export type IsoDateTime = string;

type Out<E extends Entita> = z.output<(typeof S.schemas)[E]>;

export type Aggiornamento<E extends Entita> = Extract<Out<E>, { operazione: 'AGGIORNAMENTO' }>;
export type Eliminazione<E extends Entita> = Extract<Out<E>, { operazione: 'ELIMINAZIONE' }>;

export type Curriculum = Out<'curriculum'>;
export type OffertaLavoro = Out<'offerta-lavoro'>;
export type PropostaLavoro = Out<'proposta-lavoro'>;
export type Corso = Out<'corso'>;
export type Iscrizione = Out<'iscrizione'>;
export type ManifestazioneInteresse = Out<'manifestazione-interesse'>;
export type MisuraInclusione = Out<'misura-inclusione'>;
export type Puc = Out<'puc'>;

export type DatiCurriculum = z.output<typeof S.datiCurriculum>;
export type DatiOffertaLavoro = z.output<typeof S.datiOffertaLavoro>;
export type DatiPropostaLavoro = z.output<typeof S.datiPropostaLavoro>;
export type DatiCorso = z.output<typeof S.datiCorso>;
export type DatiIscrizione = z.output<typeof S.datiIscrizione>;
export type DatiManifestazioneInteresse = z.output<typeof S.datiManifestazioneInteresse>;
export type DatiMisuraInclusione = z.output<typeof S.datiMisuraInclusione>;
export type DatiPuc = z.output<typeof S.datiPuc>;
export type Competenza = DatiCurriculum['competenze'][number];

/** Entity name → its record type. */
export type SiislRecord<E extends Entita = Entita> = RecordOf[E];

export interface RecordOf {
  curriculum: Curriculum;
  'offerta-lavoro': OffertaLavoro;
  'proposta-lavoro': PropostaLavoro;
  corso: Corso;
  iscrizione: Iscrizione;
  'manifestazione-interesse': ManifestazioneInteresse;
  'misura-inclusione': MisuraInclusione;
  puc: Puc;
}

/** Problems (rejections) and warnings share one shape; messages are fixed texts, never a value. */
export interface Problem {
  /** Dotted model path, e.g. `dati.esperienze[2].qualificaCp2011`. */
  path: string;
  code: string;
  message: string;
}
