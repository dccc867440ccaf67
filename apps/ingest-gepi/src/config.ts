import { z } from 'zod';
import { httpEnv, kafkaEnv, loggingEnv, producerEnv, pseudonymEnv, refuseDevSecrets, requireCompleteSasl } from '@fsl/config';

export const SERVICE = 'ingest-gepi';

export const configShape = { ...httpEnv(3003), ...loggingEnv, ...kafkaEnv, ...producerEnv, ...pseudonymEnv };
export const configSchema = z.object(configShape).superRefine(refuseDevSecrets).superRefine(requireCompleteSasl);
export type IngestGEPIConfig = z.infer<typeof configSchema>;
