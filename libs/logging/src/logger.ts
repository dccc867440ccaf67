import pino, { type Logger, type DestinationStream } from 'pino';
import { currentCorrelationId } from './correlation';
import { maskCodiciFiscali, maskDeep } from './redact';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  level?: string;
  destination?: DestinationStream;
}

/**
 * Structured JSON logs on stdout. Every line carries the service name and the current correlation
 * id, and every string (message and fields) passes through the codice-fiscale mask.
 */
export function createLogger(opts: LoggerOptions): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: opts.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => maskDeep(obj) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskCodiciFiscali(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
      serializers: { err: (e: unknown) => maskDeep(e) },
    },
    // Asynchronous writes: a synchronous write per line blocks the event loop whenever the reader of
    // stdout lags (a pipe holds 64 kB), and the api writes an access line per request. pino flushes
    // what is buffered when the process exits.
    opts.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
