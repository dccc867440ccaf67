import { ERROR_REGISTRY, ErrorSpec, PdndErrorCode } from './error-codes';

export type AuthScheme = 'Bearer' | 'DPoP';

/** Algorithms we accept in DPoP proofs, advertised in DPoP challenges (RFC 9449 §7.1). */
export const DPOP_ALGS = ['RS256', 'ES256'] as const;
const DEFAULT_RETRY_AFTER_SECONDS = 30;

export interface PdndErrorOptions {
  /** Scheme the caller used, so the challenge answers in kind (RFC 6750 / RFC 9449). */
  scheme?: AuthScheme;
  retryAfterSeconds?: number;
  /** For server-side logs only; never sent to the caller. Must not contain personal data. */
  reason?: string;
  cause?: unknown;
}

/** A failure with a registry code; its HTTP status, title and detail come from the registry. */
export class PdndError extends Error {
  readonly status: ErrorSpec['status'];
  readonly title: string;
  readonly detail: string;
  readonly scheme?: AuthScheme;
  readonly reason?: string;
  readonly retryAfterSeconds?: number;

  constructor(readonly code: PdndErrorCode, options: PdndErrorOptions = {}) {
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    const spec: ErrorSpec = ERROR_REGISTRY[code];
    this.name = 'PdndError';
    this.status = spec.status;
    this.title = spec.title;
    this.detail = spec.detail;
    this.scheme = options.scheme;
    this.reason = options.reason;
    if (spec.status === 429 || spec.status === 503) {
      this.retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
    }
  }

  /** Response headers this error requires (WWW-Authenticate, Retry-After). */
  get headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    const challenge = wwwAuthenticate(ERROR_REGISTRY[this.code], this.scheme);
    if (challenge) headers['WWW-Authenticate'] = challenge;
    if (this.retryAfterSeconds !== undefined) headers['Retry-After'] = String(this.retryAfterSeconds);
    return headers;
  }
}

function wwwAuthenticate(spec: ErrorSpec, scheme: AuthScheme | undefined): string | undefined {
  if (spec.status !== 401 || !spec.auth) return undefined;
  const algs = `algs="${DPOP_ALGS.join(' ')}"`;
  // Without credentials we do not know which scheme the caller supports: offer both.
  if (spec.auth === 'challenge' || scheme === undefined) {
    return spec.auth === 'challenge' ? `Bearer, DPoP ${algs}` : `Bearer error="${spec.auth}", DPoP ${algs}, error="${spec.auth}"`;
  }
  return scheme === 'DPoP' ? `DPoP ${algs}, error="${spec.auth}"` : `Bearer error="${spec.auth}"`;
}

export function isPdndError(err: unknown): err is PdndError {
  return err instanceof PdndError;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: PdndErrorCode;
  instance?: string;
  correlationId?: string;
}

export interface ProblemOptions {
  /** Prefix of the problem `type` URI; the kebab-cased code is appended. */
  typeBase?: string;
  instance?: string;
  correlationId?: string;
}

export const DEFAULT_PROBLEM_TYPE_BASE = 'urn:fsl:problem:';

/** RFC 9457 body for an error. Only registry text is used, so nothing from the request leaks. */
export function toProblem(err: PdndError, options: ProblemOptions = {}): ProblemDetails {
  const problem: ProblemDetails = {
    type: `${options.typeBase ?? DEFAULT_PROBLEM_TYPE_BASE}${err.code.toLowerCase().replace(/_/g, '-')}`,
    title: err.title,
    status: err.status,
    detail: err.detail,
    code: err.code,
  };
  if (options.instance) problem.instance = options.instance;
  if (options.correlationId) problem.correlationId = options.correlationId;
  return problem;
}

export interface ProblemResponse {
  status: number;
  headers: Record<string, string>;
  body: ProblemDetails;
}

/**
 * Everything an HTTP layer needs to answer with an error. Unknown errors become a generic 500 so
 * that stack traces and messages of lower layers never reach the caller.
 */
export function problemResponse(err: unknown, options: ProblemOptions = {}): ProblemResponse {
  const known = isPdndError(err) ? err : new PdndError('INTERNAL_ERROR', { cause: err });
  return {
    status: known.status,
    headers: { 'Content-Type': 'application/problem+json', ...known.headers },
    body: toProblem(known, options),
  };
}
