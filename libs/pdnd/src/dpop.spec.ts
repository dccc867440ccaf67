// Reference §3, DPoP cases D1–D9: each asserts error code, 401 and the DPoP challenge.
import { generateKeyPairSync } from 'node:crypto';
import { generateKeyPair, keyPairFrom, thumbprint } from '@fsl/pdnd-standin';
import { normalizeHtu } from './dpop';
import { expectPdndError, Harness, startHarness, URL_ } from './testing/harness';
import { verifyVoucher, VoucherRequest } from './voucher';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type ProofOptions = Parameters<Harness['standin']['dpopProof']>[0];

/** A DPoP-bound voucher with a proof for GET URL_; `proof` tweaks the proof options. */
function dpopRequest(proof: Partial<ProofOptions> = {}, voucher = h.standin.voucher({ dpop: true })): VoucherRequest {
  const dpop = h.standin.dpopProof({ method: 'GET', url: URL_, accessToken: voucher, ...proof });
  return { authorization: `DPoP ${voucher}`, dpop, method: 'GET', url: URL_ };
}
const verify = (req: VoucherRequest) => verifyVoucher(req, h.cfg, h.deps);

async function expectDpopError(req: VoucherRequest, code: Parameters<typeof expectPdndError>[1]) {
  const err = await expectPdndError(verify(req), code, 401);
  expect(err.headers['WWW-Authenticate']).toMatch(/^DPoP algs="RS256 ES256", error="invalid_(dpop_proof|token)"$/);
  return err;
}

describe('a valid DPoP voucher + proof', () => {
  it('yields a DPoP caller bound to the proof key', async () => {
    const caller = await verify(dpopRequest());
    expect(caller).toMatchObject({ tokenType: 'DPoP', dpopJkt: h.standin.dpopJkt, clientId: h.standin.clientId });
  });
  it('accepts an RSA proof key', async () => {
    const rsa = generateKeyPair('rsa', 'dpop-rsa');
    const voucher = h.standin.voucher({ dpop: { jkt: thumbprint(rsa.publicJwk) } });
    await expect(verify(dpopRequest({ key: rsa }, voucher))).resolves.toMatchObject({ tokenType: 'DPoP' });
  });
  it('ignores query and fragment, scheme/host case and default ports when comparing htu', async () => {
    const req = dpopRequest({ url: 'HTTPS://API.fsl.example:443/fsl/v1/fascicoli/me' });
    await expect(verifyVoucher({ ...req, url: `${URL_}?page=2#x` }, h.cfg, h.deps)).resolves.toBeDefined();
  });
  it('accepts a proof iat up to 10 s ahead and up to 60 s old', async () => {
    const t = h.standin.nowSeconds();
    await expect(verify(dpopRequest({ claims: { iat: t + 10 } }))).resolves.toBeDefined();
    await expect(verify(dpopRequest({ claims: { iat: t - 60 } }))).resolves.toBeDefined();
  });
});

describe('D1 DPoP header', () => {
  it('DPoP scheme without a DPoP header → DPOP_PROOF_MISSING', async () => {
    await expectDpopError({ ...dpopRequest(), dpop: undefined }, 'DPOP_PROOF_MISSING');
  });
  it('two DPoP headers → DPOP_PROOF_MULTIPLE', async () => {
    const req = dpopRequest();
    await expectDpopError({ ...req, dpop: [req.dpop as string, req.dpop as string] }, 'DPOP_PROOF_MULTIPLE');
  });
  it('a comma-separated list of proofs → DPOP_PROOF_MULTIPLE', async () => {
    const req = dpopRequest();
    await expectDpopError({ ...req, dpop: `${req.dpop}, ${req.dpop}` }, 'DPOP_PROOF_MULTIPLE');
  });
  it('not a JWS → DPOP_PROOF_MALFORMED', async () => {
    await expectDpopError({ ...dpopRequest(), dpop: 'garbage' }, 'DPOP_PROOF_MALFORMED');
  });
});

describe('D2 proof header', () => {
  it.each(['JWT', 'at+jwt', undefined])('typ %p → DPOP_TYP_INVALID', async (typ) => {
    await expectDpopError(dpopRequest({ header: { typ } }), 'DPOP_TYP_INVALID');
  });
  it('alg outside RS256/ES256 → DPOP_ALG_NOT_ALLOWED', async () => {
    const rsa = generateKeyPair('rsa', 'dpop-ps');
    await expectDpopError(dpopRequest({ key: rsa, header: { alg: 'PS256' } }), 'DPOP_ALG_NOT_ALLOWED');
    await expectDpopError(dpopRequest({ header: { alg: 'none' } }), 'DPOP_ALG_NOT_ALLOWED');
  });
  it('missing jwk → DPOP_JWK_INVALID', async () => {
    await expectDpopError(dpopRequest({ header: { jwk: undefined } }), 'DPOP_JWK_INVALID');
  });
  it('private key material in jwk → DPOP_JWK_INVALID', async () => {
    const priv = h.standin.keys.dpop.privateKey.export({ format: 'jwk' });
    await expectDpopError(dpopRequest({ header: { jwk: priv } }), 'DPOP_JWK_INVALID');
  });
  it('an RSA key shorter than 2048 bits → DPOP_JWK_INVALID', async () => {
    const weak = keyPairFrom(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey, 'weak');
    await expectDpopError(dpopRequest({ key: weak }), 'DPOP_JWK_INVALID');
  });
  it('alg ES256 with an RSA jwk → DPOP_JWK_INVALID', async () => {
    const { kid: _k, use: _u, ...rsaJwk } = generateKeyPair('rsa', 'x').publicJwk;
    await expectDpopError(dpopRequest({ header: { jwk: rsaJwk } }), 'DPOP_JWK_INVALID');
  });
});

