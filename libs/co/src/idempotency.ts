// Idempotency of CO ingestion. The same codiceComunicazione may be sent again (retries, batch re-uploads,
// the same CO once as XML and once as JSON): same content means the same event, no second effect;
// different content under the same code is a conflict (HTTP 409). Content is compared on the parsed
// model, not on bytes, so formatting, key order and wire format do not matter.
import { hash } from 'node:crypto';
import type { Co } from './model';

// canonicalJson runs once per ingested record, and the content hashes in the idempotency table and in
// the events were computed from its output, so it is written for speed and must keep producing the same
// bytes for every JSON value: JSON.stringify's text for strings, numbers, booleans and null; object keys
// in Array.prototype.sort's default order (UTF-16 code units); members whose value is undefined dropped;
// undefined array elements written as null. The spec compares it with the original
// map/filter/sort/join implementation on generated values.

/** Characters JSON.stringify escapes (quote, backslash, control characters) or may escape (surrogates). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(s), without the call into the runtime when there is nothing to escape (the usual case). */
function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

// `"key":` per member name, so that each member costs one string concatenation for its name. A CO has a
// few dozen names; the cap only guards against callers hashing objects with ever-new keys.
const memberPrefixes = new Map<string, string>();
const MEMBER_PREFIXES_MAX = 1000;

function memberPrefix(key: string): string {
  let p = memberPrefixes.get(key);
  if (p === undefined) {
    p = `${quote(key)}:`;
    if (memberPrefixes.size < MEMBER_PREFIXES_MAX) memberPrefixes.set(key, p);
  }
  return p;
}

/**
 * The order of keys.sort() (the keys are distinct, so stability is moot). On the handful of keys of a CO
 * section an insertion sort is several times faster than the built-in sort.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/** JSON with object keys sorted at every level and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('canonicalJson: non-finite number');
      return String(value); // what JSON.stringify writes for a finite number, -0 included ("0")
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const v: unknown = value[i];
          // A hole is written as nothing, as the original's map + join did; JSON has no holes anyway.
          if (v !== undefined) out += canonicalJson(v);
          else if (i in value) out += 'null';
        }
        return `${out}]`;
      }
      const obj = value as Record<string, unknown>;
      let out = '{';
      for (const k of sortKeys(Object.keys(obj))) {
        const v = obj[k];
        if (v === undefined) continue;
        if (out.length > 1) out += ',';
        out += memberPrefix(k);
        out += canonicalJson(v);
      }
      return `${out}}`;
    }
    default:
      // Not JSON (undefined, function, symbol, bigint): JSON.stringify's answer, as before.
      return JSON.stringify(value);
  }
}

/** sha256 hex of the canonical JSON (UTF-8) of the parsed CO. */
export function contentHash(co: Co): string {
  // crypto.hash: the same digest as createHash().update().digest() without the Hash object (~1 µs less).
  return hash('sha256', canonicalJson(co), 'hex');
}

export interface IdempotencyKey {
  codiceComunicazione: string;
  contentHash: string;
}

export function idempotencyKey(co: Co): IdempotencyKey {
  return { codiceComunicazione: co.datiInvio.codiceComunicazione, contentHash: contentHash(co) };
}

export type IdempotencyDecision = 'new' | 'duplicate' | 'conflict';

/**
 * `storedHash` is the hash recorded for the same codiceComunicazione, if any.
 * new → accept; duplicate → answer as accepted without a second effect; conflict → 409.
 */
export function decideIdempotency(storedHash: string | undefined, incomingHash: string): IdempotencyDecision {
  if (storedHash === undefined) return 'new';
  return storedHash === incomingHash ? 'duplicate' : 'conflict';
}
