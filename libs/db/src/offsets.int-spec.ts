import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { inOffsetTransaction, loadOffsets, StoredOffsetGap } from './offsets';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fsl_test';

// Exactly-once effects: the effect rows and the next offset commit together or not at all.
describe('inOffsetTransaction (real Postgres)', () => {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  const table = `eo_test_${randomBytes(4).toString('hex')}`;
  const key = { group: `g-${table}`, topic: 'topic-a', partition: 0 };
  const msgs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ offset: String(from + i) }));
  const write = async (client: import('pg').PoolClient, fresh: { offset: string }[]): Promise<void> => {
    await client.query(`INSERT INTO ${table} (o) SELECT unnest($1::bigint[])`, [fresh.map((m) => m.offset)]);
  };
  const rows = async () => (await pool.query<{ o: string }>(`SELECT o FROM ${table} ORDER BY o`)).rows.map((r) => Number(r.o));

  beforeAll(() => pool.query(`CREATE TABLE ${table} (o bigint NOT NULL)`));
  afterAll(async () => {
    await pool.query(`DROP TABLE ${table}`);
    await pool.query('DELETE FROM consumer_offsets WHERE consumer_group = $1', [key.group]);
    await pool.end();
  });

  it('applies a chunk once; a redelivered or overlapping chunk changes nothing twice', async () => {
    expect(await inOffsetTransaction(pool, key, msgs(0, 4), write)).toEqual({ applied: 5, skipped: 0 });
    expect(await inOffsetTransaction(pool, key, msgs(0, 4), write)).toEqual({ applied: 0, skipped: 5 });
    expect(await inOffsetTransaction(pool, key, msgs(3, 7), write)).toEqual({ applied: 3, skipped: 2 });
    expect(await rows()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect((await loadOffsets(pool, key.group, key.topic, [0])).get(0)).toBe('8');
  });

  it('rolls back effects and offset together when the effect fails', async () => {
    await expect(
      inOffsetTransaction(pool, key, msgs(8, 9), async (client, fresh) => {
        await write(client, fresh);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await rows()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect((await loadOffsets(pool, key.group, key.topic, [0])).get(0)).toBe('8');
  });

  it('refuses a chunk that would skip messages', async () => {
    await expect(inOffsetTransaction(pool, key, msgs(10, 12), write)).rejects.toBeInstanceOf(StoredOffsetGap);
    expect(await rows()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('applies once when two consumers race on a partition never seen before', async () => {
    const fresh = { ...key, partition: 1 };
    const results = await Promise.all([inOffsetTransaction(pool, fresh, msgs(100, 102), write), inOffsetTransaction(pool, fresh, msgs(100, 102), write)]);
    expect(results.map((r) => r.applied).sort()).toEqual([0, 3]);
    expect((await rows()).filter((o) => o >= 100)).toEqual([100, 101, 102]);
    await pool.query(`DELETE FROM ${table} WHERE o >= 100`);
  });

  it('serializes two consumers racing on the same partition (a zombie after a rebalance)', async () => {
    const results = await Promise.all([inOffsetTransaction(pool, key, msgs(8, 11), write), inOffsetTransaction(pool, key, msgs(8, 11), write)]);
    expect(results.map((r) => r.applied).sort()).toEqual([0, 4]);
    expect(await rows()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});
