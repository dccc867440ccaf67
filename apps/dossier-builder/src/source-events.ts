import type { KafkaMessage } from '@fsl/kafka';
import { getDefaultCodec, SchemaError } from '@fsl/schemas';
import type { Decoded } from './projection.handler';

// The record sources (SIISL, GePI) publish one Avro subject per entity, all on their one topic, each
// message { header, payload }. Decoding is the same for both: the subject names the entity; anything else
// on the topic, a message without payload, or a payload its lib cannot map to a record is poison.

export interface SourceTopic<E extends string, T> {
  /** For the dead-letter reason: "subject x on the <source> topic". */
  source: string;
  entitaOfSubject: ReadonlyMap<string, E>;
  /** The lib's mapping back from Avro; throws its mapping error for a payload that is no valid record. */
  map(entita: E, payload: never): T;
  mappingError: new (...args: never[]) => Error;
}

export function decodeSourceMessage<E extends string, T>(topic: SourceTopic<E, T>, message: KafkaMessage): Decoded<T> {
  let entita: E | undefined;
  try {
    const decoded = getDefaultCodec().decode(message.value ?? Buffer.alloc(0));
    entita = topic.entitaOfSubject.get(decoded.subject);
    if (!entita) return { ok: false, message, code: 'WRONG_SUBJECT', reason: `subject ${decoded.subject} on the ${topic.source} topic` };
    // Even a deletion carries its identity in the payload: a message without one has nothing to apply.
    const payload = (decoded.value as { payload: unknown }).payload;
    if (!payload) return { ok: false, message, code: 'MISSING_PAYLOAD', reason: `${decoded.subject} message without a payload`, kind: entita };
    return { ok: true, item: topic.map(entita, payload as never) };
  } catch (err) {
    if (err instanceof SchemaError || err instanceof topic.mappingError) return { ok: false, message, code: err.name, reason: err.message, kind: entita };
    throw err;
  }
}
