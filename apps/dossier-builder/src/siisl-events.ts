import type { KafkaMessage } from '@fsl/kafka';
import { ENTITA, SiislAvroMappingError, siislFromAvro, SUBJECTS, type Entita, type PayloadOf, type SiislRecord } from '@fsl/siisl';
import type { Decoded } from './projection.handler';
import { decodeSourceMessage, type SourceTopic } from './source-events';

// The SIISL topic's messages, turned into the records the folds take. Every siisl.* subject travels on the
// one topic; anything else on it, or a payload that is not a valid record, is poison (dead letter).

export interface IncomingSiisl {
  entita: Entita;
  record: SiislRecord;
  /** The citizen whose cartella this message updates; undefined for a catalogue record (course, offer). */
  cittadinoCf?: string;
  /** recordHash as the ingest computed it: the folds compare versions by it. */
  contentHash: string;
}

const SIISL_TOPIC: SourceTopic<Entita, IncomingSiisl> = {
  source: 'SIISL',
  entitaOfSubject: new Map<string, Entita>(ENTITA.map((e) => [SUBJECTS[e], e])),
  map(entita, payload: PayloadOf<Entita>) {
    const { record, cittadinoCf, contentHash } = siislFromAvro(entita, payload);
    return { entita, record, cittadinoCf, contentHash };
  },
  mappingError: SiislAvroMappingError,
};

export const decodeSiislMessage = (message: KafkaMessage): Decoded<IncomingSiisl> => decodeSourceMessage(SIISL_TOPIC, message);
