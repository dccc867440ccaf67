import type { Kafka } from 'kafkajs';
import { allTopics } from './topics';

export interface TopicDurability {
  /** Copies of every partition (1 on the dev broker; at least 3 in production). */
  replicationFactor: number;
  /** Copies that must have a write before acks=all succeeds (at least 2 in production). */
  minInsyncReplicas: number;
}

const DEV_BROKER: TopicDurability = { replicationFactor: 1, minInsyncReplicas: 1 };

/** Create every declared topic that is missing; existing topics are left as they are. */
export async function ensureTopics(kafka: Kafka, prefix = '', durability: TopicDurability = DEV_BROKER): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = allTopics().filter((t) => !existing.has(prefix + t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: prefix + t.name,
          numPartitions: t.partitions,
          replicationFactor: durability.replicationFactor,
          configEntries: Object.entries({ ...t.config, 'min.insync.replicas': String(durability.minInsyncReplicas) }).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    return missing.map((t) => prefix + t.name);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Cheap liveness probe for /status: one metadata round trip, bounded in time, so a dead broker turns
 * the status red in about a second instead of after kafkajs' retries.
 */
export class BrokerProbe {
  private last = { at: 0, ok: false };

  constructor(
    private readonly kafka: Kafka,
    private readonly timeoutMs = 1500,
    private readonly cacheMs = 1000,
  ) {}

  async isUp(): Promise<boolean> {
    const now = Date.now();
    if (now - this.last.at < this.cacheMs) return this.last.ok;
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), this.timeoutMs);
    });
    let ok = false;
    try {
      await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
      ok = true;
    } catch {
      ok = false;
    } finally {
      clearTimeout(timer);
      admin.disconnect().catch(() => undefined);
    }
    this.last = { at: Date.now(), ok };
    return ok;
  }
}

/** The broker as a /status dependency. */
export function kafkaHealthCheck(kafka: Kafka): { name: string; isUp: () => Promise<boolean> } {
  const probe = new BrokerProbe(kafka);
  return { name: 'kafka', isUp: () => probe.isUp() };
}
