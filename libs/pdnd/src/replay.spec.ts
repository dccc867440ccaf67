import { InMemoryReplayStore, RedisReplayStore, RedisSetNx } from './replay';

describe('InMemoryReplayStore', () => {
  it('claims a jti once per namespace, until the TTL passes', async () => {
    let now = 0;
    const store = new InMemoryReplayStore(() => now);
    expect(await store.claimOnce('dpop', 'j1', 60)).toBe(true);
    expect(await store.claimOnce('dpop', 'j1', 60)).toBe(false);
    expect(await store.claimOnce('agid', 'j1', 60)).toBe(true);
    now += 60_000;
    expect(await store.claimOnce('dpop', 'j1', 60)).toBe(true);
  });
  it('purges expired entries', async () => {
    let now = 0;
    const store = new InMemoryReplayStore(() => now);
    for (let i = 0; i < 50; i++) await store.claimOnce('n', `j${i}`, 0.2);
    now += 1000;
    await store.claimOnce('n', 'last', 1);
    expect(store.size).toBe(1);
  });
});

describe('RedisReplayStore', () => {
  it('uses SET NX EX with whole seconds and a hashed, prefixed key', async () => {
    const calls: unknown[][] = [];
    const redis: RedisSetNx = {
      set: async (...args) => {
        calls.push(args);
        return calls.length === 1 ? 'OK' : null;
      },
    };
    const store = new RedisReplayStore(redis);
    expect(await store.claimOnce('dpop', 'a very long jti with spaces', 60.2)).toBe(true);
    expect(await store.claimOnce('dpop', 'a very long jti with spaces', 60.2)).toBe(false);
    expect(calls[0]).toEqual([expect.stringMatching(/^fsl:pdnd:replay:dpop:[0-9a-f]{64}$/), '1', 'EX', 61, 'NX']);
  });
});
