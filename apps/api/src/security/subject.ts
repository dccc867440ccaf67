import { validateCf } from '@fsl/codice-fiscale';

/**
 * The codice fiscale a request is about, when it carries a valid one (POST body, or the path of the
 * deprecated GET). Used before the handler runs, to audit refusals and to bind citizen-facing calls
 * to the citizen their channel authenticated; the handler validates the request fully.
 */
export function requestedCf(req: { body?: unknown; params?: Record<string, string> }): string | undefined {
  const fromBody = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>).codiceFiscale : undefined;
  const raw = fromBody ?? req.params?.codiceFiscale;
  if (typeof raw !== 'string') return undefined;
  const result = validateCf(raw);
  return result.ok ? result.code : undefined;
}
