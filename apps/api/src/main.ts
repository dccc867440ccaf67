import type { Pool } from 'pg';
import type Redis from 'ioredis';
import { runHttpService } from '@fsl/http';
import { AppModule, PG_POOL, REDIS } from './app.module';
import { configSchema, SERVICE } from './config';

runHttpService({
  service: SERVICE,
  configSchema,
  module: (config, logger) => AppModule.register(config, logger),
  onShutdown: async (app) => {
    await app.get<Pool>(PG_POOL).end();
    app.get<Redis>(REDIS).disconnect();
  },
});
