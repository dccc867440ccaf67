// Reference §3, voucher cases V1–V14 (Bearer), each asserting error code and HTTP status.
import { createHmac, createPublicKey } from 'node:crypto';
import { STANDIN_PRODUCER_ID } from '@fsl/pdnd-standin';
import { expectPdndError, Harness, startHarness, tamperPayload, URL_ } from './testing/harness';
import { parseAuthorization, verifyProbingToken, verifyVoucher, VoucherRequest } from './voucher';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const bearer = (token: string, extra: Partial<VoucherRequest> = {}): VoucherRequest => ({
  authorization: `Bearer ${token}`,
  method: 'GET',
  url: URL_,
  ...extra,
});
const verify = (req: VoucherRequest, cfg = h.cfg, deps = h.deps) => verifyVoucher(req, cfg, deps);

describe('a valid Bearer voucher', () => {
  it('yields the caller, with no personal data', async () => {
    const caller = await verify(bearer(h.standin.voucher()));
    expect(caller).toMatchObject({
      tokenType: 'Bearer',
      clientId: h.standin.clientId,
      purposeId: h.standin.purposeId,
      producerId: STANDIN_PRODUCER_ID,
    });
    expect(caller.expiresAt - caller.issuedAt).toBe(600);
  });

  it('is accepted with aud as a string or as an array containing our audience', async () => {
    await expect(verify(bearer(h.standin.voucher({ audience: h.cfg.audience as string })))).resolves.toBeDefined();
    await expect(verify(bearer(h.standin.voucher({ audience: ['other', h.cfg.audience as string] })))).resolves.toBeDefined();
  });

  it('accepts a lower-case scheme, typ application/at+jwt and skew within the tolerance', async () => {
    const t = h.standin.nowSeconds();
    const token = h.standin.voucher({ header: { typ: 'application/at+jwt' }, claims: { iat: t + 5, nbf: t + 5, exp: t + 600 } });
    await expect(verify({ authorization: `bearer ${token}`, method: 'GET', url: URL_ })).resolves.toBeDefined();
    await expect(verify(bearer(h.standin.voucher({ claims: { exp: t - 5 } })))).resolves.toBeDefined();
  });

  it('is reusable until it expires (voucher jti is not replay-checked, reference §1.2 item 5)', async () => {
    const token = h.standin.voucher();
    await verify(bearer(token));
    await expect(verify(bearer(token))).resolves.toBeDefined();
  });
});

describe('V1 Authorization header', () => {
  it('missing → 401 with a challenge for both schemes', async () => {
    const err = await expectPdndError(verify({ method: 'GET', url: URL_ }), 'VOUCHER_MISSING', 401);
    expect(err.headers['WWW-Authenticate']).toBe('Bearer, DPoP algs="RS256 ES256"');
  });
  it.each([
    ['unknown scheme', 'Basic dXNlcjpwYXNz', 'VOUCHER_SCHEME_UNSUPPORTED'],
    ['two tokens', 'Bearer aaa.bbb.ccc ddd.eee.fff', 'VOUCHER_MALFORMED'],
    ['comma-separated credentials', 'Bearer aaa.bbb.ccc, Bearer ddd.eee.fff', 'VOUCHER_MALFORMED'],
    ['scheme without token', 'Bearer', 'VOUCHER_MALFORMED'],
    ['not a JWS', 'Bearer not-a-jwt', 'VOUCHER_MALFORMED'],
  ] as const)('%s → 401 %s', async (_name, authorization, code) => {
    await expectPdndError(verify({ authorization, method: 'GET', url: URL_ }), code, 401);
  });
  it('two Authorization headers → 400 VOUCHER_HEADER_REPEATED', async () => {
    const t = h.standin.voucher();
    await expectPdndError(verify({ authorization: [`Bearer ${t}`, `Bearer ${t}`], method: 'GET', url: URL_ }), 'VOUCHER_HEADER_REPEATED', 400);
  });
  it('a Bearer failure answers with a Bearer invalid_token challenge', async () => {
    const err = await expectPdndError(verify(bearer('x.y.z')), 'VOUCHER_MALFORMED', 401);
    expect(err.headers['WWW-Authenticate']).toBe('Bearer error="invalid_token"');
  });
});

