import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@fsl/logging';

export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Request metrics labelled by the route *pattern* (`/v1/cartelle/:cf`), never the concrete path:
 * a path can hold a codice fiscale, and labels must not.
 */
export function httpMetricsMiddleware(registry: Registry, logger?: Logger) {
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = duration.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      const seconds = end({ method: req.method, route });
      // The access line names the route pattern, not the path (which may hold a codice fiscale).
      if (logger && route !== '/status' && route !== '/metrics') {
        logger.info({ method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
      }
    });
    next();
  };
}
