import { Module, type DynamicModule } from '@nestjs/common';
import { Pool } from 'pg';
import Redis from 'ioredis';
import { HttpKitModule, type HealthCheck } from '@fsl/http';
import type { Logger } from '@fsl/logging';
import { SERVICE, type ApiConfig } from './config';
import { CartellaLavorativaController } from './cartella-lavorativa.controller';
import { CartellaLavorativaRepository } from './cartella-lavorativa.repository';

export const PG_POOL = Symbol('PG_POOL');
export const REDIS = Symbol('REDIS');

@Module({})
export class AppModule {
  static register(config: ApiConfig, logger: Logger): DynamicModule {
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
    pool.on('error', (err) => logger.warn({ err }, 'idle postgres client error'));
    // Redis backs rate limits and replay stores (PDND security); lazy so the API boots without it.
    const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    const checks: HealthCheck[] = [
      { name: 'postgres', isUp: () => pool.query('SELECT 1').then(() => true, () => false) },
      {
        name: 'redis',
        isUp: async () => {
          if (redis.status === 'wait' || redis.status === 'end') await redis.connect().catch(() => undefined);
          return redis.ping().then((r) => r === 'PONG', () => false);
        },
      },
    ];
    return {
      module: AppModule,
      imports: [HttpKitModule.forRoot({ service: SERVICE, logger, healthChecks: { useValue: checks } })],
      controllers: [CartellaLavorativaController],
      providers: [
        { provide: PG_POOL, useValue: pool },
        { provide: REDIS, useValue: redis },
        { provide: CartellaLavorativaRepository, useValue: new CartellaLavorativaRepository(pool) },
      ],
    };
  }
}
