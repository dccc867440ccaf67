import { EVENT_HEADERS, topicName } from '@fsl/kafka';
import { pseudonymizer } from '@fsl/pseudonym';
import { getDefaultCodec } from '@fsl/schemas';
import { siussMessage, type FlussoDecodificato } from '@fsl/siuss';
import { sendInOrder, TEST_PSEUDONYM_KEY } from './env';

/** The Kafka message the gateway publishes for an accepted flow (libs/siuss siussMessage), keyed by the pseudonym. */
export function siussKafkaMessage(f: FlussoDecodificato, correlationId?: string) {
  const m = siussMessage(f, { ingestedAt: Date.now(), correlationId });
  return {
    topic: m.topic,
    message: {
      key: pseudonymizer(TEST_PSEUDONYM_KEY)(m.keyMaterial),
      value: getDefaultCodec().encode(m.subject, m.event as never),
      headers: { [EVENT_HEADERS.eventId]: m.event.header.eventId, [EVENT_HEADERS.subject]: m.subject, ...(correlationId ? { [EVENT_HEADERS.correlationId]: correlationId } : {}) },
    },
  };
}

/** Publish flows in the given order, each on its topic (each send awaited). */
export async function publishSiuss(prefix: string, flows: readonly FlussoDecodificato[]): Promise<void> {
  for (const f of flows) {
    const { topic, message } = siussKafkaMessage(f);
    await sendInOrder(topicName(topic, prefix), [[message]]);
  }
}
