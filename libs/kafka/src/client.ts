import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { Logger } from '@fsl/logging';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** TLS to the brokers; `ca` (PEM) when the cluster's certificates are not signed by a public CA. */
  ssl?: boolean | { ca: string };
  sasl?: SASLOptions;
}

/** The environment variables of kafkaEnv (libs/config) that shape the client. */
export interface KafkaClientSettings {
  KAFKA_BROKERS: string[];
  KAFKA_CLIENT_ID?: string;
  KAFKA_SSL: boolean;
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
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
    ssl: opts.ssl === undefined || typeof opts.ssl === 'boolean' ? opts.ssl : { ca: [opts.ssl.ca] },
    sasl: opts.sasl,
  });
}

/** The client an app configured with kafkaEnv talks to the cluster through (TLS and SASL included). */
export function createKafkaFromConfig(config: KafkaClientSettings, service: string, logger: Logger): Kafka {
  const ssl = config.KAFKA_SSL_CA_FILE ? { ca: readFileSync(config.KAFKA_SSL_CA_FILE, 'utf8') } : config.KAFKA_SSL;
  const mechanism = config.KAFKA_SASL_MECHANISM;
  const sasl =
    mechanism && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD
      ? ({ mechanism, username: config.KAFKA_SASL_USERNAME, password: config.KAFKA_SASL_PASSWORD } as SASLOptions)
      : undefined;
  return createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID ?? service, logger, ssl, sasl });
}
