// Idempotency of CO ingestion. The same codiceComunicazione may be sent again (retries, batch re-uploads,
// the same CO once as XML and once as JSON): same content means the same event, no second effect;
// different content under the same code is a conflict (HTTP 409). Content is compared on the parsed
// model, not on bytes, so formatting, key order and wire format do not matter.
import { createHash } from 'node:crypto';
import type { Co } from './model';

/** JSON with object keys sorted at every level and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** sha256 hex of the canonical JSON of the parsed CO. */
export function contentHash(co: Co): string {
  return createHash('sha256').update(canonicalJson(co)).digest('hex');
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
