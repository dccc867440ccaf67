import type { KafkaMessage } from '@fsl/kafka';
import { ENTITA, GepiAvroMappingError, gepiFromAvro, SUBJECTS, type Entita, type GepiPayloadOf, type RecordOf } from '@fsl/gepi';
import type { Decoded } from './projection.handler';
import { decodeSourceMessage, type SourceTopic } from './source-events';

// The GePI topic's messages, turned into the records the case fold takes. Every gepi.* subject travels on
// the one topic, keyed by case id; anything else on it, or a payload that is not a valid record of its
// case, is poison (dead letter).

export type IncomingGepi = { [E in Entita]: { entita: E; record: RecordOf[E]; casoId: string; contentHash: string } }[Entita];

const GEPI_TOPIC: SourceTopic<Entita, IncomingGepi> = {
  source: 'GePI',
  entitaOfSubject: new Map<string, Entita>(ENTITA.map((e) => [SUBJECTS[e], e])),
  map(entita, payload: GepiPayloadOf<Entita>) {
    // gepiFromAvro has checked the record's case is the envelope's.
    const { record, contentHash } = gepiFromAvro(entita, payload);
    return { entita, record, casoId: payload.casoId, contentHash } as IncomingGepi;
  },
  mappingError: GepiAvroMappingError,
};

export const decodeGepiMessage = (message: KafkaMessage): Decoded<IncomingGepi> => decodeSourceMessage(GEPI_TOPIC, message);
