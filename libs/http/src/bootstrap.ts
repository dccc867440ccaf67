import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from '@fsl/logging';
import { bodyMiddleware } from './body';
import { correlationMiddleware } from './correlation.middleware';
import { NestPinoLogger } from './logger.adapter';
import { httpMetricsMiddleware } from './metrics';
import { APP_LOGGER, METRICS_REGISTRY } from './tokens';

export interface BootOptions {
  logger: Logger;
  host: string;
  port: number;
  /** Media types read as text besides JSON, e.g. XML for ingest. */
  textTypes?: string[];
  /** Largest JSON or text body (default 1 MiB); streamed bodies (NDJSON) have their own limits. */
  maxBodyBytes?: number;
}

/** Create, wire and listen. The same wiring is used by tests (listen on port 0) and by main.ts. */
export async function createHttpApp(module: unknown, opts: BootOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module as never, {
    logger: new NestPinoLogger(opts.logger),
    bodyParser: false, // bodyMiddleware reads bodies, and sets rawBody for the digest checks
    abortOnError: false,
  });
  configureHttpApp(app, opts);
  return app;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function configureHttpApp(app: NestExpressApplication, opts: Pick<BootOptions, 'textTypes' | 'maxBodyBytes'>): void {
  app.use(correlationMiddleware);
  app.use(httpMetricsMiddleware(app.get(METRICS_REGISTRY), app.get(APP_LOGGER)));
  // Not Nest's body parsers (body-parser): see body.ts for why.
  app.use(bodyMiddleware({ maxBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, textTypes: opts.textTypes ?? [] }));
  app.disable('x-powered-by');
  // No ETag: Express would hash every JSON answer (a SHA-1 per read on the api's hot path) for
  // conditional requests no client of these services makes.
  app.set('etag', false);
  // No enableShutdownHooks: runHttpService handles SIGTERM itself (app.close() runs the shutdown
  // hooks); Nest's handler would re-raise the signal and the process would not exit with 0.
}

export async function listen(app: INestApplication, host: string, port: number): Promise<string> {
  await app.listen(port, host);
  const address = app.getHttpServer().address();
  return `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
}
