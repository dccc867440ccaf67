import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { maskCodiciFiscali } from './redact';

// The correlation id follows a request from HTTP through Kafka headers into the builder's logs.
// AsyncLocalStorage carries it so that no function has to pass it around by hand.
const store = new AsyncLocalStorage<{ correlationId: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;
// A run of exactly eleven digits may be a provisional (numeric) codice fiscale, even glued to letters;
// longer runs (millisecond timestamps, codici comunicazione) are not.
const ELEVEN_DIGITS = /(?<![0-9])[0-9]{11}(?![0-9])/;

/**
 * Accept a caller's id only if it is short and plain (no log injection) and holds nothing the
 * codice-fiscale mask would hide: the id is echoed in answers, written in every log line unmasked and
 * copied into Kafka headers, so a CF passed as an id would otherwise travel everywhere. Anything else
 * is replaced by a new id.
 */
export function sanitizeCorrelationId(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !SAFE_ID.test(raw) || ELEVEN_DIGITS.test(raw)) return undefined;
  return maskCodiciFiscali(raw) === raw ? raw : undefined;
}

/** A random UUID the sanitizer accepts, so that a caller who sends our id back keeps it. */
export function newCorrelationId(): string {
  for (;;) {
    const id = randomUUID();
    if (!ELEVEN_DIGITS.test(id)) return id; // ~0.4 % of UUIDs have such a run in their last group
  }
}

export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return store.run({ correlationId }, fn);
}

export function currentCorrelationId(): string | undefined {
  return store.getStore()?.correlationId;
}
