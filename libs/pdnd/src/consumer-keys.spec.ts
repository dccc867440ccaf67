import { PdndStandin } from '@fsl/pdnd-standin';
import { PdndConsumerKeys } from './consumer-keys';
import { FetchJson } from './fetch-json';
import { expectPdndError } from './testing/harness';

const standin = new PdndStandin();
const { kid, publicJwk } = standin.keys.consumer;

function keysApi(answer: (url: string) => { status: number; body: unknown } | Error) {
  const urls: string[] = [];
  const fetchJson: FetchJson = async (url) => {
    urls.push(url);
    const a = answer(url);
    if (a instanceof Error) throw a;
    return a;
  };
  return { urls, fetchJson };
}

describe('PdndConsumerKeys', () => {
  let clock = 0;
  const now = () => clock;

  it('fetches <base>/keys/<kid> once and caches it for the TTL', async () => {
    const api = keysApi(() => ({ status: 200, body: { clientId: 'c-1', jwk: publicJwk } }));
    const keys = new PdndConsumerKeys({ baseUrl: 'https://api.pdnd.test/v3/', fetchJson: api.fetchJson, now, ttlMs: 1000 });
    expect(await keys.get(kid)).toMatchObject({ kid, clientId: 'c-1' });
    await keys.get(kid);
    expect(api.urls).toEqual([`https://api.pdnd.test/v3/keys/${kid}`]);
    clock += 1000;
    await keys.get(kid);
    expect(api.urls).toHaveLength(2);
  });

  it('a key without the client it belongs to is not usable (null): bare JWK, JWK set, empty clientId', async () => {
    for (const body of [publicJwk, { keys: [publicJwk] }, { clientId: '', jwk: publicJwk }, { jwk: publicJwk }]) {
      const keys = new PdndConsumerKeys({ baseUrl: 'b', fetchJson: keysApi(() => ({ status: 200, body })).fetchJson });
      expect(await keys.get(kid)).toBeNull();
    }
  });

  it('remembers a 404 briefly (null), so a bad kid does not cost one PDND call per request', async () => {
    const api = keysApi(() => ({ status: 404, body: null }));
    const keys = new PdndConsumerKeys({ baseUrl: 'b', fetchJson: api.fetchJson, now, negativeTtlMs: 500 });
    expect(await keys.get('nope')).toBeNull();
    expect(await keys.get('nope')).toBeNull();
    expect(api.urls).toHaveLength(1);
  });

  it('escapes the kid in the URL', async () => {
    const api = keysApi(() => ({ status: 404, body: null }));
    await new PdndConsumerKeys({ baseUrl: 'b', fetchJson: api.fetchJson }).get('../x?y');
    expect(api.urls).toEqual(['b/keys/..%2Fx%3Fy']);
  });

  it.each([
    ['a 500', () => ({ status: 500, body: null })],
    ['a network error', () => new Error('ECONNRESET')],
    ['a non-object body', () => ({ status: 200, body: 'hello' })],
  ])('%s → PDND_KEYS_UNAVAILABLE (503), not cached', async (_name, answer) => {
    const api = keysApi(answer);
    const keys = new PdndConsumerKeys({ baseUrl: 'b', fetchJson: api.fetchJson });
    await expectPdndError(keys.get(kid), 'PDND_KEYS_UNAVAILABLE', 503);
    await expectPdndError(keys.get(kid), 'PDND_KEYS_UNAVAILABLE', 503);
    expect(api.urls).toHaveLength(2);
  });

  it('refuses keys that are not usable RSA signature keys', async () => {
    for (const jwk of [{ ...publicJwk, use: 'enc' }, { ...publicJwk, kid: 'mismatch' }, standin.keys.dpop.publicJwk, standin.keys.consumer.privateKey.export({ format: 'jwk' })]) {
      const keys = new PdndConsumerKeys({ baseUrl: 'b', fetchJson: keysApi(() => ({ status: 200, body: { clientId: 'c-1', jwk } })).fetchJson });
      expect(await keys.get(kid)).toBeNull();
    }
  });

  it('stays bounded', async () => {
    const keys = new PdndConsumerKeys({ baseUrl: 'b', fetchJson: keysApi(() => ({ status: 404, body: null })).fetchJson, maxEntries: 3 });
    for (let i = 0; i < 10; i++) await keys.get(`k${i}`);
    expect((keys as unknown as { cache: Map<string, unknown> }).cache.size).toBe(3);
  });
});
