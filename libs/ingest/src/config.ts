import { z } from 'zod';
import { httpEnv, ingestEnv, kafkaEnv, loggingEnv, postgresEnv, producerEnv, pseudonymEnv, redisEnv } from '@fsl/config';

/** The environment every ingest reads (keys are the variable names); a source adds its own settings. */
export const ingestConfigShape = (service: string, defaultPort: number) => ({
  ...httpEnv(defaultPort),
  ...loggingEnv,
  ...kafkaEnv,
  ...producerEnv,
  ...pseudonymEnv,
  ...postgresEnv('fsl_ingest'),
  ...redisEnv,
  ...ingestEnv(service),
});

/** The settings @fsl/ingest itself reads. */
export type IngestConfig = z.infer<z.ZodObject<ReturnType<typeof ingestConfigShape>>>;
