import { Client } from 'pg';

/** Create the database named in `url` if it does not exist (connects to the `postgres` database). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing to create database with unusual name`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${name}`);
    return true;
  } finally {
    await client.end();
  }
}

/** Postgres as a /status dependency: one trivial query on the app's pool. */
export function postgresHealthCheck(pool: { query: (sql: string) => Promise<unknown> }): { name: string; isUp: () => Promise<boolean> } {
  return { name: 'postgres', isUp: () => pool.query('SELECT 1').then(() => true, () => false) };
}
