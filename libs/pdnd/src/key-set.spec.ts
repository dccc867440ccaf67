import { PdndStandin } from '@fsl/pdnd-standin';
import { FetchJson } from './fetch-json';
import { expectPdndError } from './testing/harness';
import { PdndKeySet } from './key-set';

const standin = new PdndStandin();

function fakePdnd() {
  const state = { calls: 0, down: false, body: (): unknown => standin.jwks() };
  const fetchJson: FetchJson = async () => {
    state.calls += 1;
    if (state.down) throw new Error('ECONNREFUSED');
    return { status: 200, body: state.body() };
  };
  return { state, fetchJson };
}

describe('PdndKeySet', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('loads once and serves known kids from cache', async () => {
    const { state, fetchJson } = fakePdnd();
    const set = new PdndKeySet({ url: 'u', fetchJson, now });
    expect(await set.get(standin.keys.pdnd.kid)).not.toBeNull();
    expect(await set.get(standin.keys.pdnd.kid)).not.toBeNull();
    expect(state.calls).toBe(1);
  });

  it('picks up a rotated key on an unknown kid, once the refresh interval allows', async () => {
    const { state, fetchJson } = fakePdnd();
    const set = new PdndKeySet({ url: 'u', fetchJson, now, minRefreshIntervalMs: 30_000 });
    await set.get(standin.keys.pdnd.kid);
    const rotated = new PdndStandin({ keys: { ...standin.keys } });
    const next = rotated.rotatePdndKey();
    state.body = () => rotated.jwks();
    expect(await set.get(next.kid)).toBeNull(); // within the interval: no fetch
    expect(state.calls).toBe(1);
    clock += 30_000;
    expect(await set.get(next.kid)).not.toBeNull();
    expect(await set.get(standin.keys.pdnd.kid)).not.toBeNull(); // the old key is still published
    expect(state.calls).toBe(2);
  });

  it('refetches after maxAge even when every kid is known', async () => {
    const { state, fetchJson } = fakePdnd();
    const set = new PdndKeySet({ url: 'u', fetchJson, now, maxAgeMs: 60_000 });
    await set.get(standin.keys.pdnd.kid);
    clock += 60_000;
    await set.get(standin.keys.pdnd.kid);
    expect(state.calls).toBe(2);
  });

  it('shares one fetch between concurrent requests', async () => {
    const { state, fetchJson } = fakePdnd();
    const set = new PdndKeySet({ url: 'u', fetchJson, now });
    await Promise.all([1, 2, 3, 4].map(() => set.get(standin.keys.pdnd.kid)));
    expect(state.calls).toBe(1);
  });

  it('503 when PDND never answered; stale keys kept during a later outage', async () => {
    const { state, fetchJson } = fakePdnd();
    state.down = true;
    const set = new PdndKeySet({ url: 'u', fetchJson, now, maxAgeMs: 1000 });
    await expectPdndError(set.get(standin.keys.pdnd.kid), 'PDND_KEYS_UNAVAILABLE', 503);
    state.down = false;
    clock += 30_000;
    await set.get(standin.keys.pdnd.kid);
    state.down = true;
    clock += 30_000;
    expect(await set.get(standin.keys.pdnd.kid)).not.toBeNull();
  });

  it('ignores keys that are not RSA signature keys, and non-JWKS answers', async () => {
    const { state, fetchJson } = fakePdnd();
    const rsa = standin.keys.pdnd.publicJwk;
    state.body = () => ({
      keys: [{ ...rsa, kid: 'enc', use: 'enc' }, { ...rsa, kid: 'ps', alg: 'PS256' }, { ...standin.keys.dpop.publicJwk, kid: 'ec' }, { ...rsa, kid: 'ok' }, 'junk'],
    });
    const set = new PdndKeySet({ url: 'u', fetchJson, now });
    expect(await set.get('ok')).not.toBeNull();
    for (const kid of ['enc', 'ps', 'ec']) expect(await set.get(kid)).toBeNull();
    expect(set.size).toBe(1);
  });

  it('tells of every refresh that loaded no keys: unreachable, or an answer that is not a usable key set', async () => {
    const { state, fetchJson } = fakePdnd();
    const failures: string[] = [];
    const set = new PdndKeySet({ url: 'u', fetchJson, now, onRefreshFailure: (reason) => failures.push(reason) });
    state.down = true;
    await expectPdndError(set.get(standin.keys.pdnd.kid), 'PDND_KEYS_UNAVAILABLE', 503);
    state.down = false;
    state.body = () => ({ keys: [] });
    clock += 30_000;
    await expectPdndError(set.get(standin.keys.pdnd.kid), 'PDND_KEYS_UNAVAILABLE', 503);
    const answer = fetchJson;
    const erroring = new PdndKeySet({ url: 'u', fetchJson: async (url) => ({ ...(await answer(url)), status: 503 }), now, onRefreshFailure: (reason) => failures.push(reason) });
    await expectPdndError(erroring.get(standin.keys.pdnd.kid), 'PDND_KEYS_UNAVAILABLE', 503);
    state.body = () => standin.jwks();
    clock += 30_000;
    expect(await set.get(standin.keys.pdnd.kid)).not.toBeNull();
    expect(failures).toEqual(['unreachable', 'bad-answer', 'error-status']);
  });
});
