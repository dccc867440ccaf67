import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { z } from 'zod';
import { loadConfigOrExit } from '@fsl/config';
import { createLogger, type Logger } from '@fsl/logging';
import { createHttpApp, listen } from './bootstrap';
import { startManagementServer } from './management';
import { METRICS_REGISTRY } from './tokens';

interface BaseConfig {
  LOG_LEVEL: string;
  HTTP_HOST: string;
  HTTP_PORT: number;
  MANAGEMENT_HOST: string;
  MANAGEMENT_PORT: number;
}

export interface HttpServiceSpec<C extends BaseConfig> {
  service: string;
  configSchema: z.ZodType<C>;
  module: (config: C, logger: Logger) => DynamicModule;
  textTypes?: string[];
  maxBodyBytes?: number;
  /** Runs after the HTTP server closed, before exit (disconnect producers, pools). */
  onShutdown?: (app: NestExpressApplication) => Promise<void>;
}

/**
 * main() of every HTTP service: parse config (exit 78 naming the bad variable), build the Nest app,
 * listen, and shut down cleanly on SIGTERM/SIGINT.
 */
export function runHttpService<C extends BaseConfig>(spec: HttpServiceSpec<C>): void {
  const boot = async () => {
    const config = loadConfigOrExit(spec.service, spec.configSchema);
    const logger = createLogger({ service: spec.service, level: config.LOG_LEVEL });
    // Fail loud: a process that lost a background task to an unhandled rejection may look alive
    // while doing nothing; exiting lets the supervisor restart it.
    process.on('unhandledRejection', (err) => {
      logger.fatal({ err }, 'unhandled promise rejection; exiting');
      process.exit(1);
    });
    const app = await createHttpApp(spec.module(config, logger), {
      logger,
      host: config.HTTP_HOST,
      port: config.HTTP_PORT,
      textTypes: spec.textTypes,
      maxBodyBytes: spec.maxBodyBytes,
    });
    const url = await listen(app, config.HTTP_HOST, config.HTTP_PORT);
    const management = await startManagementServer(app.get(METRICS_REGISTRY), config.MANAGEMENT_HOST, config.MANAGEMENT_PORT);
    logger.info({ url, metricsUrl: `${management.url}/metrics` }, `${spec.service} listening`);
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      logger.info({ signal }, 'shutting down');
      management.server.close();
      await app.close();
      await spec.onShutdown?.(app);
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  };
  boot().catch((err) => {
    process.stderr.write(`${JSON.stringify({ level: 'fatal', service: spec.service, msg: 'boot failed', error: String(err?.message ?? err) })}\n`);
    process.exit(1);
  });
}