describe('V2 algorithm allow-list', () => {
  it('alg none → 401 VOUCHER_ALG_NOT_ALLOWED', async () => {
    const token = h.standin.voucher({ signWith: 'none' });
    expect(token.endsWith('.')).toBe(true);
    await expectPdndError(verify(bearer(token)), 'VOUCHER_ALG_NOT_ALLOWED', 401);
  });
  it('HS256 keyed with the PDND public key → 401 VOUCHER_ALG_NOT_ALLOWED', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ signWith: 'hmac-public-key' }))), 'VOUCHER_ALG_NOT_ALLOWED', 401);
  });
  it('HMAC with the public key under a header claiming RS256 → 401 VOUCHER_SIGNATURE_INVALID', async () => {
    const pem = createPublicKey(h.standin.keys.pdnd.privateKey).export({ format: 'pem', type: 'spki' }) as string;
    const [head, body] = h.standin.voucher().split('.') as [string, string];
    const forged = `${head}.${body}.${createHmac('sha256', pem).update(`${head}.${body}`).digest('base64url')}`;
    await expectPdndError(verify(bearer(forged)), 'VOUCHER_SIGNATURE_INVALID', 401);
  });
  it.each(['RS512', 'PS256', 'HS512'])('alg %s (really signed so) → 401 VOUCHER_ALG_NOT_ALLOWED', async (alg) => {
    const token = h.standin.voucher({ header: { alg }, signWith: alg.startsWith('HS') ? 'hmac-public-key' : 'pdnd' });
    await expectPdndError(verify(bearer(token)), 'VOUCHER_ALG_NOT_ALLOWED', 401);
  });
  it.each(['ES256', 'RS256 ', 'rs256'])('header alg %p on an RS256 signature → 401 VOUCHER_ALG_NOT_ALLOWED', async (alg) => {
    await expectPdndError(verify(bearer(forgeHeader(h.standin.voucher(), { alg }))), 'VOUCHER_ALG_NOT_ALLOWED', 401);
  });
});

function forgeHeader(token: string, patch: Record<string, unknown>): string {
  const [head, rest] = [token.slice(0, token.indexOf('.')), token.slice(token.indexOf('.'))];
  const header = { ...JSON.parse(Buffer.from(head, 'base64url').toString()), ...patch };
  return Buffer.from(JSON.stringify(header)).toString('base64url') + rest;
}

describe('V3 typ', () => {
  it.each([['JWT'], ['dpop+jwt'], [undefined]])('typ %s → 401 VOUCHER_TYP_INVALID', async (typ) => {
    await expectPdndError(verify(bearer(h.standin.voucher({ header: { typ } }))), 'VOUCHER_TYP_INVALID', 401);
  });
});

describe('V4 kid', () => {
  it('missing → 401 VOUCHER_KID_MISSING', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ header: { kid: undefined } }))), 'VOUCHER_KID_MISSING', 401);
  });
  it('not in the PDND JWKS, after one refresh → 401 VOUCHER_KID_UNKNOWN', async () => {
    const deps = h.fresh();
    await verify(bearer(h.standin.voucher()), h.cfg, deps);
    h.clock.now += 31_000; // past the minimum refresh interval
    try {
      const before = h.server.hits.jwks;
      const token = h.standin.voucher({ signWith: 'rogue', header: { kid: h.standin.rogue.kid } });
      await expectPdndError(verify(bearer(token), h.cfg, deps), 'VOUCHER_KID_UNKNOWN', 401);
      expect(h.server.hits.jwks).toBe(before + 1);
      // Rate-limited: another unknown kid within the interval does not hit PDND again.
      await expectPdndError(verify(bearer(token), h.cfg, deps), 'VOUCHER_KID_UNKNOWN', 401);
      expect(h.server.hits.jwks).toBe(before + 1);
    } finally {
      h.clock.now -= 31_000;
    }
  });
});

