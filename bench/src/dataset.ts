import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { defaultCodeLists, iterateCoHistories, type Co } from '@fsl/co';
import { EVENT_HEADERS, type EventProducer, type OutgoingMessage } from '@fsl/kafka';
import { pseudonymizer } from '@fsl/pseudonym';
import { coAdapter } from '@fsl/app-ingest-co/dist/co.adapter';
import { EventPublisher } from '@fsl/ingest';
import { DATA_DIR } from './settings';
import { step } from './util/log';
import { generateLargeDataset } from './dataset-large';

// The replay data set: generated CO histories turned into Kafka messages by the CO ingest's own
// mapping and publisher code, so every message is byte for byte what the ingest would publish
// (only ingestedAt differs). Generated once per (seed, size) into bench/.data and reused.
//
// File format, one record after the other: u16 key length, key, u16 event-id length, event id,
// u32 value length, value. Records are in delivery order (dataInvio), as a topic that received the
// COs as they were sent: consecutive events mostly belong to different workers.

export const CO_SUBJECT = 'co.comunicazione-obbligatoria';

export interface DatasetInfo {
  path: string;
  events: number;
  workers: number;
  rejected: number;
}

/** The messages the ingest would send for one CO, captured from its publisher instead of Kafka. */
export function ingestMessages(cos: Co[], pseudonymKey: string): { messages: OutgoingMessage[]; rejected: number } {
  const adapter = coAdapter(defaultCodeLists());
  const captured: OutgoingMessage[] = [];
  const capture = { send: async (_topic: string, m: OutgoingMessage[]) => void captured.push(...m) } as unknown as EventProducer;
  const publisher = new EventPublisher(capture, 'capture', pseudonymizer(pseudonymKey));
  let rejected = 0;
  for (const co of cos) {
    const read = adapter.read({ format: 'json', value: co }, { now: Date.now() });
    if (!read.ok) {
      rejected += 1;
      continue;
    }
    // publish() only awaits the capture above, which completes synchronously.
    void publisher.publish(read.messages);
  }
  return { messages: captured, rejected };
}

function encodeRecord(m: OutgoingMessage): Buffer {
  const key = Buffer.from(m.key);
  const id = Buffer.from(String(m.headers?.[EVENT_HEADERS.eventId] ?? ''));
  const out = Buffer.allocUnsafe(2 + key.length + 2 + id.length + 4 + m.value.length);
  let o = out.writeUInt16BE(key.length, 0);
  o += key.copy(out, o);
  o = out.writeUInt16BE(id.length, o);
  o += id.copy(out, o);
  o = out.writeUInt32BE(m.value.length, o);
  m.value.copy(out, o);
  return out;
}

/** Above this many events the records are sorted outside the heap (dataset-large.ts). */
const LARGE = 2_000_000;

/** Generate the data set unless the file is already there; ~1M events take about two minutes. */
export async function ensureDataset(events: number, seed: number, pseudonymKey: string): Promise<DatasetInfo> {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `co-seed${seed}-${events}.bin`);
  const meta = `${path}.json`;
  if (existsSync(path) && existsSync(meta)) return { path, ...(JSON.parse(readFileSync(meta, 'utf8')) as Omit<DatasetInfo, 'path'>) };
  step(`generating ${events} events (seed ${seed}) into ${path}`);
  if (events > LARGE) {
    const info = await generateLargeDataset(path, events, seed, (co) => {
      const r = ingestMessages([co as Co], pseudonymKey);
      return { records: r.messages.map(encodeRecord), rejected: r.rejected };
    });
    step(`data set ready: ${info.events} events of ${info.workers} workers (${info.rejected} COs refused by the ingest rules)`);
    return { path, ...info };
  }
  const records: { at: number; seq: number; buf: Buffer }[] = [];
  let workers = 0;
  let rejected = 0;
  for (const h of iterateCoHistories({ workers: 10_000_000, seed })) {
    if (records.length >= events) break;
    workers += 1;
    for (const co of h.cos) {
      const r = ingestMessages([co], pseudonymKey);
      rejected += r.rejected;
      const at = Date.parse(co.datiInvio.dataInvio);
      for (const m of r.messages) records.push({ at, seq: records.length, buf: encodeRecord(m) });
    }
  }
  records.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const tmp = `${path}.tmp`;
  const file = createWriteStream(tmp);
  for (const r of records) if (!file.write(r.buf)) await once(file, 'drain');
  file.end();
  await once(file, 'finish');
  renameSync(tmp, path);
  const info = { events: records.length, workers, rejected };
  writeFileSync(meta, JSON.stringify(info));
  step(`data set ready: ${info.events} events of ${workers} workers (${rejected} COs refused by the ingest rules)`);
  return { path, ...info };
}

/** The data set's messages in order, `size` at a time, streamed (the file does not fit the heap comfortably). */
export async function* readDataset(path: string, size: number): AsyncGenerator<OutgoingMessage[]> {
  let pending: Buffer = Buffer.alloc(0);
  let batch: OutgoingMessage[] = [];
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let o = 0;
    for (;;) {
      if (pending.length - o < 2) break;
      const kl = pending.readUInt16BE(o);
      if (pending.length - o < 2 + kl + 2) break;
      const il = pending.readUInt16BE(o + 2 + kl);
      const vo = o + 2 + kl + 2 + il;
      if (pending.length < vo + 4) break;
      const vl = pending.readUInt32BE(vo);
      if (pending.length < vo + 4 + vl) break;
      batch.push({
        key: pending.toString('utf8', o + 2, o + 2 + kl),
        value: Buffer.from(pending.subarray(vo + 4, vo + 4 + vl)),
        headers: { [EVENT_HEADERS.eventId]: pending.toString('utf8', o + 4 + kl, o + 4 + kl + il), [EVENT_HEADERS.subject]: CO_SUBJECT },
      });
      o = vo + 4 + vl;
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    pending = pending.subarray(o);
  }
  if (batch.length) yield batch;
}
