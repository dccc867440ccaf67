// NDJSON as bytes: lines are cut on 0x0A (never part of a multi-byte UTF-8 sequence), so the byte offset
// after each line is exact. A file job records that offset with its progress and resumes from it.
import { createReadStream, promises as fsp } from 'node:fs';
import type { Readable } from 'node:stream';
import { declaredLength, payloadTooLarge } from '@fsl/http';
import type { Problem } from './adapter';
import type { LineInput } from './ingest.service';

export interface RawLine {
  /** 1-based line number in the whole file. */
  riga: number;
  text: string;
  /** Longer than the limit: its content was dropped, never buffered whole. */
  tooLong: boolean;
  /** Byte offset just past this line (and its newline) in the whole file. */
  end: number;
}

export const LINE_TOO_LONG: Problem = { path: '', code: 'LINE_TOO_LONG', message: 'The line is longer than the configured limit.' };

export class NdjsonSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private lineBytes = 0;
  private tooLong = false;

  /** `riga` and `offset` are where the previous reading stopped (0, 0 for a whole file). */
  constructor(
    private riga: number,
    private offset: number,
    private readonly maxLineBytes: number,
  ) {}

  push(chunk: Buffer): RawLine[] {
    const out: RawLine[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      // A whole line inside this chunk (the usual case): decoded where it lies, without the copy that
      // joining the pieces of a line split across chunks needs.
      if (nl !== -1 && this.lineBytes === 0 && nl - start <= this.maxLineBytes) {
        this.lineBytes = nl - start + 1;
        out.push(this.emit(chunk.toString('utf8', start, nl)));
        start = nl + 1;
        continue;
      }
      const piece = chunk.subarray(start, nl === -1 ? chunk.length : nl);
      this.take(piece);
      if (nl === -1) return out;
      this.lineBytes += 1; // the newline
      out.push(this.emit());
      start = nl + 1;
    }
  }

  /** The last line when the input does not end with a newline. */
  end(): RawLine[] {
    return this.lineBytes > 0 ? [this.emit()] : [];
  }

  private take(piece: Buffer): void {
    this.lineBytes += piece.length;
    if (this.tooLong) return;
    this.pending.push(piece);
    this.pendingBytes += piece.length;
    if (this.pendingBytes > this.maxLineBytes) {
      this.tooLong = true;
      this.pending = [];
      this.pendingBytes = 0;
    }
  }

  /** `whole`: the line's text when it was not gathered in `pending`. */
  private emit(whole?: string): RawLine {
    this.riga += 1;
    this.offset += this.lineBytes;
    let text = whole ?? (this.tooLong ? '' : Buffer.concat(this.pending, this.pendingBytes).toString('utf8'));
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (this.riga === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const line = { riga: this.riga, text, tooLong: this.tooLong, end: this.offset };
    this.pending = [];
    this.pendingBytes = 0;
    this.lineBytes = 0;
    this.tooLong = false;
    return line;
  }
}

/** Blank lines are skipped (not reported); `fromLine` is the source's reading of a line's text. */
export function toLineInputs<In>(lines: readonly RawLine[], fromLine: (text: string) => In): LineInput<In>[] {
  return lines
    .filter((l) => l.tooLong || l.text.trim() !== '')
    .map((l) => (l.tooLong ? { riga: l.riga, problems: [LINE_TOO_LONG] } : { riga: l.riga, input: fromLine(l.text) }));
}

export async function* readNdjsonFile(file: string, from: { offset: number; riga: number }, maxLineBytes: number): AsyncGenerator<RawLine> {
  const splitter = new NdjsonSplitter(from.riga, from.offset, maxLineBytes);
  for await (const chunk of createReadStream(file, { start: from.offset, highWaterMark: 1024 * 1024 })) {
    yield* splitter.push(chunk as Buffer);
  }
  yield* splitter.end();
}

type Body = Readable & { headers?: Record<string, unknown> };

export interface BatchLimits {
  maxBytes: number;
  maxLines: number;
  maxLineBytes: number;
}

/**
 * Reads the whole body, handing chunks to `take` until it or `maxBytes` says stop; the rest is read and
 * dropped rather than aborted, because destroying the request would destroy the socket before the 413
 * could be sent.
 */
async function consume(req: Body, maxBytes: number, take: (chunk: Buffer) => Promise<boolean> | boolean): Promise<{ bytes: number; over: boolean }> {
  let bytes = 0;
  let over = false;
  for await (const chunk of req) {
    bytes += (chunk as Buffer).length;
    if (over) continue;
    over = bytes > maxBytes || !(await take(chunk as Buffer));
  }
  return { bytes, over };
}

/** The whole body of a synchronous batch, split; refused before anything is processed if over a limit. */
export async function readBatchLines(req: Body, limits: BatchLimits): Promise<RawLine[]> {
  const refusal = payloadTooLarge(`the batch exceeds ${limits.maxLines} lines or ${limits.maxBytes} bytes; upload large files with POST /v1/lotti`);
  if ((declaredLength(req) ?? 0) > limits.maxBytes) throw refusal;
  const splitter = new NdjsonSplitter(0, 0, limits.maxLineBytes);
  const lines: RawLine[] = [];
  const { over } = await consume(req, limits.maxBytes, (chunk) => {
    lines.push(...splitter.push(chunk));
    return lines.length <= limits.maxLines;
  });
  lines.push(...splitter.end());
  if (over || lines.length > limits.maxLines) throw refusal;
  return lines;
}

/** Streams the body to `file` (written under a temporary name, fsynced, then renamed); returns its size. */
export async function spoolBody(req: Body, file: string, maxBytes: number): Promise<number> {
  const refusal = payloadTooLarge(`the file is larger than ${maxBytes} bytes`);
  if ((declaredLength(req) ?? 0) > maxBytes) throw refusal;
  const partial = `${file}.partial`;
  const fh = await fsp.open(partial, 'wx');
  try {
    const { bytes, over } = await consume(req, maxBytes, async (chunk) => {
      await fh.write(chunk);
      return true;
    });
    if (over) throw refusal;
    await fh.sync();
    await fh.close();
    await fsp.rename(partial, file);
    return bytes;
  } catch (err) {
    // The write's error is the one to report; a close failing after it says nothing more, and the partial
    // file is removed either way.
    await fh.close().catch(() => undefined);
    await fsp.rm(partial, { force: true });
    throw err;
  }
}
