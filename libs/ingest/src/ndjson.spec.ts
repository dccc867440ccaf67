import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '@fsl/http';
import { LINE_TOO_LONG, NdjsonSplitter, readBatchLines, readNdjsonFile, spoolBody, toLineInputs as toInputs, type RawLine } from './ndjson';

/** As a source that reads NDJSON lines as text (the CO source's input) does. */
const toLineInputs = (lines: readonly RawLine[]) => toInputs(lines, (text) => ({ format: 'ndjson-line' as const, text }));

const text = '\uFEFF{"a":1}\r\n\n{"b":"è"}\n   \n{"c":3}';

function split(input: string, chunkSize: number, max = 1024): RawLine[] {
  const buf = Buffer.from(input, 'utf8');
  const s = new NdjsonSplitter(0, 0, max);
  const out: RawLine[] = [];
  for (let i = 0; i < buf.length; i += chunkSize) out.push(...s.push(buf.subarray(i, i + chunkSize)));
  return [...out, ...s.end()];
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('NdjsonSplitter', () => {
  it('numbers every line, strips BOM and CR, and gives exact byte offsets whatever the chunking', () => {
    const expected = [
      { riga: 1, text: '{"a":1}', tooLong: false, end: 12 },
      { riga: 2, text: '', tooLong: false, end: 13 },
      { riga: 3, text: '{"b":"è"}', tooLong: false, end: 24 },
      { riga: 4, text: '   ', tooLong: false, end: 28 },
      { riga: 5, text: '{"c":3}', tooLong: false, end: 35 },
    ];
    for (const size of [1, 2, 3, 7, 1000]) expect(split(text, size)).toEqual(expected);
    expect(Buffer.byteLength(text)).toBe(35);
  });

  it('drops an over-long line without buffering it and goes on with the next', () => {
    const lines = split(`${'x'.repeat(50)}\n{"ok":1}\n`, 8, 20);
    expect(lines).toEqual([
      { riga: 1, text: '', tooLong: true, end: 51 },
      { riga: 2, text: '{"ok":1}', tooLong: false, end: 60 },
    ]);
    expect(toLineInputs(lines)).toEqual([
      { riga: 1, problems: [LINE_TOO_LONG] },
      { riga: 2, input: { format: 'ndjson-line', text: '{"ok":1}' } },
    ]);
  });

  it('skips blank lines when turning lines into records', () => {
    expect(toLineInputs(split(text, 5)).map((l) => l.riga)).toEqual([1, 3, 5]);
  });
});

describe('files and bodies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-co-ndjson-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes reading a file from a recorded offset with the same numbering', async () => {
    const file = join(dir, 'f.ndjson');
    writeFileSync(file, text);
    const all = await collect(readNdjsonFile(file, { offset: 0, riga: 0 }, 1024));
    const rest = await collect(readNdjsonFile(file, { offset: all[1].end, riga: all[1].riga }, 1024));
    expect(rest).toEqual(all.slice(2));
  });

  it('spools a body to a file and refuses one over the limit, leaving nothing behind', async () => {
    const file = join(dir, 'spooled.ndjson');
    expect(await spoolBody(Readable.from([Buffer.from('{"a":1}\n'), Buffer.from('{"b":2}\n')]), file, 100)).toBe(16);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    const big = join(dir, 'big.ndjson');
    await expect(spoolBody(Readable.from([Buffer.alloc(80), Buffer.alloc(80)]), big, 100)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(() => readFileSync(big)).toThrow();
    expect(() => readFileSync(`${big}.partial`)).toThrow();
  });

  it('refuses a synchronous batch over the line or byte limit', async () => {
    const limits = { maxBytes: 1000, maxLines: 2, maxLineBytes: 100 };
    expect(await readBatchLines(Readable.from([Buffer.from('{"a":1}\n{"b":2}\n')]), limits)).toHaveLength(2);
    const tooMany = readBatchLines(Readable.from([Buffer.from('{}\n{}\n{}\n')]), limits);
    await expect(tooMany).rejects.toBeInstanceOf(AppError);
    await expect(readBatchLines(Readable.from([Buffer.alloc(2000)]), limits)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
