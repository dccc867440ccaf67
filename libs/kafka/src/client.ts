import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '@fsl/logging';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

// kafkajs logs through its own creator; route it into our structured logger, and turn the noisy
// "connection lost" errors it prints while a broker restarts into warnings.
function logCreator(logger: Logger) {
  return () => ({ namespace, level, log }: LogEntry) => {
    const { message, ...rest } = log;
    const fields = { kafka: namespace, broker: rest.broker, error: rest.error, retryCount: rest.retryCount };
    if (level === logLevel.ERROR || level === logLevel.NOTHING) logger.warn(fields, String(message));
    else if (level === logLevel.WARN) logger.warn(fields, String(message));
    else logger.debug(fields, String(message));
  };
}

export function createKafka(opts: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: opts.clientId,
    brokers: opts.brokers,
    connectionTimeout: opts.connectionTimeoutMs ?? 3000,
    requestTimeout: opts.requestTimeoutMs ?? 10000,
    logLevel: logLevel.WARN,
    logCreator: logCreator(opts.logger),
    retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5000 },
  });
}
