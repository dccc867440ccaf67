import { coToAvro, type Co } from '@fsl/co';
import { topicName } from '@fsl/kafka';
import { cfPseudonym } from '@fsl/pseudonym';
import { encode } from '@fsl/schemas';
import { coEventIds, sourceRecordId } from '../../apps/ingest-co/src/co-event.mapping';
import { sendInOrder, TEST_PSEUDONYM_KEY } from './env';

/**
 * The Kafka messages the CO ingest publishes for a CO (one per worker, keyed by that worker's
 * pseudonym), without the ingest's validation: builder tests also need COs the ingest would refuse.
 */
export function coMessages(co: Co) {
  const ids = coEventIds(co);
  return coToAvro(co).map((payload, i) => {
    const value = encode('co.comunicazione-obbligatoria', {
      header: {
        eventId: ids[i],
        sourceSystem: 'CO',
        entityType: 'COMUNICAZIONE_OBBLIGATORIA',
        operation: 'UPSERT',
        sourceRecordId: sourceRecordId(co.datiInvio.codiceComunicazione, i),
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
  await sendInOrder(topicName('coComunicazioni', prefix), cos.map(coMessages));
}
