import { z } from 'zod';
import { httpEnv, kafkaEnv, loggingEnv, postgresEnv, producerEnv, refuseSuperuserDatabase, requireCompleteSasl } from '@fsl/config';

export const SERVICE = 'dossier-builder';

export const configShape = {
  ...httpEnv(3004),
  ...loggingEnv,
  ...kafkaEnv,
  ...producerEnv,
  ...postgresEnv('fsl_builder'),
  CONSUMER_GROUP: z.string().regex(/^[a-z0-9._-]+$/).default('dossier-builder'),
  // ~1,000 rows a transaction: past that, unnest upserts measured no faster per row.
  CHUNK_SIZE: z.coerce.number().int().min(1).max(10000).default(1000),
  PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  // Restarts back off up to 10 s each: 20 failures in a row ≈ 3 minutes without any progress.
  // A correction (rettifica/annullamento) still waiting for its target after this long is reported.
  CO_MAX_PARKED_SECONDS: z.coerce.number().int().min(1).default(7 * 24 * 3600),
  MAX_CONSECUTIVE_CRASHES: z.coerce.number().int().min(1).default(20),
};
export const configSchema = z.object(configShape).superRefine(requireCompleteSasl).superRefine(refuseSuperuserDatabase);
export type BuilderConfig = z.infer<typeof configSchema>;