describe('V5 signature', () => {
  it('payload tampered → 401 VOUCHER_SIGNATURE_INVALID', async () => {
    const token = tamperPayload(h.standin.voucher(), { purposeId: 'another-purpose' });
    await expectPdndError(verify(bearer(token)), 'VOUCHER_SIGNATURE_INVALID', 401);
  });
  it('signed by a non-PDND key under the PDND kid → 401 VOUCHER_SIGNATURE_INVALID', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ signWith: 'rogue' }))), 'VOUCHER_SIGNATURE_INVALID', 401);
  });
});

describe('header members and claim types', () => {
  it.each([
    ['zip (a JWE member, compression of attacker data)', { zip: 'DEF' }],
    ['crit naming an extension we do not implement', { crit: ['exp'], exp: 1 }],
    ['b64 false (RFC 7797 unencoded payload)', { b64: false, crit: ['b64'] }],
  ])('%s → 401 VOUCHER_MALFORMED', async (_name, header) => {
    await expectPdndError(verify(bearer(h.standin.voucher({ header }))), 'VOUCHER_MALFORMED', 401);
  });
  it.each([
    ['a number', 42],
    ['an object', { aud: 'x' }],
    ['an array with a non-string', ['https://fsl-api.localhost/eservices', 7]],
    ['an empty array', []],
  ])('aud that is %s → 401 VOUCHER_CLAIM_INVALID', async (_name, aud) => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { aud } }))), 'VOUCHER_CLAIM_INVALID', 401);
  });
  it('lifespan (exp − iat) above the configured maximum → 401 VOUCHER_LIFESPAN_TOO_LONG; at the maximum it passes', async () => {
    const cfg = { ...h.cfg, maxLifespanSeconds: 900 };
    await expectPdndError(verify(bearer(h.standin.voucher({ lifetimeSeconds: 901 })), cfg), 'VOUCHER_LIFESPAN_TOO_LONG', 401);
    await expect(verify(bearer(h.standin.voucher({ lifetimeSeconds: 900 })), cfg)).resolves.toBeDefined();
  });
  it('default maximum lifespan is one hour', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ lifetimeSeconds: 3601 }))), 'VOUCHER_LIFESPAN_TOO_LONG', 401);
  });
});

describe('V6 issuer', () => {
  it.each(['uat.interop.pagopa.it', 'interop.pagopa.it', 'https://evil.example'])('iss %s → 401 VOUCHER_ISSUER_INVALID', async (iss) => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { iss } }))), 'VOUCHER_ISSUER_INVALID', 401);
  });
  it('missing iss → 401 VOUCHER_CLAIMS_MISSING', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { iss: undefined } }))), 'VOUCHER_CLAIMS_MISSING', 401);
  });
});

describe('V7 audience', () => {
  it('string form, not ours → 403 VOUCHER_AUDIENCE_INVALID', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ audience: 'https://other.example/api' }))), 'VOUCHER_AUDIENCE_INVALID', 403);
  });
  it('array form, not containing ours → 403 VOUCHER_AUDIENCE_INVALID', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ audience: ['a', 'b'] }))), 'VOUCHER_AUDIENCE_INVALID', 403);
  });
  it('missing aud → 401 VOUCHER_CLAIMS_MISSING', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { aud: undefined } }))), 'VOUCHER_CLAIMS_MISSING', 401);
  });
});

describe('V8–V9 time claims (tolerance 10 s)', () => {
  const at = (d: number) => h.standin.nowSeconds() + d;
  it('expired beyond the tolerance → 401 VOUCHER_EXPIRED', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { exp: at(-10) } }))), 'VOUCHER_EXPIRED', 401);
  });
  it('nbf in the future → 401 VOUCHER_NOT_YET_VALID', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { nbf: at(60) } }))), 'VOUCHER_NOT_YET_VALID', 401);
  });
  it('iat in the future → 401 VOUCHER_ISSUED_IN_FUTURE', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { iat: at(11), nbf: undefined } }))), 'VOUCHER_ISSUED_IN_FUTURE', 401);
  });
  it('the tolerance is configurable', async () => {
    const token = h.standin.voucher({ claims: { exp: at(-20) } });
    await expect(verify(bearer(token), { ...h.cfg, clockToleranceSeconds: 30 })).resolves.toBeDefined();
    await expectPdndError(verify(bearer(token), { ...h.cfg, clockToleranceSeconds: 0 }), 'VOUCHER_EXPIRED', 401);
  });
});

