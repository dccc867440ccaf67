// Codici fiscali must never reach a log line, a metric label or an error message that leaves the
// process. Code paths avoid logging them in the first place; this is the safety net for text that
// might carry one anyway (exception messages from libraries, echoed input).
const PERSONAL_CF = /[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/gi;
// 11-digit numeric codes can be a person's provisional CF: mask them too, but only as a token of their
// own. Bounded by digits alone, the pattern also matched 11-digit runs inside hexadecimal ids (the last
// group of about 0.4 % of random UUIDs, i.e. correlation and event ids), and the mask altered them.
const NUMERIC_CF = /(?<![0-9A-Za-z])[0-9]{11}(?![0-9A-Za-z])/g;

export const CF_MASK = '[CF]';

export function maskCodiciFiscali(text: string): string {
  return text.replace(PERSONAL_CF, CF_MASK).replace(NUMERIC_CF, CF_MASK);
}

/** Deep copy of a log object with every string masked. Depth-limited: log objects are small. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskCodiciFiscali(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskCodiciFiscali(value.message), stack: value.stack && maskCodiciFiscali(value.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskDeep(v, depth + 1);
  return out;
}