describe('D3 proof signature', () => {
  it('signed by another key than its jwk → DPOP_SIGNATURE_INVALID', async () => {
    await expectDpopError(dpopRequest({ signWith: generateKeyPair('ec', 'other') }), 'DPOP_SIGNATURE_INVALID');
  });
});

describe('D4 htm / htu', () => {
  it('htm ≠ request method → DPOP_HTM_MISMATCH', async () => {
    await expectDpopError(dpopRequest({ method: 'POST' }), 'DPOP_HTM_MISMATCH');
  });
  it.each([
    ['another path', 'https://api.fsl.example/fsl/v1/fascicoli/other'],
    ['another host', 'https://evil.example/fsl/v1/fascicoli/me'],
    ['another scheme', 'http://api.fsl.example/fsl/v1/fascicoli/me'],
    ['another port', 'https://api.fsl.example:8443/fsl/v1/fascicoli/me'],
  ])('htu with %s → DPOP_HTU_MISMATCH', async (_name, url) => {
    await expectDpopError(dpopRequest({ url }), 'DPOP_HTU_MISMATCH');
  });
  it.each([
    ['a query', `${URL_}?a=1`],
    ['an empty query', `${URL_}?`],
    ['a fragment', `${URL_}#x`],
    ['not a URL', 'fascicoli/me'],
  ])('htu with %s → DPOP_HTU_INVALID', async (_name, url) => {
    await expectDpopError(dpopRequest({ url }), 'DPOP_HTU_INVALID');
  });
});

describe('D5 proof iat window (60 s, +10 s)', () => {
  it('older than 60 s → DPOP_PROOF_EXPIRED', async () => {
    await expectDpopError(dpopRequest({ claims: { iat: h.standin.nowSeconds() - 61 } }), 'DPOP_PROOF_EXPIRED');
  });
  it('more than 10 s in the future → DPOP_PROOF_IN_FUTURE', async () => {
    await expectDpopError(dpopRequest({ claims: { iat: h.standin.nowSeconds() + 11 } }), 'DPOP_PROOF_IN_FUTURE');
  });
});

describe('D6 replay', () => {
  it('the same proof twice → DPOP_REPLAYED the second time', async () => {
    const req = dpopRequest();
    await verify(req);
    await expectDpopError(req, 'DPOP_REPLAYED');
  });
  it('a rejected proof does not use up its jti', async () => {
    const voucher = h.standin.voucher({ dpop: true });
    const good = dpopRequest({ claims: { jti: 'fixed-jti-1' } }, voucher);
    await expectDpopError({ ...good, method: 'POST' }, 'DPOP_HTM_MISMATCH');
    await expect(verify(good)).resolves.toBeDefined();
  });
});

describe('D7 ath', () => {
  it('ath of another voucher → DPOP_ATH_MISMATCH', async () => {
    await expectDpopError(dpopRequest({ accessToken: h.standin.voucher({ dpop: true }) }), 'DPOP_ATH_MISMATCH');
  });
  it('no ath → DPOP_CLAIMS_MISSING', async () => {
    await expectDpopError(dpopRequest({ claims: { ath: undefined } }), 'DPOP_CLAIMS_MISSING');
  });
  it.each(['jti', 'htm', 'htu', 'iat'])('no %s → DPOP_CLAIMS_MISSING', async (claim) => {
    await expectDpopError(dpopRequest({ claims: { [claim]: undefined } }), 'DPOP_CLAIMS_MISSING');
  });
});

describe('D8 cnf.jkt', () => {
  it('proof key ≠ the key the voucher is bound to → DPOP_JKT_MISMATCH', async () => {
    await expectDpopError(dpopRequest({ key: generateKeyPair('ec', 'thief') }), 'DPOP_JKT_MISMATCH');
  });
});

describe('D9 scheme / binding mismatch', () => {
  it('DPoP-bound voucher presented as Bearer without proof → VOUCHER_DPOP_BOUND_AS_BEARER', async () => {
    const voucher = h.standin.voucher({ dpop: true });
    const err = await expectPdndError(verify({ authorization: `Bearer ${voucher}`, method: 'GET', url: URL_ }), 'VOUCHER_DPOP_BOUND_AS_BEARER', 401);
    expect(err.headers['WWW-Authenticate']).toBe('Bearer error="invalid_token"');
  });
  it('unbound voucher presented with the DPoP scheme → VOUCHER_NOT_DPOP_BOUND', async () => {
    await expectDpopError(dpopRequest({}, h.standin.voucher()), 'VOUCHER_NOT_DPOP_BOUND');
  });
});

describe('normalizeHtu', () => {
  it('keeps scheme, host and path only', () => {
    expect(normalizeHtu('https://A.example:443/p/q?x=1#f')).toBe('https://a.example/p/q');
    expect(normalizeHtu('ftp://a.example/p')).toBeNull();
  });
});
