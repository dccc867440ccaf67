import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { DEV_ACCESS_AUDIT_ANCHOR_KEY, PgAccessAuditStore } from '@fsl/access-audit';
import type { Run } from '../settings';
import { openLoop, type LoadResult } from '../util/load';

// What an e-service read does besides the SELECT, each measured alone at the read rate, so the api's
// figure can be split into its parts: the access-audit append (a committed, hash-chained write: the
// api serves personal data only once its record is durable) and the two Redis round trips (the
// Agid-JWT-Signature replay claim and the consumer's quota).

export interface ReadComponents {
  auditAppend: LoadResult;
  redisRoundTrips: LoadResult;
}

export async function measureReadComponents(r: Run): Promise<ReadComponents> {
  const load = (call: (i: number) => Promise<void>) =>
    openLoop({ rate: r.sizes.readRate, count: r.sizes.readRate * 10, maxSeconds: 30, maxInFlight: 256, call });

  // The api's pool size, the api's store: the same group commit the api gets.
  const pool = new Pool({ connectionString: r.databaseUrl, max: 10 });
  const store = new PgAccessAuditStore(pool, DEV_ACCESS_AUDIT_ANCHOR_KEY);
  const consumer = { clientId: randomUUID(), organizationId: randomUUID() };
  let auditAppend: LoadResult;
  try {
    auditAppend = await load(async () => {
      await store.append({ time: new Date(), consumer, purposeId: randomUUID(), eservice: 'bench', subject: randomUUID(), outcome: 'granted', operation: 'POST /consultazioni' });
    });
  } finally {
    await pool.end();
  }

  const redis = new Redis(r.redisUrl, { maxRetriesPerRequest: 1 });
  const prefix = `fsl-bench-${r.id}:`;
  try {
    const redisRoundTrips = await load(async (i) => {
      // Shaped like the api's: SET NX with a TTL (replay claim), then an INCR with expiry (quota).
      await redis.set(`${prefix}jti:${i}`, '1', 'PX', 60_000, 'NX');
      await redis.eval("local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return n", 1, `${prefix}quota`, '60000');
    });
    return { auditAppend, redisRoundTrips };
  } finally {
    // The keys expire by themselves; the run's cleanup removes them sooner (deleteRunKeys).
    redis.disconnect();
  }
}
