// A voucher's signature is verified once per key, then remembered by the token's exact text; every
// other check still runs on every call.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as jws from './jws';
import type { VoucherKeyResolver } from './key-set';
import { expectPdndError, Harness, startHarness, tamperPayload, URL_ } from './testing/harness';
import { VerifiedTokens } from './verified-tokens';
import { verifyVoucher } from './voucher';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => jest.restoreAllMocks());

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, method: 'GET', url: URL_ });

function withCache(keySet: VoucherKeyResolver = h.deps.keySet) {
  const verifiedTokens = new VerifiedTokens();
  return { verifiedTokens, deps: { ...h.fresh(), keySet, verifiedTokens } };
}

describe('VerifiedTokens', () => {
  it('the same voucher: its signature is verified on the first call only, and both calls pass', async () => {
    const { deps } = withCache();
    const spy = jest.spyOn(jws, 'verifyCompactJws');
    const token = h.standin.voucher();
    const first = await verifyVoucher(bearer(token), h.cfg, deps);
    const second = await verifyVoucher(bearer(token), h.cfg, deps);
    expect(second).toEqual(first);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('a tampered copy of a remembered voucher is still refused', async () => {
    const { deps } = withCache();
    const token = h.standin.voucher();
    await verifyVoucher(bearer(token), h.cfg, deps);
    await expectPdndError(verifyVoucher(bearer(tamperPayload(token, { purposeId: 'another' })), h.cfg, deps), 'VOUCHER_SIGNATURE_INVALID', 401);
  });

  it('times are checked on every call: a remembered voucher past its exp is refused', async () => {
    const { deps } = withCache();
    const token = h.standin.voucher();
    await verifyVoucher(bearer(token), h.cfg, deps);
    const saved = h.clock.now;
    h.clock.now += 24 * 3600 * 1000;
    try {
      await expectPdndError(verifyVoucher(bearer(token), h.cfg, deps), 'VOUCHER_EXPIRED', 401);
    } finally {
      h.clock.now = saved;
    }
  });

  it('configuration is checked on every call: a remembered voucher for another audience is refused', async () => {
    const { deps } = withCache();
    const token = h.standin.voucher();
    await verifyVoucher(bearer(token), h.cfg, deps);
    await expectPdndError(verifyVoucher(bearer(token), { ...h.cfg, audience: 'https://other.example/api' }, deps), 'VOUCHER_AUDIENCE_INVALID', 403);
  });

  it('when the key set returns another key for the kid (rotation), the signature is verified again', async () => {
    let rogue: KeyObject | undefined;
    const keySet: VoucherKeyResolver = { get: async (kid) => rogue ?? (await h.deps.keySet.get(kid)) };
    const { deps } = withCache(keySet);
    const token = h.standin.voucher();
    await verifyVoucher(bearer(token), h.cfg, deps);
    rogue = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    await expectPdndError(verifyVoucher(bearer(token), h.cfg, deps), 'VOUCHER_SIGNATURE_INVALID', 401);
  });

  it('holds at most its bound, dropping the oldest', () => {
    const cache = new VerifiedTokens(2);
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const entry = { header: { alg: 'RS256' }, payload: {}, key };
    cache.remember('a', entry);
    cache.remember('b', entry);
    cache.remember('c', entry);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')?.key).toBe(key);
  });
});
