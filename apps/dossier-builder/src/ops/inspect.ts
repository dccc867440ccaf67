import { LIVE_SCHEMA, schemaExists, SET_SCHEMAS } from '@fsl/db';
import { topicName } from '@fsl/kafka';
import { maskCodiciFiscali, maskDeep } from '@fsl/logging';
import { getDefaultCodec } from '@fsl/schemas';
import { OpsError, type OpsContext } from './context';
import { readAt, resolveTopic, sourceTopics, watermarks, type ReadMessage } from './kafka-info';
import { offsetKey, storedOffsets } from './replay';

// What an operator looks at: the builder's topics and their partitions, where each set and each Kafka group
// is and how far behind the end; one message by its coordinates, decoded, every CF in it masked.

export interface PartitionView {
  partition: number;
  low: string;
  high: string;
}

export interface OffsetsView {
  /** Whose offsets: a set (stored in Postgres with its data) or a Kafka group (a hint). */
  name: string;
  kind: 'set' | 'kafka-group';
  partitions: Array<{ topic: string; partition: number; offset: string; lag: string }>;
  lag: string;
}

export interface InspectResult {
  topics: Array<{ topic: string; partitions: PartitionView[] }>;
  offsets: OffsetsView[];
  rebuild: { state: string; startedAt: string } | null;
}

export async function inspectOverview(ctx: OpsContext): Promise<InspectResult> {
  const prefix = ctx.config.KAFKA_TOPIC_PREFIX;
  const sources = sourceTopics(prefix);
  const all = await watermarks(ctx.kafka, [...sources, topicName('deadLetters', prefix)]);
  const topics = [...new Set(all.map((w) => w.topic))].map((topic) => ({
    topic,
    partitions: all.filter((w) => w.topic === topic).map((w) => ({ partition: w.partition, low: w.low, high: w.high })),
  }));
  const ends = new Map(all.map((w) => [offsetKey(w.topic, w.partition), BigInt(w.high)]));
  const view = (name: string, kind: OffsetsView['kind'], offsets: Map<string, bigint>): OffsetsView => {
    const partitions = [...offsets]
      .filter(([k]) => ends.has(k))
      .map(([k, v]) => {
        const [topic, p] = [k.slice(0, k.lastIndexOf('|')), Number(k.slice(k.lastIndexOf('|') + 1))];
        const end = ends.get(k) ?? v;
        return { topic, partition: p, offset: v.toString(), lag: (end > v ? end - v : 0n).toString() };
      })
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    return { name, kind, partitions, lag: partitions.reduce((n, p) => n + BigInt(p.lag), 0n).toString() };
  };
  const offsets: OffsetsView[] = [];
  for (const schema of [LIVE_SCHEMA, SET_SCHEMAS.next, SET_SCHEMAS.prev, SET_SCHEMAS.check]) {
    if (schema !== LIVE_SCHEMA && !(await schemaExists(ctx.db, schema))) continue;
    const { rows } = await ctx.db.query<{ consumer_group: string }>(`SELECT DISTINCT consumer_group FROM ${schema}.consumer_offsets ORDER BY 1`);
    for (const { consumer_group } of rows) {
      const stored = await storedOffsets(ctx.db, schema, consumer_group);
      if ([...stored.keys()].some((k) => ends.has(k))) offsets.push(view(`${schema === LIVE_SCHEMA ? 'live set' : schema} (${consumer_group})`, 'set', stored));
    }
  }
  const admin = ctx.kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    // The builder's group and the operator's own (rebuilds, checks): other consumers of a shared broker are not ours to show.
    const ours = groups.filter((g) => g.groupId === ctx.config.CONSUMER_GROUP || g.groupId.startsWith(`${ctx.config.CONSUMER_GROUP}.`));
    for (const { groupId } of ours.sort((a, b) => a.groupId.localeCompare(b.groupId))) {
      const committed = await admin.fetchOffsets({ groupId, topics: sources });
      const m = new Map<string, bigint>();
      for (const t of committed) for (const p of t.partitions) if (p.offset !== '-1') m.set(offsetKey(t.topic, p.partition), BigInt(p.offset));
      if (m.size > 0) offsets.push(view(groupId, 'kafka-group', m));
    }
  } finally {
    await admin.disconnect();
  }
  const { rows } = await ctx.db.query<{ state: string; started_at: Date }>('SELECT state, started_at FROM fsl_ops.rebuild WHERE target = $1', [SET_SCHEMAS.next]);
  return { topics, offsets, rebuild: rows[0] ? { state: rows[0].state, startedAt: rows[0].started_at.toISOString() } : null };
}

export interface DecodedMessage {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  headers: Record<string, string>;
  subject?: string;
  value?: unknown;
  /** Why the value does not decode (a dead letter's reason, usually). */
  undecodable?: string;
}

/** One message shown to an operator: decoded when it is Avro single-object, every CF masked either way. */
export function decodeForOperator(m: ReadMessage): DecodedMessage {
  const base: DecodedMessage = {
    topic: m.topic,
    partition: m.partition,
    offset: m.offset,
    timestamp: new Date(Number(m.timestamp)).toISOString(),
    key: m.key === null ? null : maskCodiciFiscali(m.key.toString()),
    headers: maskDeep(m.headers) as Record<string, string>,
  };
  try {
    const decoded = getDefaultCodec().decode(m.value ?? Buffer.alloc(0));
    return { ...base, subject: decoded.subject, value: maskDeep(JSON.parse(JSON.stringify(decoded.value, (_k, v) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v)))) };
  } catch (err) {
    const text = (m.value ?? Buffer.alloc(0)).toString('utf8');
    return { ...base, undecodable: `${(err as Error).name}: ${maskCodiciFiscali((err as Error).message)}`, value: maskCodiciFiscali(text.length > 2000 ? `${text.slice(0, 2000)}…` : text) };
  }
}

export async function inspectMessage(ctx: OpsContext, topicArg: string, partition: number, offset: string): Promise<DecodedMessage> {
  const topic = resolveTopic(topicArg, ctx.config.KAFKA_TOPIC_PREFIX);
  const [found] = await readAt(ctx.kafka, topic, new Map([[partition, [offset]]]));
  if (!found) throw new OpsError(`no message at ${topic}[${partition}]@${offset} (past the end, or removed by retention)`);
  return decodeForOperator(found);
}
