import { z } from 'zod';

// Reusable pieces of app config schemas. Keys are environment variable names; defaults point at the
// services on this machine (always 127.0.0.1: Node would try ::1 first for "localhost").

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

export const DEV_PSEUDONYM_KEY = 'dev-only-pseudonym-key-NOT-FOR-PRODUCTION';

/** The management port of an app whose public port is `publicPort` (api 3000 → 9400, …). */
export const managementPortFor = (publicPort: number): number => 9400 + (publicPort - 3000);

export const httpEnv = (defaultPort: number) => ({
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: port.default(defaultPort),
  // /metrics is served here, never on the public port: the api's public port is the e-service that
  // other administrations call, and what the metrics reveal (traffic, errors, internals) is the
  // operator's. Loopback by default; a scraper on another host needs an explicit address.
  MANAGEMENT_HOST: z.string().default('127.0.0.1'),
  MANAGEMENT_PORT: port.default(managementPortFor(defaultPort)),
});

export const loggingEnv = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
};

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

export const kafkaEnv = {
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port[,host:port…]')).min(1)),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  // A prefix for every topic name, so parallel test suites and environments never share topics.
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore').default(''),
  // Transport security of the client. Off for the dev broker; a production cluster takes TLS (with its
  // CA when not a public one) and SASL credentials.
  KAFKA_SSL: flag,
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
};

/** What scripts/setup.js creates topics with: one copy on the dev broker, refused that low in production. */
export const topicEnv = {
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(16).default(1),
  KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(16).default(1),
};

/** Production needs the broker settings that survive the loss of one broker without losing a write. */
export function refuseFragileTopics<T extends { NODE_ENV: string; KAFKA_REPLICATION_FACTOR: number; KAFKA_MIN_INSYNC_REPLICAS: number }>(
  cfg: T,
  ctx: z.RefinementCtx,
): void {
  if (cfg.KAFKA_MIN_INSYNC_REPLICAS > cfg.KAFKA_REPLICATION_FACTOR) {
    ctx.addIssue({ code: 'custom', path: ['KAFKA_MIN_INSYNC_REPLICAS'], message: 'cannot exceed KAFKA_REPLICATION_FACTOR' });
  }
  if (cfg.NODE_ENV !== 'production') return;
  if (cfg.KAFKA_REPLICATION_FACTOR < 3) ctx.addIssue({ code: 'custom', path: ['KAFKA_REPLICATION_FACTOR'], message: 'must be at least 3 in production' });
  if (cfg.KAFKA_MIN_INSYNC_REPLICAS < 2) ctx.addIssue({ code: 'custom', path: ['KAFKA_MIN_INSYNC_REPLICAS'], message: 'must be at least 2 in production' });
}

/** SASL needs its three settings together. */
export function requireCompleteSasl<T extends { KAFKA_SASL_MECHANISM?: string; KAFKA_SASL_USERNAME?: string; KAFKA_SASL_PASSWORD?: string }>(
  cfg: T,
  ctx: z.RefinementCtx,
): void {
  if (!cfg.KAFKA_SASL_MECHANISM) return;
  for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
    if (!cfg[variable]) ctx.addIssue({ code: 'custom', path: [variable], message: 'required with KAFKA_SASL_MECHANISM' });
  }
}

export const producerEnv = {
  // How long a request may wait for Kafka's acknowledgement before the caller gets a 503.
  KAFKA_PRODUCE_TIMEOUT_MS: positiveInt.default(5000),
};

export const pseudonymEnv = {
  // HMAC key for the Kafka message key. The default is for development only and refused in production.
  PSEUDONYM_KEY: z.string().min(32, 'must be at least 32 characters').default(DEV_PSEUDONYM_KEY),
};

/** The least-privilege role each app connects as (created by the migrations, libs/db/src/roles.ts). */
export type DatabaseRole = 'fsl_ingest' | 'fsl_builder' | 'fsl_api';

/**
 * The app's connection: as its own role, never as the owner that runs the migrations. Locally Postgres
 * trusts loopback, so the default URL has no password; in production the URL carries one.
 */
export const postgresEnv = (role: DatabaseRole) => ({
  DATABASE_URL: z.string().url().default(`postgres://${role}@127.0.0.1:5432/fsl`),
  DATABASE_POOL_SIZE: positiveInt.max(100).default(10),
  // A database that does not answer must not hold requests (or /status, or /metrics) forever.
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt.default(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt.default(30_000),
});

/** Production connects as an app role with a password, never as the superuser. */
export function refuseSuperuserDatabase<T extends { NODE_ENV: string; DATABASE_URL: string }>(cfg: T, ctx: z.RefinementCtx): void {
  if (cfg.NODE_ENV !== 'production') return;
  const url = new URL(cfg.DATABASE_URL);
  if (!url.username || decodeURIComponent(url.username) === 'postgres') {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'must name the app role (fsl_ingest, fsl_builder, fsl_api) in production' });
  } else if (!url.password) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'must carry the role password in production' });
  }
}

export const redisEnv = {
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
};

/** Reject dev-only secrets when NODE_ENV=production. */
export function refuseDevSecrets<T extends { NODE_ENV: string; PSEUDONYM_KEY?: string }>(cfg: T, ctx: z.RefinementCtx): void {
  if (cfg.NODE_ENV === 'production' && cfg.PSEUDONYM_KEY === DEV_PSEUDONYM_KEY) {
    ctx.addIssue({ code: 'custom', path: ['PSEUDONYM_KEY'], message: 'the development default is not allowed in production' });
  }
}

const MiB = 1024 * 1024;

/**
 * What every ingest built on @fsl/ingest reads besides its connections: synchronous NDJSON batches and
 * large files as jobs. `service` names the defaults that must differ between ingests (spool directory,
 * BullMQ queue).
 */
export const ingestEnv = (service: string) => ({
  // Synchronous NDJSON batches (POST …/lotti): beyond these, upload a file job instead.
  BATCH_MAX_LINES: positiveInt.max(100_000).default(10_000),
  BATCH_MAX_BYTES: positiveInt.default(20 * MiB),
  // Lines per Kafka send and Postgres transaction: one acknowledgement wait per chunk, not per line.
  BATCH_CHUNK_SIZE: positiveInt.max(5_000).default(500),
  // A single NDJSON line longer than this is rejected without being buffered whole.
  LINE_MAX_BYTES: positiveInt.default(1 * MiB),
  // Large files (POST /v1/lotti) are spooled here before the job starts; it must survive restarts and,
  // with several instances, be shared by them.
  SPOOL_DIR: z.string().min(1).default(`.run/spool/${service}`),
  LOTTO_MAX_BYTES: positiveInt.default(1024 * MiB),
  // BullMQ queue of the file jobs; a distinct name per environment sharing one Redis.
  LOTTI_QUEUE: z.string().regex(/^[A-Za-z0-9._-]+$/).default(`${service}-lotti`),
  LOTTI_CONCURRENCY: positiveInt.max(16).default(1),
  // How long a crashed worker's job stays locked before another worker (or the restarted one) takes it over.
  LOTTI_LOCK_MS: positiveInt.min(1000).default(30_000),
});
