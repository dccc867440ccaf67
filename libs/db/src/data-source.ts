import type { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

/**
 * TypeORM owns the schema (migrations only, never `synchronize`). Projections are written with raw
 * set-based SQL through a pg Pool, which is ~30× faster than per-row ORM saves.
 */
export function createDataSource(url: string): DataSource {
  // Loaded here, not at the top: the apps import @fsl/db for offsets and health checks only, and
  // TypeORM costs every one of them ~20 MB of resident memory they never use (bench/README.md).
  const { DataSource: TypeOrmDataSource } = require('typeorm') as typeof import('typeorm');
  return new TypeOrmDataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    logging: false,
  });
}

export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
