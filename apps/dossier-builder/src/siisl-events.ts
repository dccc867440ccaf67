import type { KafkaMessage } from '@fsl/kafka';
import { getDefaultCodec, SchemaError, type SiislEventV1 } from '@fsl/schemas';
import { ENTITA, SiislAvroMappingError, siislFromAvro, SUBJECTS, type Entita, type PayloadOf, type SiislRecord } from '@fsl/siisl';
import type { Decoded } from './projection.handler';

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

const ENTITA_OF_SUBJECT = new Map<string, Entita>(ENTITA.map((e) => [SUBJECTS[e], e]));

export function decodeSiislMessage(message: KafkaMessage): Decoded<IncomingSiisl> {
  let entita: Entita | undefined;
  try {
    const decoded = getDefaultCodec().decode(message.value ?? Buffer.alloc(0));
    entita = ENTITA_OF_SUBJECT.get(decoded.subject);
    if (!entita) return { ok: false, message, code: 'WRONG_SUBJECT', reason: `subject ${decoded.subject} on the SIISL topic` };
    // Even a deletion carries its identity in the payload: a message without one has nothing to apply.
    const payload = (decoded.value as SiislEventV1<PayloadOf<Entita>>).payload;
    if (!payload) return { ok: false, message, code: 'MISSING_PAYLOAD', reason: `${decoded.subject} message without a payload`, kind: entita };
    const { record, cittadinoCf, contentHash } = siislFromAvro(entita, payload);
    return { ok: true, item: { entita, record, cittadinoCf, contentHash } };
  } catch (err) {
    if (err instanceof SchemaError || err instanceof SiislAvroMappingError) return { ok: false, message, code: err.name, reason: err.message, kind: entita };
    throw err;
  }
}
