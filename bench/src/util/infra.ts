import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createKafka, type Kafka } from '@fsl/kafka';
import { createLogger } from '@fsl/logging';
import { ROOT, type Run } from '../settings';

// The run's own database and topics: created fresh at the start, removed at the end, so runs never
// see each other's data and the shared broker and Postgres keep nothing of ours.

const run = promisify(execFile);

async function onAdminDb<T>(url: string, work: (c: Client, name: string) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  const name = decodeURIComponent(admin.pathname.slice(1));
  // Only names the harness could have chosen: a typo must never drop somebody's database.
  if (!/^fsl_bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to manage database ${name}: the bench database name must start with fsl_bench`);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    return await work(c, name);
  } finally {
    await c.end();
  }
}

/** The run's database as an app's least-privilege role (libs/db/src/roles.ts), as the apps are deployed. */
export function asRole(url: string, role: 'fsl_ingest' | 'fsl_builder' | 'fsl_api'): string {
  const u = new URL(url);
  u.username = role;
  u.password = '';
  return u.toString();
}

export function dropDatabase(url: string): Promise<void> {
  return onAdminDb(url, async (c, name) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
}

/** A new, empty, migrated database and the run's topics, through the project's own setup script. */
export async function prepare(r: Run): Promise<void> {
  await dropDatabase(r.databaseUrl);
  await run(process.execPath, [join(ROOT, 'scripts', 'setup.js')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: r.databaseUrl, KAFKA_BROKERS: r.brokers.join(','), KAFKA_TOPIC_PREFIX: r.prefix, LOG_LEVEL: 'warn' },
  });
}

export function benchKafka(r: Run, clientId = 'fsl-bench'): Kafka {
  return createKafka({ brokers: r.brokers, clientId, logger: createLogger({ service: 'bench', level: 'silent' }) });
}

/** Sum of the high watermarks of a topic: where a consumer that read everything stands. */
export async function topicEnd(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

export async function deleteRunTopics(r: Run): Promise<string[]> {
  const admin = benchKafka(r).admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(r.prefix));
    if (mine.length) await admin.deleteTopics({ topics: mine, timeout: 30_000 });
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.endsWith(r.id));
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
    return mine;
  } finally {
    await admin.disconnect();
  }
}

/**
 * The run's keys in the shared Redis: the ingest's file-job queue (BullMQ, `bull:fsl-bench-<id>:…`)
 * and the harness's own (`fsl-bench-<id>:…`). SCAN, not KEYS: other people's keys live there too.
 */
export async function deleteRunKeys(r: Run): Promise<number> {
  const redis = new Redis(r.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let deleted = 0;
    for (const pattern of [`bull:fsl-bench-${r.id}:*`, `fsl-bench-${r.id}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        if (keys.length) deleted += await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}
