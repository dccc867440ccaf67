import { z } from 'zod';
import { httpEnv, loggingEnv, postgresEnv, redisEnv } from '@fsl/config';

export const SERVICE = 'api';

export const configShape = { ...httpEnv(3000), ...loggingEnv, ...postgresEnv, ...redisEnv };
export const configSchema = z.object(configShape);
export type ApiConfig = z.infer<typeof configSchema>;
