import { Pool } from 'pg';
import type { Logger } from '@fsl/logging';

export interface PoolSettings {
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
  DATABASE_CONNECT_TIMEOUT_MS: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
}

/**
 * An app's pg pool with time limits: a connection attempt gives up after the connect timeout, the
 * server cancels a statement after the statement timeout, and the client gives up waiting a second
 * later (the server may be the one that stopped answering, and then it cancels nothing).
 */
export function createPgPool(settings: PoolSettings, logger: Logger): Pool {
  const pool = new Pool({
    connectionString: settings.DATABASE_URL,
    max: settings.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: settings.DATABASE_CONNECT_TIMEOUT_MS,
    statement_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS,
    query_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS + 1000,
  });
  pool.on('error', (err) => logger.warn({ err }, 'idle postgres client error'));
  return pool;
}
