import { z } from 'zod';
import { kafkaEnv, loggingEnv, producerEnv, requireCompleteSasl } from '@fsl/config';
import { configShape as builderShape } from '../config';

export const OPS_SERVICE = 'fsl-ops';

// fsl-ops reads the builder's variables (same topics, same consumer group, same chunking: a rebuild runs the
// builder's folds exactly as the builder does) and connects to Postgres as the OWNER of the schema: it creates
// and moves tables, which no app role may do. Secrets (the URL's password, SASL) come from the environment.
export const opsConfigSchema = z
  .object({
    ...loggingEnv,
    LOG_LEVEL: loggingEnv.LOG_LEVEL.default('warn'),
    ...kafkaEnv,
    ...producerEnv,
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/fsl'),
    CONSUMER_GROUP: builderShape.CONSUMER_GROUP,
    CHUNK_SIZE: builderShape.CHUNK_SIZE,
    PARTITIONS_CONCURRENCY: builderShape.PARTITIONS_CONCURRENCY,
    // Events per transaction of a rebuild's or a check's replay (the live builder keeps CHUNK_SIZE): a set nobody
    // reads yet can take far larger windows, each worker's state loaded and written once per window instead of
    // once per ~1,000 events. Memory grows with it (the window's messages and the states it touches).
    OPS_REBUILD_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(10_000),
    // How long a switch may hold the live builder still (its offsets table locked) while the new set takes the
    // last steps to the live builder's offsets; past it the switch lets go and tries again. Keep it well under
    // the builder's DATABASE_STATEMENT_TIMEOUT_MS, so a held builder never times out.
    OPS_FREEZE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    // How long one attempt to lock the tables the api reads may wait: a reader holding one of them and waiting
    // for another must never meet the deadlock detector (deadlock_timeout, 1 s), so the switch backs off first.
    OPS_LOCK_TIMEOUT_MS: z.coerce.number().int().min(10).max(900).default(200),
    // Attempts at the switch's final step before giving up (each holds the builder at most OPS_FREEZE_TIMEOUT_MS).
    OPS_SWITCH_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  })
  .superRefine(requireCompleteSasl);

export type OpsConfig = z.infer<typeof opsConfigSchema>;
