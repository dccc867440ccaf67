import type { Pool, PoolClient } from 'pg';

export class StoredOffsetGap extends Error {
  constructor(readonly expectedOffset: string) {
    super(`stored offset expects ${expectedOffset}`);
    this.name = 'StoredOffsetGap';
  }
}

export interface OffsetKey {
  group: string;
  topic: string;
  partition: number;
}

/**
 * Run `apply` on the messages of one partition chunk that were not applied yet, and store the next
 * offset, in ONE transaction. The offsets row is locked first, so two consumers of the same
 * partition (a zombie after a rebalance) serialize and the second finds the work already done.
 * A chunk that starts past the stored offset means messages would be skipped: StoredOffsetGap.
 */
export async function inOffsetTransaction<M extends { offset: string }>(
  pool: Pool,
  key: OffsetKey,
  messages: M[],
  apply: (client: PoolClient, fresh: M[]) => Promise<void>,
): Promise<{ applied: number; skipped: number }> {
  if (messages.length === 0) return { applied: 0, skipped: 0 };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Claim the row first: without it, two transactions on a never-seen partition would both find
    // no row, both apply, and only then collide on the offsets insert.
    await client.query(
      `INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
       ON CONFLICT (consumer_group, topic, partition) DO NOTHING`,
      [key.group, key.topic, key.partition, messages[0].offset],
    );
    const { rows } = await client.query<{ next_offset: string }>(
      'SELECT next_offset FROM consumer_offsets WHERE consumer_group = $1 AND topic = $2 AND partition = $3 FOR UPDATE',
      [key.group, key.topic, key.partition],
    );
    const stored = BigInt(rows[0].next_offset);
    const fresh = messages.filter((m) => BigInt(m.offset) >= stored);
    if (fresh.length > 0 && BigInt(fresh[0].offset) > stored) {
      throw new StoredOffsetGap(stored.toString());
    }
    if (fresh.length > 0) {
      await apply(client, fresh);
      const next = BigInt(fresh[fresh.length - 1].offset) + 1n;
      await client.query(
        'UPDATE consumer_offsets SET next_offset = $4, updated_at = now() WHERE consumer_group = $1 AND topic = $2 AND partition = $3',
        [key.group, key.topic, key.partition, next.toString()],
      );
    }
    await client.query('COMMIT');
    return { applied: fresh.length, skipped: messages.length - fresh.length };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function loadOffsets(pool: Pool, group: string, topic: string, partitions: number[]): Promise<Map<number, string>> {
  const { rows } = await pool.query<{ partition: number; next_offset: string }>(
    'SELECT partition, next_offset FROM consumer_offsets WHERE consumer_group = $1 AND topic = $2 AND partition = ANY($3::int[])',
    [group, topic, partitions],
  );
  return new Map(rows.map((r) => [r.partition, r.next_offset]));
}
