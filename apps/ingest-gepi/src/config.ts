import { z } from 'zod';
import { httpEnv, kafkaEnv, loggingEnv, producerEnv, pseudonymEnv, refuseDevSecrets } from '@fsl/config';

export const SERVICE = 'ingest-gepi';

export const configShape = { ...httpEnv(3003), ...loggingEnv, ...kafkaEnv, ...producerEnv, ...pseudonymEnv };
export const configSchema = z.object(configShape).superRefine(refuseDevSecrets);
export type IngestGEPIConfig = z.infer<typeof configSchema>;
