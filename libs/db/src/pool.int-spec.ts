import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@fsl/logging';
import { createPgPool } from './pool';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fsl_test';
const logger = createLogger({ service: 'test', level: 'silent' });
const settings = { DATABASE_URL, DATABASE_POOL_SIZE: 2, DATABASE_CONNECT_TIMEOUT_MS: 300, DATABASE_STATEMENT_TIMEOUT_MS: 200 };

// The pool's time limits against the real Postgres, and against a server that accepts and never answers.
describe('createPgPool', () => {
  it('the server cancels a statement that runs longer than the statement timeout', async () => {
    const pool = createPgPool(settings, logger);
    try {
      await expect(pool.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: '57014' }); // query_canceled
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('gives up connecting to a database that does not answer', async () => {
    const held: Socket[] = [];
    const silent: Server = createServer((s) => held.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = new URL(DATABASE_URL);
    url.port = String((silent.address() as AddressInfo).port);
    const pool = createPgPool({ ...settings, DATABASE_URL: url.toString() }, logger);
    try {
      await expect(pool.query('SELECT 1')).rejects.toThrow(/timeout/i);
    } finally {
      await pool.end();
      for (const s of held) s.destroy();
      silent.close();
    }
  });
});
