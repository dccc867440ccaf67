import type { IHeaders } from 'kafkajs';

export const EVENT_HEADERS = {
  correlationId: 'correlation-id',
  eventId: 'event-id',
  subject: 'schema-subject',
} as const;

export function headerString(headers: IHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  if (v === undefined || v === null) return undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}
