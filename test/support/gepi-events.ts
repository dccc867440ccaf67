import { EVENT_HEADERS, topicName } from '@fsl/kafka';
import { eventId, getDefaultCodec, type Subject } from '@fsl/schemas';
import { casoOf, gepiHeaderFields, gepiToAvro, SUBJECTS, type GeneratedGepi } from '@fsl/gepi';
import { sendInOrder } from './env';

/** One GePI record of any entity, as the generator and the tests hold them. */
export type GepiItem = GeneratedGepi;

/** The Kafka message the GePI ingest publishes for a record (libs/gepi gepiToAvro), keyed by its case id. */
export function gepiMessage({ entita, record }: GepiItem, correlationId?: string) {
  const subject = SUBJECTS[entita] as Subject;
  const fields = gepiHeaderFields(entita, record);
  const header = { ...fields, eventId: eventId('GEPI', fields.sourceRecordId, record.versione), ingestedAt: Date.now(), correlationId: correlationId ?? null };
  return {
    key: casoOf(record),
    value: getDefaultCodec().encode(subject, { header, payload: gepiToAvro(entita, record as never) } as never),
    headers: { [EVENT_HEADERS.eventId]: header.eventId, [EVENT_HEADERS.subject]: subject, ...(correlationId ? { [EVENT_HEADERS.correlationId]: correlationId } : {}) },
  };
}

/** Publish records in the given order (each send awaited, so a partition holds them in this order). */
export async function publishGepi(prefix: string, items: readonly GepiItem[]): Promise<void> {
  await sendInOrder(topicName('gepiEvents', prefix), items.map((item) => [gepiMessage(item)]));
}
