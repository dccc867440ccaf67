// Request bodies, read by hand instead of by body-parser. body-parser's own refusals (too large, unknown
// charset or encoding) reached the problem filter as unknown errors and left as 500s, its JSON errors
// quote the start of the body (part of a codice fiscale, say), it inflates gzip before counting, and its
// JSON has no depth limit (a few thousand nested arrays overflow the stack of whoever walks the value).
// Here everything that can be decided on the headers is decided before a byte is read, and the bytes are
// counted as they arrive.
import type { NextFunction, Request, Response } from 'express';
import { AppError, type FieldProblem } from './errors';

/** Deeper than any record of the product (a CO is 4 levels) and far from what overflows a stack. */
export const MAX_JSON_DEPTH = 32;

export const JSON_PROBLEMS = {
  INVALID_JSON: 'The content is not valid JSON.',
  JSON_TOO_DEEP: `Objects and arrays are nested deeper than ${MAX_JSON_DEPTH} levels.`,
  INVALID_UTF8: 'The body is not valid UTF-8.',
} as const;

export type JsonRead = { ok: true; value: unknown } | { ok: false; problem: FieldProblem };

/** Depth of nested objects/arrays above `max`? Iterative, so the check itself cannot overflow the stack. */
function deeperThan(root: unknown, max: number): boolean {
  if (root === null || typeof root !== 'object') return false;
  const stack: Array<{ v: object; depth: number }> = [{ v: root, depth: 1 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push({ v: c, depth: depth + 1 });
  }
  return false;
}

/**
 * JSON text → value, with fixed problem texts (never the parser's message, which quotes the input) and a
 * depth limit. V8's JSON.parse itself is iterative and survives any depth; what overflowed was the code
 * walking the value afterwards, which this check now guards.
 */
export function readJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: { path: '', code: 'INVALID_JSON', message: JSON_PROBLEMS.INVALID_JSON } };
  }
  if (deeperThan(value, maxDepth)) return { ok: false, problem: { path: '', code: 'JSON_TOO_DEEP', message: JSON_PROBLEMS.JSON_TOO_DEEP } };
  return { ok: true, value };
}

/** 413 with Connection: close, so a client still uploading is not left streaming into an answered request. */
export function payloadTooLarge(detail: string): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', detail, { headers: { Connection: 'close' } });
}

/** The declared Content-Length, when it is a plain number. */
export function declaredLength(req: { headers?: Record<string, unknown> }): number | undefined {
  const raw = req.headers?.['content-length'];
  return typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

const ACCEPTED_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

/**
 * What the headers alone refuse, for every request with a body (also those whose handler streams it):
 * any Content-Encoding (no compression is accepted, so nothing is ever inflated: a gzip bomb is refused
 * unread) and any charset but UTF-8 (ASCII being a subset of it).
 */
export function refusedByHeaders(req: Request): AppError | undefined {
  const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Encoding is not supported: send the body uncompressed', { headers: { Connection: 'close' } });
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && !ACCEPTED_CHARSETS.has(charset.toLowerCase())) {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'only the UTF-8 charset is accepted', { headers: { Connection: 'close' } });
  }
  return undefined;
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (declaredLength(req) ?? 0) > 0;
}

/** Bytes of the body, refused with 413 as soon as the declared length or the count passes `maxBytes`. */
function readCapped(req: Request, maxBytes: number): Promise<Buffer> {
  const refusal = () => payloadTooLarge(`the body is larger than ${maxBytes} bytes`);
  if ((declaredLength(req) ?? 0) > maxBytes) return Promise.reject(refusal());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Stop keeping bytes; the rest is discarded until the 413 (Connection: close) ends the connection.
      req.off('data', onData);
      req.resume();
      chunks.length = 0;
      reject(refusal());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isJsonType(mediaType: string): boolean {
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

/** req.body from the bytes read; the refusal if they are not UTF-8, not JSON or too deep. */
function setBody(req: Request, bytes: Buffer, json: boolean): AppError | undefined {
  (req as Request & { rawBody?: Buffer }).rawBody = bytes;
  let text: string;
  try {
    text = utf8.decode(bytes); // a leading BOM is dropped
  } catch {
    return new AppError('BAD_REQUEST', JSON_PROBLEMS.INVALID_UTF8, { errors: [{ path: '', code: 'INVALID_UTF8', message: JSON_PROBLEMS.INVALID_UTF8 }] });
  }
  if (!json) {
    req.body = text;
    return undefined;
  }
  const read = readJson(text);
  if (read.ok) {
    req.body = read.value;
    return undefined;
  }
  // Not JSON at all is a malformed request; JSON nested too deep is content we refuse.
  return new AppError(read.problem.code === 'JSON_TOO_DEEP' ? 'VALIDATION_FAILED' : 'BAD_REQUEST', read.problem.message, { errors: [read.problem] });
}

export interface BodyOptions {
  maxBytes: number;
  /** Media types read as text (e.g. XML); JSON types are always read and parsed. */
  textTypes: readonly string[];
}

/**
 * Sets req.body (parsed JSON, or text for `textTypes`) and req.rawBody (the bytes, for digests). Bodies
 * of other types are left unread for their handler, which streams them (NDJSON) or refuses the type.
 */
export function bodyMiddleware(opts: BodyOptions) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!hasBody(req)) return next();
    const refused = refusedByHeaders(req);
    if (refused) return next(refused);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const json = isJsonType(type);
    if (!json && !opts.textTypes.includes(type)) return next();
    readCapped(req, opts.maxBytes)
      .then((bytes) => setBody(req, bytes, json), (err: unknown) => err)
      .then((err) => next(err));
  };
}
