import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from '@fsl/logging';
import type { Registry } from 'prom-client';
import { createMetricsRegistry } from './metrics';
import { ProblemFilter } from './problem.filter';
import { StatusController } from './status.controller';
import { APP_LOGGER, HEALTH_CHECKS, METRICS_REGISTRY, SERVICE_NAME } from './tokens';

export interface HttpKitOptions {
  service: string;
  logger: Logger;
  /** A provider for HEALTH_CHECKS (a HealthCheck[]), usually a factory over the app's clients. */
  healthChecks: Omit<Provider, 'provide'> & Record<string, unknown>;
  /** The app's own registry when it registers metrics before Nest starts; one is created otherwise. */
  registry?: Registry;
}

/** Status, metrics, problem+json and the logger: what every HTTP app of the product shares. */
@Module({})
export class HttpKitModule {
  static forRoot(opts: HttpKitOptions): DynamicModule {
    return {
      module: HttpKitModule,
      global: true,
      controllers: [StatusController],
      providers: [
        { provide: SERVICE_NAME, useValue: opts.service },
        { provide: APP_LOGGER, useValue: opts.logger },
        { provide: METRICS_REGISTRY, useValue: opts.registry ?? createMetricsRegistry(opts.service) },
        { ...(opts.healthChecks as object), provide: HEALTH_CHECKS } as Provider,
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [APP_LOGGER, METRICS_REGISTRY, SERVICE_NAME],
    };
  }
}
