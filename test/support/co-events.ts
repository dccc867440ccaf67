import { coToAvro, type Co } from '@fsl/co';
import { topicName } from '@fsl/kafka';
import { cfPseudonym } from '@fsl/pseudonym';
import { encode, eventId } from '@fsl/schemas';
import { testKafka, TEST_PSEUDONYM_KEY } from './env';

/** The Kafka messages the CO ingest publishes for a CO: one per worker, keyed by that worker's pseudonym. */
export function coMessages(co: Co) {
  return coToAvro(co).map((payload, i) => {
    const sourceRecordId = `${co.datiInvio.codiceComunicazione}#${i}`;
    const value = encode('co.comunicazione-obbligatoria', {
      header: {
        eventId: eventId('CO', sourceRecordId, 1),
        sourceSystem: 'CO',
        entityType: 'comunicazione-obbligatoria',
        operation: 'UPSERT',
        sourceRecordId,
        sourceVersion: 1,
        occurredAt: Date.parse(co.datiInvio.dataInvio),
        ingestedAt: Date.now(),
        correlationId: null,
      },
      payload,
    });
    return { key: cfPseudonym(payload.lavoratoreCf, TEST_PSEUDONYM_KEY), value };
  });
}

/** Publish COs in the given order (each send awaited, so the order on a partition is this order). */
export async function publishCos(prefix: string, cos: Co[]): Promise<void> {
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (const co of cos) await producer.send({ topic: topicName('coComunicazioni', prefix), acks: -1, messages: coMessages(co) });
  } finally {
    await producer.disconnect();
  }
}
