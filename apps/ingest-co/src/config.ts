import { z } from 'zod';
import { httpEnv, kafkaEnv, loggingEnv, postgresEnv, producerEnv, pseudonymEnv, redisEnv, refuseDevSecrets, refuseSuperuserDatabase, requireCompleteSasl } from '@fsl/config';

export const SERVICE = 'ingest-co';

const positiveInt = z.coerce.number().int().positive();
const MiB = 1024 * 1024;

/** Every environment variable the service reads; the keys are the variable names. */
export const configShape = {
  ...httpEnv(3001),
  ...loggingEnv,
  ...kafkaEnv,
  ...producerEnv,
  ...pseudonymEnv,
  ...postgresEnv('fsl_ingest'),
  ...redisEnv,
  // Another directory of code lists with libs/co/code-lists' layout (e.g. the full ministerial tables).
  CODE_LISTS_DIR: z.string().min(1).optional(),
  // Synchronous NDJSON batches (POST /v1/comunicazioni/lotti): beyond these, upload a file job instead.
  BATCH_MAX_LINES: positiveInt.max(100_000).default(10_000),
  BATCH_MAX_BYTES: positiveInt.default(20 * MiB),
  // Lines per Kafka send and Postgres transaction: one acknowledgement wait per chunk, not per line.
  BATCH_CHUNK_SIZE: positiveInt.max(5_000).default(500),
  // A single NDJSON line longer than this is rejected without being buffered whole.
  LINE_MAX_BYTES: positiveInt.default(1 * MiB),
  // Large files (POST /v1/lotti) are spooled here before the job starts; it must survive restarts and,
  // with several instances, be shared by them.
  SPOOL_DIR: z.string().min(1).default('.run/spool/ingest-co'),
  LOTTO_MAX_BYTES: positiveInt.default(1024 * MiB),
  // BullMQ queue of the file jobs; a distinct name per environment sharing one Redis.
  LOTTI_QUEUE: z.string().regex(/^[A-Za-z0-9._-]+$/).default('ingest-co-lotti'),
  LOTTI_CONCURRENCY: positiveInt.max(16).default(1),
  // How long a crashed worker's job stays locked before another worker (or the restarted one) takes it over.
  LOTTI_LOCK_MS: positiveInt.min(1000).default(30_000),
  // How far a CO's dataInvio may be ahead of this clock (the sender's clock running fast) before it is refused.
  CO_DATA_INVIO_MAX_SKEW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
};
export const configSchema = z.object(configShape).superRefine(refuseDevSecrets).superRefine(requireCompleteSasl).superRefine(refuseSuperuserDatabase);
export type IngestCoConfig = z.infer<typeof configSchema>;
