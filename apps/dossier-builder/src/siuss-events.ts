import type { KafkaMessage } from '@fsl/kafka';
import { prestazioneSocialeFromAvro, SiussAvroMappingError, sinbaFromAvro, SUBJECT_PRESTAZIONE, SUBJECT_SINBA, type PrestazioneSociale, type PresaInCaricoSinba } from '@fsl/siuss';
import type { Decoded } from './projection.handler';
import { decodeSourceMessage, type SourceTopic } from './source-events';

// The SIUSS topics' messages (libs/siuss siussMessage): benefits on one topic, SINBA cases on another, one
// subject each. A subject of the other topic, or a payload libs/siuss cannot map back, is poison.

export interface IncomingPrestazione {
  kind: 'prestazione';
  prestazione: PrestazioneSociale;
  contentHash: string;
}
export interface IncomingSinba {
  kind: 'sinba';
  sinba: PresaInCaricoSinba;
  contentHash: string;
}

const PRESTAZIONI_TOPIC: SourceTopic<'prestazione', IncomingPrestazione> = {
  source: 'SIUSS benefits',
  entitaOfSubject: new Map([[SUBJECT_PRESTAZIONE, 'prestazione' as const]]),
  map: (_, payload) => ({ kind: 'prestazione', ...prestazioneSocialeFromAvro(payload) }),
  mappingError: SiussAvroMappingError,
};

const SINBA_TOPIC: SourceTopic<'sinba', IncomingSinba> = {
  source: 'SIUSS SINBA',
  entitaOfSubject: new Map([[SUBJECT_SINBA, 'sinba' as const]]),
  map: (_, payload) => ({ kind: 'sinba', ...sinbaFromAvro(payload) }),
  mappingError: SiussAvroMappingError,
};

export const decodePrestazioneMessage = (message: KafkaMessage): Decoded<IncomingPrestazione> => decodeSourceMessage(PRESTAZIONI_TOPIC, message);
export const decodeSinbaMessage = (message: KafkaMessage): Decoded<IncomingSinba> => decodeSourceMessage(SINBA_TOPIC, message);
