// Real Redis (127.0.0.1:6379): the replay store that every API instance shares.
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { verifyEserviceCall } from './eservice-call';
import { RedisReplayStore } from './replay';
import { expectPdndError, Harness, startHarness, URL_ } from './testing/harness';

const REDIS_URL = process.env.FSL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `fsl:test:pdnd:${randomUUID()}:`;
let redis: Redis;
let h: Harness;

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  h = await startHarness();
  h.clock.now = Date.now(); // Redis expiry runs on the real clock
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await h.close();
});

describe('RedisReplayStore on a real Redis', () => {
  it('claims once, with an expiry', async () => {
    const store = new RedisReplayStore(redis, prefix);
    expect(await store.claimOnce('dpop', 'jti-1', 60)).toBe(true);
    expect(await store.claimOnce('dpop', 'jti-1', 60)).toBe(false);
    const [key] = await redis.keys(`${prefix}dpop:*`);
    const ttl = await redis.pttl(key!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('forgets a jti once its TTL has passed', async () => {
    const store = new RedisReplayStore(redis, prefix);
    expect(await store.claimOnce('agid', 'short', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 1200));
    expect(await store.claimOnce('agid', 'short', 1)).toBe(true);
  });

  it('exactly one of many concurrent claims wins', async () => {
    const store = new RedisReplayStore(redis, prefix);
    const results = await Promise.all(Array.from({ length: 25 }, () => store.claimOnce('dpop', 'race', 60)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('a DPoP proof accepted by one API instance is refused by another', async () => {
    const instance = () => ({ ...h.fresh(), replayStore: new RedisReplayStore(redis, prefix) });
    const voucher = h.standin.voucher({ dpop: true });
    const headers = { authorization: `DPoP ${voucher}`, dpop: h.standin.dpopProof({ method: 'GET', url: URL_, accessToken: voucher }) };
    await verifyEserviceCall({ method: 'GET', url: URL_, headers }, {}, { voucher: h.cfg }, instance());
    await expectPdndError(verifyEserviceCall({ method: 'GET', url: URL_, headers }, {}, { voucher: h.cfg }, instance()), 'DPOP_REPLAYED', 401);
  });

  it('an Agid-JWT-Signature replayed against another instance is refused', async () => {
    const instance = () => ({ ...h.fresh(), replayStore: new RedisReplayStore(redis, prefix) });
    const body = '{"a": 1}';
    const headers = { authorization: `Bearer ${h.standin.voucher()}`, ...h.standin.integrity({ body }).headers };
    const req = { method: 'POST', url: URL_, headers, rawBody: body };
    await verifyEserviceCall(req, { integrity: true }, { voucher: h.cfg }, instance());
    await expectPdndError(verifyEserviceCall(req, { integrity: true }, { voucher: h.cfg }, instance()), 'INTEGRITY_REPLAYED', 400);
  });

  it('Redis unreachable → 503 REPLAY_STORE_UNAVAILABLE (fail closed)', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    down.on('error', () => undefined);
    const deps = { ...h.fresh(), replayStore: new RedisReplayStore(down, prefix) };
    const voucher = h.standin.voucher({ dpop: true });
    const headers = { authorization: `DPoP ${voucher}`, dpop: h.standin.dpopProof({ method: 'GET', url: URL_, accessToken: voucher }) };
    await expectPdndError(verifyEserviceCall({ method: 'GET', url: URL_, headers }, {}, { voucher: h.cfg }, deps), 'REPLAY_STORE_UNAVAILABLE', 503);
    down.disconnect();
  });
});
