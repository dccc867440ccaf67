import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { currentCorrelationId, type Logger } from '@fsl/logging';
import { Counter, type Registry } from 'prom-client';
import { AppError, toProblem, type AppErrorOptions } from './errors';
import { APP_LOGGER, METRICS_REGISTRY } from './tokens';

export const PROBLEM_JSON = 'application/problem+json';

const STATUS_TO_CODE: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'TOO_MANY_REQUESTS',
  503: 'DEPENDENCY_UNAVAILABLE',
};

/** Every error of every HTTP app leaves as application/problem+json, with the correlation id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly refusals: Counter;

  constructor(
    @Inject(APP_LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    // Labelled by the registry's code (a fixed set), never by anything taken from the request.
    this.refusals = new Counter({
      name: 'http_problems_total',
      help: 'Answers given as problem+json, by error code and status',
      labelNames: ['code', 'status'],
      registers: [registry],
    });
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const correlationId = currentCorrelationId();
    let code = 'INTERNAL';
    let detail: string | undefined;
    let opts: AppErrorOptions = {};

    if (exception instanceof AppError) {
      code = exception.code;
      detail = exception.detail;
      opts = exception.options;
    } else if (exception instanceof HttpException) {
      // Framework errors: unknown routes, undecodable paths. Their messages quote the request (a path or a
      // body may hold a codice fiscale), so the answer carries the code's title and nothing of theirs.
      code = STATUS_TO_CODE[exception.getStatus()] ?? (exception.getStatus() >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
      detail = exception.getStatus() === 404 ? `no route for ${req.method} on this path` : undefined;
    } else {
      this.logger.error({ err: exception }, 'unhandled error');
    }

    const problem = toProblem(code, detail, correlationId, opts);
    this.refusals.inc({ code, status: String(problem.status) });
    if (problem.status >= 500 && problem.status !== 503) delete problem.detail; // no internals to callers
    if (opts.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(opts.retryAfterSeconds));
    for (const [k, v] of Object.entries(opts.headers ?? {})) res.setHeader(k, v);
    res.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
  }
}
