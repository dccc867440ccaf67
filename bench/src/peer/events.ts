import { Partitioners, type Message } from 'kafkajs';
import { getDefaultCodec } from '@fsl/schemas';
import type { Kafka, OutgoingMessage } from '@fsl/kafka';
import { readDataset } from '../dataset';
import { nowMs, round } from '../util/stats';

// The data set's events as an integrator without our merge logic would land them: one row per event,
// upserted by event id. The same rows feed the peer (Kafka Connect + the Debezium JDBC sink, through a
// topic of its own in Connect's JsonConverter format with schemas) and the raw Postgres baselines
// (a set-based insert and COPY), so all three write the same bytes into the same table shape.

export interface EventRow {
  eventId: string;
  /** The Kafka key: the worker's pseudonym. */
  personKey: string;
  occurredAt: number;
  /** The decoded event (header and payload) as JSON text, ~2 kB: the event-sized part of the row. */
  payload: string;
}

/** The table every writer of these rows gets, created empty before each measurement. */
export const eventTableDdl = (table: string) =>
  `CREATE TABLE ${table} (event_id text PRIMARY KEY, person_key text NOT NULL, occurred_at bigint NOT NULL, payload text NOT NULL)`;

export function eventRow(m: OutgoingMessage): EventRow {
  const decoded = getDefaultCodec().decode(m.value).value as { header: { eventId: string; occurredAt: number } };
  return { eventId: decoded.header.eventId, personKey: m.key, occurredAt: Number(decoded.header.occurredAt), payload: JSON.stringify(decoded) };
}

/** Connect's JsonConverter envelope (value.converter.schemas.enable=true): the schema travels with every record. */
const SCHEMA = {
  type: 'struct',
  name: 'fsl.bench.Event',
  optional: false,
  fields: [
    { field: 'event_id', type: 'string', optional: false },
    { field: 'person_key', type: 'string', optional: false },
    { field: 'occurred_at', type: 'int64', optional: false },
    { field: 'payload', type: 'string', optional: false },
  ],
};

export function connectRecord(r: EventRow): string {
  return JSON.stringify({ schema: SCHEMA, payload: { event_id: r.eventId, person_key: r.personKey, occurred_at: r.occurredAt, payload: r.payload } });
}

export interface PeerTopic {
  topic: string;
  events: number;
  meanRecordBytes: number;
  /** The last event id of every partition: once all are in the table, everything is (a sink task writes a partition in order). */
  lastIds: string[];
  /** Distinct event ids: the rows an upsert by event id leaves. */
  distinctIds: number;
  /** The first `keep` rows, for the raw baselines. */
  sample: EventRow[];
  seconds: number;
}

/**
 * Fill the peer's topic with the data set's events (same keys, so the same partitions as the replay
 * topic), before anything is measured. Partitions are chosen here with kafkajs's default partitioner,
 * so the harness knows which event is the last of each.
 */
export async function loadPeerTopic(kafka: Kafka, topic: string, datasetPath: string, partitions: number, keep: number): Promise<PeerTopic> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, i) => ({ partitionId: i, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = nowMs();
  const lastIds = new Map<number, string>();
  const ids = new Set<string>();
  const sample: EventRow[] = [];
  let events = 0;
  let bytes = 0;
  try {
    // 200 records a request: ~3.3 kB each, under the broker's 1 MB per partition batch.
    for await (const batch of readDataset(datasetPath, 200)) {
      const messages: Message[] = batch.map((m) => {
        const row = eventRow(m);
        if (sample.length < keep) sample.push(row);
        const value = connectRecord(row);
        bytes += value.length;
        const partition = partitioner({ topic, partitionMetadata, message: { key: m.key, value } });
        lastIds.set(partition, row.eventId);
        ids.add(row.eventId);
        return { key: m.key, value, partition };
      });
      await producer.send({ topic, acks: -1, messages });
      events += messages.length;
    }
  } finally {
    await producer.disconnect();
  }
  return { topic, events, meanRecordBytes: Math.round(bytes / Math.max(1, events)), lastIds: [...lastIds.values()], distinctIds: ids.size, sample, seconds: round((nowMs() - started) / 1000) };
}
