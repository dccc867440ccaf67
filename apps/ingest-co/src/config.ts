import { z } from 'zod';
import { httpEnv, kafkaEnv, loggingEnv, producerEnv, pseudonymEnv, refuseDevSecrets } from '@fsl/config';

export const SERVICE = 'ingest-co';

/** Every environment variable the service reads; the keys are the variable names. */
export const configShape = {
  ...httpEnv(3001),
  ...loggingEnv,
  ...kafkaEnv,
  ...producerEnv,
  ...pseudonymEnv,
};
export const configSchema = z.object(configShape).superRefine(refuseDevSecrets);
export type IngestCoConfig = z.infer<typeof configSchema>;
