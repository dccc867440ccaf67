import { CompressionTypes, Partitioners } from 'kafkajs';
import type { Kafka } from '@fsl/kafka';
import { nowMs, summarize, type LatencySummary } from '../util/stats';

// Baseline for freshness: how long Kafka alone takes from a producer's acknowledgement to a
// consumer's eachBatch, at the freshness rate and with the same batching as the freshness load
// (a batch every 20 ms), the product's producer settings and the runner's fetch settings. Whatever
// freshness adds on top is ours: the builder's transaction, the commit, the api's read.

const TICK_MS = 20;

export async function measureKafkaLatency(kafka: Kafka, topic: string, groupId: string, rate: number, seconds: number): Promise<LatencySummary> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6, replicationFactor: 1 }] });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId, maxBytes: 4 * 1024 * 1024, maxWaitTimeInMs: 250 });
  const ackedAt = new Map<number, number>();
  const received = new Map<number, number>();
  await Promise.all([producer.connect(), consumer.connect()]);
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let joined: () => void = () => undefined;
    const ready = new Promise<void>((r) => (joined = r));
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.run({
      partitionsConsumedConcurrently: 2,
      eachBatch: async ({ batch }) => {
        const at = nowMs();
        for (const m of batch.messages) received.set(Number(m.value?.toString()), at);
      },
    });
    await Promise.race([ready, new Promise((r) => setTimeout(r, 30_000))]);
    const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
    const ticks = Math.round((seconds * 1000) / TICK_MS);
    const started = nowMs();
    const sends: Promise<void>[] = [];
    for (let t = 0; t < ticks; t++) {
      const due = started + t * TICK_MS;
      while (nowMs() < due) await new Promise((r) => setTimeout(r, 1));
      const ids = Array.from({ length: perTick }, (_, j) => t * perTick + j);
      sends.push(
        producer
          .send({ topic, acks: -1, compression: CompressionTypes.None, messages: ids.map((id) => ({ key: `k${id}`, value: String(id) })) })
          .then(() => {
            const at = nowMs();
            for (const id of ids) ackedAt.set(id, at);
          }),
      );
    }
    await Promise.all(sends);
    const deadline = nowMs() + 10_000;
    while (received.size < ackedAt.size && nowMs() < deadline) await new Promise((r) => setTimeout(r, 10));
    // The consumer may see a message before the producer's acknowledgement is processed: that is 0.
    return summarize([...ackedAt].map(([id, at]) => Math.max(0, (received.get(id) ?? Infinity) - at)));
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}
