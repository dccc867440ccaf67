import { CompressionTypes, Partitioners } from 'kafkajs';
import type { Kafka } from '@fsl/kafka';
import { readDataset } from '../dataset';
import { nowMs, round } from '../util/stats';

// Baselines 2 and 3: plain kafkajs with the messages of the data set, configured as the product's
// producer and consumer runner are (idempotent, acks from all replicas, one request in flight;
// eachBatch, 4 MB fetches, two partitions at a time) but doing nothing else. The produce baseline
// is also what loads the replay topic.

export interface RateFigure {
  perSecond: number;
  messages: number;
  seconds: number;
}

/** Same batch size as the builder's chunk; the ingest's default chunk is 500, so this is the stricter baseline. */
const SEND_BATCH = 1_000;

export async function measureProduce(kafka: Kafka, topic: string, datasetPath: string, maxSeconds: number): Promise<RateFigure> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    let sent = 0;
    const started = nowMs();
    for await (const batch of readDataset(datasetPath, SEND_BATCH)) {
      await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: batch });
      sent += batch.length;
      if (nowMs() - started > maxSeconds * 1000) throw new Error(`produce baseline: only ${sent} messages in ${maxSeconds} s`);
    }
    const seconds = (nowMs() - started) / 1000;
    return { perSecond: round(sent / seconds, 0), messages: sent, seconds: round(seconds) };
  } finally {
    await producer.disconnect();
  }
}

export async function measureConsume(kafka: Kafka, topic: string, groupId: string, expected: number, maxSeconds: number): Promise<RateFigure> {
  const consumer = kafka.consumer({ groupId, maxBytes: 4 * 1024 * 1024, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
  let seen = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const started = nowMs();
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 2,
      eachBatch: async ({ batch }) => {
        seen += batch.messages.length;
        if (seen >= expected) resolveDone();
      },
    });
    const timeout = new Promise<void>((r) => setTimeout(r, maxSeconds * 1000).unref());
    await Promise.race([done, timeout]);
    const seconds = (nowMs() - started) / 1000;
    if (seen < expected) throw new Error(`consume baseline: only ${seen} of ${expected} messages in ${maxSeconds} s`);
    return { perSecond: round(seen / seconds, 0), messages: seen, seconds: round(seconds) };
  } finally {
    await consumer.disconnect();
  }
}
