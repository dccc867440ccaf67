import type { Kafka } from '@fsl/kafka';
import { topicName, TOPICS } from '@fsl/kafka';

// What the broker says about the builder's topics: partitions and their watermarks, the offsets Kafka keeps
// for a group (a hint: the truth is in Postgres, ADR 0003), and single messages read by coordinates.

/** The source topics the builder folds, with the prefix. */
export function sourceTopics(prefix: string): string[] {
  return (Object.keys(TOPICS) as (keyof typeof TOPICS)[]).filter((id) => TOPICS[id].kind === 'source').map((id) => topicName(id, prefix));
}

/** A topic named by its id (coComunicazioni, co, siisl, gepi, dead-letters) or by its full name. */
export function resolveTopic(name: string, prefix: string): string {
  const short: Record<string, keyof typeof TOPICS> = { co: 'coComunicazioni', siisl: 'siislEvents', gepi: 'gepiEvents', 'dead-letters': 'deadLetters', dlq: 'deadLetters' };
  const id = short[name] ?? (name in TOPICS ? (name as keyof typeof TOPICS) : undefined);
  return id ? topicName(id, prefix) : name;
}

export interface Watermarks {
  topic: string;
  partition: number;
  low: string;
  high: string;
}

export async function watermarks(kafka: Kafka, topics: readonly string[]): Promise<Watermarks[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out: Watermarks[] = [];
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) out.push({ topic, partition: p.partition, low: p.low, high: p.high });
    }
    return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

/** The first offset of each partition whose timestamp is at or after `at` (the end where none is). */
export async function offsetsAt(kafka: Kafka, topics: readonly string[], at: Date): Promise<Watermarks[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out: Watermarks[] = [];
    for (const topic of topics) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p]));
      for (const p of await admin.fetchTopicOffsetsByTimestamp(topic, at.getTime())) {
        const end = ends.get(p.partition);
        // kafkajs answers -1 where no message is that recent: start at the end then.
        const offset = p.offset === '-1' ? (end?.high ?? '0') : p.offset;
        out.push({ topic, partition: p.partition, low: offset, high: end?.high ?? offset });
      }
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  headers: Record<string, string>;
}

/**
 * The messages at the given coordinates of one topic, read by a throwaway group (deleted afterwards). Each
 * partition is read from the smallest offset wanted up to the largest; resolves once all were seen, or with
 * what was found when `timeoutMs` runs out (an offset past the end, or deleted by retention).
 */
export async function readAt(kafka: Kafka, topic: string, wanted: ReadonlyMap<number, readonly string[]>, timeoutMs = 20_000): Promise<ReadMessage[]> {
  const groupId = `fsl-ops-read-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
  const want = new Map([...wanted].map(([p, offsets]) => [p, new Set(offsets.map(String))]));
  const last = new Map([...want].map(([p, s]) => [p, [...s].reduce((m, o) => (BigInt(o) > m ? BigInt(o) : m), 0n)]));
  const found: ReadMessage[] = [];
  const remaining = () => [...want.values()].reduce((n, s) => n + s.size, 0);
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: false });
    let seeked = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (seeked) return;
      seeked = true;
      for (const [partition, offsets] of want) {
        const first = [...offsets].reduce((m, o) => (BigInt(o) < m ? BigInt(o) : m), BigInt([...offsets][0]));
        consumer.seek({ topic, partition, offset: first.toString() });
      }
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const set = want.get(batch.partition);
        if (!set) return;
        for (const m of batch.messages) {
          if (set.delete(m.offset)) {
            found.push({
              topic,
              partition: batch.partition,
              offset: m.offset,
              key: m.key,
              value: m.value,
              timestamp: m.timestamp,
              headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v)])),
            });
          }
          if (BigInt(m.offset) >= (last.get(batch.partition) ?? 0n)) set.clear();
        }
        if (remaining() === 0) done();
      },
    });
    await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
    return found;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect().then(() => admin.deleteGroups([groupId])).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
