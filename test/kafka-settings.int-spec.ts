import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigResourceTypes } from 'kafkajs';
import { topicName } from '@fsl/kafka';
import { BROKERS, DATABASE_URL, isolation, testKafka, waitFor } from './support/env';
import { startApp, type RunningApp } from './support/processes';

// Topics get the replication settings of the configuration, and the Kafka client its transport
// security, against the real (single-broker, plaintext) dev broker.

const ROOT = join(__dirname, '..');

async function setup(env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'setup.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL, KAFKA_BROKERS: BROKERS, ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

async function topicConfig(topic: string): Promise<{ replicas: number; minInsync?: string }> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
    });
    const entry = resources[0]?.configEntries.find((e) => e.configName === 'min.insync.replicas');
    // Only a value set on the topic itself counts: the broker default would say 1 as well.
    return { replicas: meta.topics[0]!.partitions[0]!.replicas.length, minInsync: entry && !entry.isDefault ? entry.configValue : undefined };
  } finally {
    await admin.disconnect();
  }
}

async function deleteTopics(prefix: string): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length) await admin.deleteTopics({ topics: mine });
  } finally {
    await admin.disconnect();
  }
}

describe('topic replication from configuration (scripts/setup.js)', () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const p of prefixes) await deleteTopics(p);
  }, 60_000);

  it('creates the topics with the configured replication factor and min.insync.replicas', async () => {
    const { prefix } = isolation('topics-dev');
    prefixes.push(prefix);
    const res = await setup({ KAFKA_TOPIC_PREFIX: prefix, KAFKA_REPLICATION_FACTOR: '1', KAFKA_MIN_INSYNC_REPLICAS: '1' });
    expect(res).toMatchObject({ code: 0 });
    expect(await topicConfig(topicName('coComunicazioni', prefix))).toEqual({ replicas: 1, minInsync: '1' });
  }, 60_000);

  it('asks the broker for the configured replication: 3 copies on a one-broker cluster is refused by the broker', async () => {
    const { prefix } = isolation('topics-rf3');
    prefixes.push(prefix);
    const res = await setup({ KAFKA_TOPIC_PREFIX: prefix, KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' });
    expect(res.code).toBe(1);
    expect(res.output).toMatch(/setup failed: .*replication/i);
  }, 60_000);

  it('refuses, in production, fewer than 3 copies or fewer than 2 in sync, naming the variables', async () => {
    const res = await setup({ NODE_ENV: 'production', KAFKA_TOPIC_PREFIX: 'never.created.' });
    expect(res.code).toBe(78);
    expect(res.output).toContain('KAFKA_REPLICATION_FACTOR');
    expect(res.output).toContain('KAFKA_MIN_INSYNC_REPLICAS');
  }, 60_000);
});

describe('Kafka client transport security from configuration', () => {
  const apps: RunningApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
  }, 60_000);

  const kafkaCheck = async (env: Record<string, string>) => {
    const app = await startApp('ingest-siisl', { KAFKA_BROKERS: BROKERS, ...env });
    apps.push(app);
    // The broker probe gives up within its own limit; ask until its answer settles.
    return waitFor('a kafka verdict', async () => {
      const body = (await (await fetch(`${app.url}/status`)).json()) as { checks: { kafka: string } };
      return body.checks.kafka;
    });
  };

  it('plaintext reaches the dev broker; TLS or SASL configured makes the client speak them (which this broker refuses)', async () => {
    expect(await kafkaCheck({})).toBe('up');
    expect(await kafkaCheck({ KAFKA_SSL: 'true' })).toBe('down');
    expect(await kafkaCheck({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'fsl', KAFKA_SASL_PASSWORD: 'not-a-real-password' })).toBe('down');
  }, 120_000);
});
