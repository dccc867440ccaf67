import { AppError, registerErrors } from '@fsl/http';
import { ERROR_REGISTRY, isPdndError, problemResponse } from '@fsl/pdnd';

// One registry of error codes for the whole app: the PDND codes (status and title as the reference
// maps them) join the shared ones, so every refusal leaves through the same problem+json filter.
registerErrors(Object.fromEntries(Object.entries(ERROR_REGISTRY).map(([code, spec]) => [code, { status: spec.status, title: spec.title }])));
registerErrors({
  CURSOR_INVALID: { status: 400, title: 'The pagination cursor is not valid for this request' },
});

/**
 * A PdndError becomes an AppError carrying the lib's problem answer: its fixed detail (never request
 * data) and its headers (WWW-Authenticate, Retry-After). Anything else is a bug and is rethrown as is.
 */
export function toAppError(err: unknown, instance?: string): unknown {
  if (!isPdndError(err)) return err;
  const { headers, body } = problemResponse(err, { instance });
  const { 'Content-Type': _type, ...extraHeaders } = headers;
  return new AppError(body.code, body.detail, { headers: extraHeaders, extra: instance ? { instance } : {} });
}
