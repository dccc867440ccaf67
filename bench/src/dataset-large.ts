import { createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { iterateCoHistories } from '@fsl/co';
import { step } from './util/log';

// The 10M-event data set of the scale run does not fit the in-memory sort of the 1M one (~15 GB of
// records), so it is sorted outside the heap: each record goes to the file of its delivery month, in
// generation order, then each month is read back, sorted by delivery time (ties: generation order, as
// the small set does) and appended. Same file format and same order rule as the small set, so the two
// are one data set at two sizes.

interface Bucket {
  path: string;
  stream: WriteStream;
  count: number;
}

/** Writes `events` records of seed `seed` to `path` (+ `.json` meta), in delivery order, with a bounded heap. */
export async function generateLargeDataset(
  path: string,
  events: number,
  seed: number,
  toRecords: (co: unknown) => { records: Buffer[]; rejected: number },
): Promise<{ events: number; workers: number; rejected: number }> {
  const dir = `${path}.buckets`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const buckets = new Map<string, Bucket>();
  let written = 0;
  let workers = 0;
  let rejected = 0;
  let seq = 0;
  for (const h of iterateCoHistories({ workers: 10_000_000, seed })) {
    if (written >= events) break;
    workers += 1;
    for (const co of h.cos) {
      const at = Date.parse(co.datiInvio.dataInvio);
      const r = toRecords(co);
      rejected += r.rejected;
      const month = new Date(at).toISOString().slice(0, 7);
      let b = buckets.get(month);
      if (!b) {
        const p = join(dir, `${month}.part`);
        b = { path: p, stream: createWriteStream(p, { highWaterMark: 1 << 20 }), count: 0 };
        buckets.set(month, b);
      }
      for (const rec of r.records) {
        // Per record in the bucket: f64 time, u32 generation sequence, u32 length, the record.
        const head = Buffer.allocUnsafe(16);
        head.writeDoubleBE(at, 0);
        head.writeUInt32BE(seq++, 8);
        head.writeUInt32BE(rec.length, 12);
        b.stream.write(head);
        if (!b.stream.write(rec)) await once(b.stream, 'drain');
        b.count += 1;
        written += 1;
      }
    }
    if (workers % 50_000 === 0) step(`  generated ${written} events of ${workers} workers`);
  }
  await Promise.all([...buckets.values()].map(async (b) => {
    b.stream.end();
    await once(b.stream, 'finish');
  }));
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp, { highWaterMark: 1 << 20 });
  for (const month of [...buckets.keys()].sort()) {
    const data = readFileSync(buckets.get(month)!.path);
    const recs: { at: number; seq: number; start: number; end: number }[] = [];
    for (let o = 0; o < data.length; ) {
      const len = data.readUInt32BE(o + 12);
      recs.push({ at: data.readDoubleBE(o), seq: data.readUInt32BE(o + 8), start: o + 16, end: o + 16 + len });
      o += 16 + len;
    }
    recs.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const r of recs) if (!out.write(data.subarray(r.start, r.end))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
  rmSync(dir, { recursive: true, force: true });
  const info = { events: written, workers, rejected };
  writeFileSync(`${path}.json`, JSON.stringify(info));
  return info;
}