describe('V10–V11 required claims', () => {
  it.each(['jti', 'exp', 'iat', 'sub', 'client_id'])('missing %s → 401 VOUCHER_CLAIMS_MISSING', async (claim) => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { [claim]: undefined } }))), 'VOUCHER_CLAIMS_MISSING', 401);
  });
  it('exp that is not a number → 401 VOUCHER_CLAIMS_MISSING', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { exp: 'tomorrow' } }))), 'VOUCHER_CLAIMS_MISSING', 401);
  });
  it('client_id ≠ sub → 401 VOUCHER_CLIENT_MISMATCH', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { sub: 'someone-else' } }))), 'VOUCHER_CLIENT_MISMATCH', 401);
  });
});

describe('V12 producer / e-service / descriptor', () => {
  it.each([
    ['producerId', 'VOUCHER_PRODUCER_MISMATCH'],
    ['eserviceId', 'VOUCHER_ESERVICE_MISMATCH'],
    ['descriptorId', 'VOUCHER_DESCRIPTOR_MISMATCH'],
  ] as const)('wrong %s → 403 %s', async (claim, code) => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { [claim]: '00000000-0000-4000-8000-000000000bad' } }))), code, 403);
  });
  it('missing producerId while configured → 403 VOUCHER_PRODUCER_MISMATCH', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { producerId: undefined } }))), 'VOUCHER_PRODUCER_MISMATCH', 403);
  });
  it('not checked when not configured; ids compare case-insensitively', async () => {
    const cfg = { ...h.cfg, eserviceId: undefined, descriptorId: undefined, producerId: STANDIN_PRODUCER_ID.toUpperCase() };
    await expect(verify(bearer(h.standin.voucher({ claims: { eserviceId: 'x', descriptorId: undefined } })), cfg)).resolves.toBeDefined();
  });
  it('a 401 failure wins over a 403 one', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ audience: 'x', claims: { exp: 1 } }))), 'VOUCHER_EXPIRED', 401);
  });
});

describe('V14 purposeId', () => {
  it('missing → 401 VOUCHER_PURPOSE_MISSING', async () => {
    await expectPdndError(verify(bearer(h.standin.voucher({ claims: { purposeId: undefined } }))), 'VOUCHER_PURPOSE_MISSING', 401);
  });
  it('a probing token on an e-service route → 401 (no client_id, no purposeId)', async () => {
    await expectPdndError(verify(bearer(h.standin.probingToken())), 'VOUCHER_CLAIMS_MISSING', 401);
  });
});

describe('probing token (GET <basePath>/interop/probing)', () => {
  const probe = (authorization?: string) => verifyProbingToken({ authorization }, h.cfg, h.deps);
  it('is accepted without purposeId / client_id', async () => {
    await expect(probe(`Bearer ${h.standin.probingToken()}`)).resolves.toMatchObject({ jti: expect.any(String) });
  });
  it('a normal voucher is accepted too (it is PDND-signed for our audience)', async () => {
    await expect(probe(`Bearer ${h.standin.voucher()}`)).resolves.toBeDefined();
  });
  it('wrong audience → 403; bad signature → 401; DPoP scheme → 401', async () => {
    await expectPdndError(probe(`Bearer ${h.standin.probingToken({ audience: ['x'] })}`), 'VOUCHER_AUDIENCE_INVALID', 403);
    await expectPdndError(probe(`Bearer ${h.standin.probingToken({ signWith: 'rogue' })}`), 'VOUCHER_SIGNATURE_INVALID', 401);
    await expectPdndError(probe(`DPoP ${h.standin.probingToken()}`), 'VOUCHER_SCHEME_UNSUPPORTED', 401);
  });
  it('expired → 401 VOUCHER_EXPIRED', async () => {
    await expectPdndError(probe(`Bearer ${h.standin.probingToken({ claims: { exp: 1 } })}`), 'VOUCHER_EXPIRED', 401);
  });
});

describe('parseAuthorization', () => {
  it('splits scheme and token', () => {
    expect(parseAuthorization('DPoP  a.b.c ')).toEqual({ scheme: 'DPoP', token: 'a.b.c' });
  });
});
