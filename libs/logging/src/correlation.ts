import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

// The correlation id follows a request from HTTP through Kafka headers into the builder's logs.
// AsyncLocalStorage carries it so that no function has to pass it around by hand.
const store = new AsyncLocalStorage<{ correlationId: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

/** Accept a caller's id only if it is short and plain, so a header cannot inject into logs. */
export function sanitizeCorrelationId(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  return /^[A-Za-z0-9._:-]{1,128}$/.test(raw) ? raw : undefined;
}

export function newCorrelationId(): string {
  return randomUUID();
}

export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return store.run({ correlationId }, fn);
}

export function currentCorrelationId(): string | undefined {
  return store.getStore()?.correlationId;
}
