import { z } from 'zod';

// Reusable pieces of app config schemas. Keys are environment variable names; defaults point at the
// services on this machine (always 127.0.0.1: Node would try ::1 first for "localhost").

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

export const DEV_PSEUDONYM_KEY = 'dev-only-pseudonym-key-NOT-FOR-PRODUCTION';

export const httpEnv = (defaultPort: number) => ({
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: port.default(defaultPort),
});

export const loggingEnv = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
};

export const kafkaEnv = {
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port[,host:port…]')).min(1)),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  // A prefix for every topic name, so parallel test suites and environments never share topics.
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore').default(''),
};

export const producerEnv = {
  // How long a request may wait for Kafka's acknowledgement before the caller gets a 503.
  KAFKA_PRODUCE_TIMEOUT_MS: positiveInt.default(5000),
};

export const pseudonymEnv = {
  // HMAC key for the Kafka message key. The default is for development only and refused in production.
  PSEUDONYM_KEY: z.string().min(32, 'must be at least 32 characters').default(DEV_PSEUDONYM_KEY),
};

export const postgresEnv = {
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/fsl'),
  DATABASE_POOL_SIZE: positiveInt.max(100).default(10),
};

export const redisEnv = {
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
};

/** Reject dev-only secrets when NODE_ENV=production. */
export function refuseDevSecrets<T extends { NODE_ENV: string; PSEUDONYM_KEY?: string }>(cfg: T, ctx: z.RefinementCtx): void {
  if (cfg.NODE_ENV === 'production' && cfg.PSEUDONYM_KEY === DEV_PSEUDONYM_KEY) {
    ctx.addIssue({ code: 'custom', path: ['PSEUDONYM_KEY'], message: 'the development default is not allowed in production' });
  }
}
