import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
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

export interface DependencyGaugeOptions {
  name: string;
  help: string;
  registry: Registry;
  /** Reads the current value from the dependency (a count in Postgres, a queue length in Redis). */
  read: () => Promise<number>;
  /** A read slower than this counts as failed (default 1000 ms). */
  timeoutMs?: number;
}

/**
 * A gauge read from another service at scrape time. When the read fails or exceeds its time limit the
 * gauge keeps its last value and its companion `<name>_stale` says 1, so /metrics keeps answering (and
 * keeps every other figure) while that service is down, instead of failing or hanging the whole scrape.
 * Both gauges share one read per scrape: prom-client collects every metric of a scrape concurrently.
 */
export function dependencyGauge(opts: DependencyGaugeOptions): void {
  const timeoutMs = opts.timeoutMs ?? 1000;
  let value = 0;
  let stale = 0;
  let inFlight: Promise<void> | undefined;
  const refresh = (): Promise<void> =>
    (inFlight ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      });
      try {
        value = await Promise.race([opts.read(), timeout]);
        stale = 0;
      } catch {
        stale = 1;
      } finally {
        clearTimeout(timer);
      }
    })().finally(() => {
      inFlight = undefined;
    }));
  new Gauge({
    name: opts.name,
    help: opts.help,
    registers: [opts.registry],
    async collect() {
      await refresh();
      this.set(value);
    },
  });
  new Gauge({
    name: `${opts.name}_stale`,
    help: `1 when ${opts.name} could not be read at this scrape (it shows the last value read)`,
    registers: [opts.registry],
    async collect() {
      await refresh();
      this.set(stale);
    },
  });
}
