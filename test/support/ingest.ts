// Shared by the integration suites of every ingest built on @fsl/ingest: the app as a process on its own
// topics, queue and spool directory, a reader of everything it published, and plain HTTP helpers.
import { randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Consumer } from 'kafkajs';
import { topicName, type TopicId } from '@fsl/kafka';
import { cfPseudonym } from '@fsl/pseudonym';
import { decode } from '@fsl/schemas';
import { appDatabaseUrl, BROKERS, createTestTopics, isolation, TEST_PSEUDONYM_KEY, testKafka, waitFor } from './env';
import { startApp, type RunningApp } from './processes';

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

/** An ingest app and a reader of its topic. */
export interface IngestUnderTest<E> {
  /** The app's environment on `prefix`'s topics, queue and spool directory. */
  env(prefix: string, extra?: Record<string, string>): Record<string, string>;
  start(env: Record<string, string>): Promise<RunningApp>;
  /** Reads the app's topic from the beginning for the whole suite. */
  reader(prefix: string): Promise<TopicReader<E>>;
  /**
   * A suite's app, on topics, queue and spool directory of its own, and a reader of its topic: started
   * before the suite's tests, stopped (cleanly) after them.
   */
  suite(label: string, extra?: Record<string, string>): { app: RunningApp; reader: TopicReader<E> };
}

export function ingestUnderTest<E>(app: string, topic: TopicId, subjects: readonly string[]): IngestUnderTest<E> {
  const t: IngestUnderTest<E> = {
    env: (prefix, extra = {}) => ingestAppEnv(app, prefix, extra),
    start: (env) => startApp(app, env),
    reader: (prefix) => TopicReader.start<E>(prefix, topic, subjects),
    suite(label, extra = {}) {
      const { prefix } = isolation(label);
      const running = {} as { app: RunningApp; reader: TopicReader<E> };
      beforeAll(async () => {
        await createTestTopics(prefix);
        running.app = await t.start(t.env(prefix, extra));
        running.reader = await t.reader(prefix);
      });
      afterAll(async () => {
        await running.reader?.stop();
        expect(await running.app?.stop()).toBe(0);
      });
      return running;
    },
  };
  return t;
}

/** Record ids unique per run (digits kept short: an 11-digit run would be taken for a CF). */
export function ids(): () => string {
  const run = String(randomInt(10_000_000)).padStart(7, '0');
  let n = 0;
  return () => `T${run}-${++n}`;
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  return port;
}

/** 503 problem+json with Retry-After, naming none of `secrets`. */
export function expectUnavailable(res: Awaited<ReturnType<typeof post>>, secrets: readonly string[]): void {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.body.code).toBe('DEPENDENCY_UNAVAILABLE');
  for (const s of secrets) expect(res.text).not.toContain(s);
}

/** ingest_<source>_unknown_codes_total{table,code} as the app's /metrics shows it now (0 when absent). */
export async function unknownCodesMetric(metricsUrl: string, source: string, table: string, code: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith(`ingest_${source}_unknown_codes_total{`) && l.includes(`table="${table}"`) && l.includes(`code="${code}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}
