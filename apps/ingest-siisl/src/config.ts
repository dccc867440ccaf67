import { z } from 'zod';
import { httpEnv, kafkaEnv, loggingEnv, producerEnv, pseudonymEnv, refuseDevSecrets, requireCompleteSasl } from '@fsl/config';

export const SERVICE = 'ingest-siisl';

export const configShape = { ...httpEnv(3002), ...loggingEnv, ...kafkaEnv, ...producerEnv, ...pseudonymEnv };
export const configSchema = z.object(configShape).superRefine(refuseDevSecrets).superRefine(requireCompleteSasl);
export type IngestSIISLConfig = z.infer<typeof configSchema>;
