import type { Message } from 'kafkajs';
import { Pool } from 'pg';
import { coFixtures } from '@fsl/co';
import { DLQ_HEADERS, EVENT_HEADERS, topicName } from '@fsl/kafka';
import { coMessages } from './co-events';
import { appDatabaseUrl, BROKERS, createTestTopics, DATABASE_URL, isolation, testKafka, waitFor } from './env';
import { startApp, type RunningApp } from './processes';

// What the builder's source suites (SIISL, GePI) share: a builder process on the suite's own prefix and
// group, reading a counter of the builder's /metrics,
// reading the dead-letter topic, renaming the identities of a data set, and a kill -9 restart after
// Kafka forgot the group's offsets.

/** The value of one series of a counter (NaN when the series is not there). */
export async function counterValue(metricsUrl: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return Number(line?.split(' ').at(-1));
}

/** The counter once it reached `least` (it moves right after the commit the test saw), or its value at the timeout. */
export async function counterAfter(metricsUrl: string, name: string, labels: Record<string, string>, least: number): Promise<number> {
  await waitFor(`${name} ${JSON.stringify(labels)} >= ${least}`, async () => ((await counterValue(metricsUrl, name, labels)) >= least ? true : undefined)).catch(() => undefined);
  return counterValue(metricsUrl, name, labels);
}

export interface DeadLetter {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** The prefix's dead letters, read from the start until `enough` says so. */
export async function readDeadLetters(prefix: string, group: string, enough: (seen: DeadLetter[]) => boolean): Promise<DeadLetter[]> {
  const consumer = testKafka().consumer({ groupId: `${group}-dlq-${Date.now()}` });
  const seen: DeadLetter[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: topicName('deadLetters', prefix), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({ key: message.key?.toString() ?? '', value: message.value ?? Buffer.alloc(0), headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])) });
      },
    });
    await waitFor('the dead letters', async () => (enough(seen) ? true : undefined));
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

/**
 * Poison of each kind on a source topic, then a good message, all under `key`: bytes that are not Avro
 * (carrying `correlationId`, for the dead letter's log line), a CO (a subject of another topic), and
 * `invalid` (the source's own subject, but no valid record).
 */
export async function sendPoisonThenGood(topic: string, key: string, correlationId: string, invalid: Buffer, good: Message): Promise<void> {
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key, value: Buffer.from('{"not":"avro"}'), headers: { [EVENT_HEADERS.correlationId]: correlationId } },
        { key, value: coMessages(coFixtures.fixtureAssunzione())[0].value },
        { key, value: invalid },
        good,
      ],
    });
  } finally {
    await producer.disconnect();
  }
}

/** The dead letters of sendPoisonThenGood's three, as [origin topic, code]: read until all three are in. */
export async function poisonLetters(prefix: string, group: string, key: string): Promise<{ codes: string[][]; letters: DeadLetter[] }> {
  const letters = (await readDeadLetters(prefix, group, (l) => l.filter((x) => x.key === key).length >= 3)).filter((l) => l.key === key);
  return { codes: letters.map((l) => [l.headers[DLQ_HEADERS.topic], l.headers[DLQ_HEADERS.code]]), letters };
}

/** Every string (values and member names) found in `map` replaced; content hashes dropped (they hash the identities). */
export function rename(value: unknown, map: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return map.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rename(v, map));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'contentHash').map(([k, v]) => [map.get(k) ?? k, rename(v, map)]));
  return value;
}

/**
 * Two copies of one data set, the first published in its order and the second in reverse; resolves with
 * what each copy stored once `complete` holds for both.
 */
export async function storedInTwoOrders<C extends { records: readonly unknown[] }, R>(
  publish: (items: C['records']) => Promise<void>,
  copies: readonly [C, C],
  tablesOf: (copy: C) => Promise<R>,
  complete: (tables: R) => boolean,
): Promise<[R, R]> {
  await publish(copies[0].records);
  await publish([...copies[1].records].reverse());
  return waitFor(
    'both copies complete',
    async () => {
      const t: [R, R] = [await tablesOf(copies[0]), await tablesOf(copies[1])];
      return t.every(complete) ? t : undefined;
    },
    90000,
  );
}

/**
 * The builder killed with SIGKILL, Kafka made to forget where the group was on `topics` (earliest), and a
 * new builder started: only the offsets in Postgres (ADR 0003) stand between it and every message of the
 * prefix folded again.
 */
export async function killAndRestartFromEarliest(builder: RunningApp, group: string, topics: readonly string[], env: Record<string, string>): Promise<RunningApp> {
  builder.proc.kill('SIGKILL');
  await builder.stop();
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await waitFor('the dead member to leave the group', async () => ((await admin.describeGroups([group])).groups[0].state === 'Empty' ? true : undefined), 60000, 1000);
    for (const topic of topics) await admin.resetOffsets({ groupId: group, topic, earliest: true });
  } finally {
    await admin.disconnect();
  }
  return startApp('dossier-builder', env);
}

/** One message on every partition of `topic` (a marker each): once all are applied, every partition was read past what came before. */
export async function sendOnEveryPartition(topic: string, message: (i: number) => Message): Promise<number> {
  const admin = testKafka().admin();
  await admin.connect();
  const partitions = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions.map((p) => p.partitionId);
  await admin.disconnect();
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: partitions.map((partition, i) => ({ ...message(i), partition })) });
  } finally {
    await producer.disconnect();
  }
  return partitions.length;
}

export interface BuilderSuite {
  prefix: string;
  group: string;
  /** The test database as its owner, to read what the builder wrote. */
  pool: Pool;
  /** The running builder (a new process after restartFromEarliest). */
  readonly builder: RunningApp;
  /** killAndRestartFromEarliest on `topics`. */
  restartFromEarliest(topics: readonly string[]): Promise<void>;
  /** Everything every builder process of the suite wrote so far. */
  output(): string;
}

/** A builder process for the describe block it is called in: started before its tests, stopped (exit 0) after. */
export function builderSuite(label: string): BuilderSuite {
  const { prefix, group } = isolation(label);
  const env = { KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, DATABASE_URL: appDatabaseUrl('fsl_builder'), CONSUMER_GROUP: group };
  const logs: string[] = [];
  let builder: RunningApp | undefined;
  const running = (): RunningApp => {
    if (!builder) throw new Error('the builder is not started yet (use it inside a test)');
    return builder;
  };
  const suite: BuilderSuite = {
    prefix,
    group,
    pool: new Pool({ connectionString: DATABASE_URL, max: 2 }),
    get builder() {
      return running();
    },
    async restartFromEarliest(topics) {
      logs.push(running().output());
      builder = await killAndRestartFromEarliest(running(), group, topics, env);
    },
    output: () => [...logs, builder?.output() ?? ''].join('\n'),
  };
  beforeAll(async () => {
    await createTestTopics(prefix);
    builder = await startApp('dossier-builder', env);
  });
  afterAll(async () => {
    logs.push(running().output());
    expect(await running().stop()).toBe(0);
    builder = undefined;
    await suite.pool.end();
  });
  return suite;
}
