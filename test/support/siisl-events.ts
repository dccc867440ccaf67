import { EVENT_HEADERS, topicName } from '@fsl/kafka';
import { cfPseudonym } from '@fsl/pseudonym';
import { eventId, getDefaultCodec, type Subject } from '@fsl/schemas';
import { siislHeaderFields, siislToAvro, SUBJECTS, type Entita, type RecordOf } from '@fsl/siisl';
import { sendInOrder, TEST_PSEUDONYM_KEY } from './env';

/** One SIISL record of any entity, as the generator and the tests hold them. */
export type SiislItem = { [E in Entita]: { entita: E; record: RecordOf[E] } }[Entita];

/**
 * The Kafka messages the SIISL ingest publishes for a record (libs/siisl siislToAvro: one per citizen it
 * concerns), without the ingest's validation. Citizen records are keyed by the owner's pseudonym (a
 * measure by its applicant's, so all its messages share a partition), catalogue records by entity and id.
 */
export function siislMessages({ entita, record }: SiislItem, correlationId?: string) {
  const subject = SUBJECTS[entita] as Subject;
  const key = 'codiceFiscale' in record ? cfPseudonym(record.codiceFiscale, TEST_PSEUDONYM_KEY) : `${entita}/${record.id}`;
  return siislToAvro(entita, record as never).map((payload, i) => {
    const fields = siislHeaderFields(entita, record, i);
    const header = { ...fields, eventId: eventId('SIISL', fields.sourceRecordId, record.versione), ingestedAt: Date.now(), correlationId: correlationId ?? null };
    return {
      key,
      value: getDefaultCodec().encode(subject, { header, payload }),
      headers: { [EVENT_HEADERS.eventId]: header.eventId, [EVENT_HEADERS.subject]: subject, ...(correlationId ? { [EVENT_HEADERS.correlationId]: correlationId } : {}) },
    };
  });
}

/** Publish records in the given order (each send awaited, so a partition holds them in this order). */
export async function publishSiisl(prefix: string, items: readonly SiislItem[]): Promise<void> {
  await sendInOrder(topicName('siislEvents', prefix), items.map((item) => siislMessages(item)));
}
