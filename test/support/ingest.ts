// Shared by the integration suites of every ingest built on @fsl/ingest: the app as a process on its own
// topics, queue and spool directory, a reader of everything it published, and plain HTTP helpers.
import { randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Consumer } from 'kafkajs';
import { topicName, type TopicId } from '@fsl/kafka';
import { cfPseudonym } from '@fsl/pseudonym';
import { decode } from '@fsl/schemas';
import { appDatabaseUrl, BROKERS, TEST_PSEUDONYM_KEY, testKafka, waitFor } from './env';

/** The environment of an ingest app on `prefix`'s topics, with its own BullMQ queue and spool directory. */
export function ingestAppEnv(app: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    KAFKA_BROKERS: BROKERS,
    KAFKA_TOPIC_PREFIX: prefix,
    PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
    DATABASE_URL: appDatabaseUrl('fsl_ingest'),
    LOTTI_QUEUE: `${prefix}lotti`,
    SPOOL_DIR: mkdtempSync(join(tmpdir(), `${app}-spool-`)),
    ...extra,
  };
}

export const keyOf = (cf: string): string => cfPseudonym(cf, TEST_PSEUDONYM_KEY);

export interface TopicMessage<E> {
  key: string;
  partition: number;
  headers: Record<string, string>;
  value: Buffer;
  subject: string;
  event: E;
}

/** Reads one topic from the beginning for the whole suite; a message of a subject not listed fails it. */
export class TopicReader<E> {
  readonly messages: TopicMessage<E>[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async start<E>(prefix: string, topic: TopicId, subjects: readonly string[]): Promise<TopicReader<E>> {
    const consumer = testKafka().consumer({ groupId: `${prefix}reader-${randomInt(1e9)}` });
    const reader = new TopicReader<E>(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(topic, prefix), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        const value = message.value ?? Buffer.alloc(0);
        const d = decode(value);
        if (!subjects.includes(d.subject)) throw new Error(`unexpected subject ${d.subject}`);
        reader.messages.push({ key: message.key?.toString() ?? '', partition, headers, value, subject: d.subject, event: d.value as E });
      },
    });
    return reader;
  }

  withEventIds(ids: Iterable<string>): TopicMessage<E>[] {
    const want = new Set(ids);
    return this.messages.filter((m) => want.has(m.headers['event-id']));
  }

  /** Waits until `count` messages carry one of `ids`, then a little longer so that extra copies would show. */
  async settled(ids: Iterable<string>, count: number, quietMs = 1500): Promise<TopicMessage<E>[]> {
    const list = [...ids];
    await waitFor(`${count} messages on the topic`, async () => (this.withEventIds(list).length >= count ? true : undefined), 60_000);
    await new Promise((r) => setTimeout(r, quietMs));
    return this.withEventIds(list);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

export async function post(url: string, body: string, contentType: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}
