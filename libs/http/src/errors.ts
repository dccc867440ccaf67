import { maskCodiciFiscali } from '@fsl/logging';

export interface ErrorSpec {
  status: number;
  title: string;
}

export interface FieldProblem {
  /** Where the problem is, e.g. `lavoratore.codiceFiscale` or `lines[3].rapporto.dataInizio`. */
  path: string;
  /** A stable machine code, e.g. `CF_CHECK_CHARACTER`. */
  code: string;
  message: string;
}

/** Codes every service shares. Apps register their own next to these with `registerErrors`. */
const registry = new Map<string, ErrorSpec>(
  Object.entries({
    BAD_REQUEST: { status: 400, title: 'The request is malformed' },
    NOT_FOUND: { status: 404, title: 'Resource not found' },
    METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
    CONFLICT: { status: 409, title: 'Conflict with the current state' },
    PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
    UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
    VALIDATION_FAILED: { status: 422, title: 'The content is not valid' },
    TOO_MANY_REQUESTS: { status: 429, title: 'Too many requests' },
    INTERNAL: { status: 500, title: 'Internal error' },
    DEPENDENCY_UNAVAILABLE: { status: 503, title: 'A dependency is unavailable; retry later' },
  }),
);

export function registerErrors(specs: Record<string, ErrorSpec>): void {
  for (const [code, spec] of Object.entries(specs)) {
    const existing = registry.get(code);
    if (existing && (existing.status !== spec.status || existing.title !== spec.title)) {
      throw new Error(`error code ${code} registered twice with different meanings`);
    }
    registry.set(code, spec);
  }
}

export function errorSpec(code: string): ErrorSpec {
  const spec = registry.get(code);
  if (!spec) throw new Error(`unregistered error code ${code}`);
  return spec;
}

export interface AppErrorOptions {
  errors?: FieldProblem[];
  retryAfterSeconds?: number;
  headers?: Record<string, string>;
  extra?: Record<string, unknown>;
}

/** The only error type handlers throw on purpose; the problem filter turns it into problem+json. */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: string,
    readonly detail?: string,
    readonly options: AppErrorOptions = {},
  ) {
    const spec = errorSpec(code);
    super(detail ?? spec.title);
    this.status = spec.status;
    this.title = spec.title;
    this.name = 'AppError';
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  correlationId?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export function problemType(code: string): string {
  return `urn:fsl:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Build the body; every free text passes through the codice-fiscale mask on the way out. */
export function toProblem(code: string, detail: string | undefined, correlationId: string | undefined, opts: AppErrorOptions = {}): Problem {
  const spec = errorSpec(code);
  const problem: Problem = {
    type: problemType(code),
    title: spec.title,
    status: spec.status,
    code,
    ...(detail ? { detail: maskCodiciFiscali(detail) } : {}),
    ...(correlationId ? { correlationId } : {}),
    ...(opts.extra ?? {}),
  };
  if (opts.errors) {
    problem.errors = opts.errors.map((e) => ({ path: e.path, code: e.code, message: maskCodiciFiscali(e.message) }));
  }
  return problem;
}
