// Reference §3, INTEGRITY_REST_02 cases I1–I7 (400), and the Digest vectors of §8.
import { digestHeaderFor, parseSha256Digest } from './digest';
import { IntegrityRequest, verifyIntegrityRest02 } from './integrity';
import { expectPdndError, Harness, startHarness } from './testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const BODY = '{"importo": "120.00", "causale": "ADI"}';
type Opts = Partial<Parameters<Harness['standin']['integrity']>[0]>;

function request(opts: Opts = {}, rawBody: string | Buffer = opts.body ?? BODY): IntegrityRequest {
  const { headers } = h.standin.integrity({ body: BODY, ...opts });
  return { headers, rawBody };
}
const caller = () => ({ clientId: h.standin.clientId });
const verify = (req: IntegrityRequest, deps = h.deps) => verifyIntegrityRest02(req, caller(), { audience: h.standin.audience }, deps);
const without = (req: IntegrityRequest, name: string): IntegrityRequest => {
  const headers = { ...req.headers };
  delete headers[name];
  return { ...req, headers };
};

describe('§8 verified Digest vectors', () => {
  it('RFC 9530 example body {"hello": "world"}', () => {
    expect(digestHeaderFor('{"hello": "world"}')).toBe('SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=');
  });
  it('the same body with a trailing newline', () => {
    expect(digestHeaderFor('{"hello": "world"}\n')).toBe('SHA-256=RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=');
  });
  it('a request carrying the vector digest verifies, and the newline variant does not', async () => {
    const req = request({ body: '{"hello": "world"}' });
    expect(req.headers.Digest).toBe('SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=');
    await expect(verify(req)).resolves.toMatchObject({ kid: h.standin.keys.consumer.kid, keyClientId: h.standin.clientId });
    await expectPdndError(verify(request({ body: '{"hello": "world"}' }, '{"hello": "world"}\n')), 'INTEGRITY_DIGEST_MISMATCH', 400);
  });
  it('parses SHA-256 among several algorithms, case-insensitively', () => {
    expect(parseSha256Digest('sha-512=abc, SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=')?.toString('base64')).toBe(
      'X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=',
    );
    expect(parseSha256Digest('SHA-512=abc')).toBeNull();
  });
});

describe('a valid Agid-JWT-Signature', () => {
  it('verifies over raw bytes (Buffer) with content-type and content-encoding signed', async () => {
    const raw = Buffer.from(BODY);
    const result = await verify(request({ contentEncoding: 'identity' }, raw));
    expect(result.signedHeaders).toMatchObject({ 'content-type': 'application/json', 'content-encoding': 'identity' });
  });
  it('caches the consumer key (one PDND call for many requests)', async () => {
    const deps = h.fresh();
    const before = h.server.hits.keys;
    await verify(request(), deps);
    await verify(request(), deps);
    expect(h.server.hits.keys).toBe(before + 1);
  });
});

describe('I1 missing headers', () => {
  it('no Agid-JWT-Signature → 400 INTEGRITY_SIGNATURE_MISSING', async () => {
    await expectPdndError(verify(without(request(), 'Agid-JWT-Signature')), 'INTEGRITY_SIGNATURE_MISSING', 400);
  });
  it('no Digest → 400 INTEGRITY_DIGEST_MISSING', async () => {
    await expectPdndError(verify(without(request(), 'Digest')), 'INTEGRITY_DIGEST_MISSING', 400);
  });
});

describe('I2 Digest vs raw body', () => {
  it('one byte changed → 400 INTEGRITY_DIGEST_MISMATCH', async () => {
    await expectPdndError(verify(request({}, BODY.replace('120', '920'))), 'INTEGRITY_DIGEST_MISMATCH', 400);
  });
  it('trailing newline added → 400 INTEGRITY_DIGEST_MISMATCH', async () => {
    await expectPdndError(verify(request({}, `${BODY}\n`)), 'INTEGRITY_DIGEST_MISMATCH', 400);
  });
  it('JSON re-serialised (same data, other whitespace) → 400 INTEGRITY_DIGEST_MISMATCH', async () => {
    await expectPdndError(verify(request({}, JSON.stringify(JSON.parse(BODY)))), 'INTEGRITY_DIGEST_MISMATCH', 400);
  });
  it('Digest without a SHA-256 value → 400 INTEGRITY_DIGEST_UNSUPPORTED', async () => {
    const req = request({ signedHeaders: [{ digest: 'SHA-512=abc' }, { 'content-type': 'application/json' }], digestHeader: 'SHA-512=abc' });
    await expectPdndError(verify(req), 'INTEGRITY_DIGEST_UNSUPPORTED', 400);
  });
});

describe('I3 signed header values', () => {
  it('body and Digest both replaced (signature still over the old digest) → 400 INTEGRITY_SIGNED_HEADER_MISMATCH', async () => {
    const tampered = BODY.replace('120', '920');
    await expectPdndError(verify(request({ digestHeader: digestHeaderFor(tampered) }, tampered)), 'INTEGRITY_SIGNED_HEADER_MISMATCH', 400);
  });
  it('Content-Type differs from the signed one → 400 INTEGRITY_SIGNED_HEADER_MISMATCH', async () => {
    const req = request();
    await expectPdndError(verify({ ...req, headers: { ...req.headers, 'Content-Type': 'text/plain' } }), 'INTEGRITY_SIGNED_HEADER_MISMATCH', 400);
  });
  it('Content-Encoding differs from the signed one → 400 INTEGRITY_SIGNED_HEADER_MISMATCH', async () => {
    const req = request({ contentEncoding: 'identity' });
    await expectPdndError(verify({ ...req, headers: { ...req.headers, 'Content-Encoding': 'gzip' } }), 'INTEGRITY_SIGNED_HEADER_MISMATCH', 400);
  });
  it('a signed header absent from the request → 400 INTEGRITY_SIGNED_HEADER_MISMATCH', async () => {
    await expectPdndError(verify(without(request(), 'Content-Type')), 'INTEGRITY_SIGNED_HEADER_MISMATCH', 400);
  });
});

describe('I4 headers that must be signed', () => {
  const digest = digestHeaderFor(BODY);
  it('Content-Type present but not in signed_headers → 400 INTEGRITY_SIGNED_HEADER_MISSING', async () => {
    await expectPdndError(verify(request({ signedHeaders: [{ digest }] })), 'INTEGRITY_SIGNED_HEADER_MISSING', 400);
  });
  it('Content-Encoding present but not in signed_headers → 400 INTEGRITY_SIGNED_HEADER_MISSING', async () => {
    const req = request({ signedHeaders: [{ digest }, { 'content-type': 'application/json' }] });
    await expectPdndError(verify({ ...req, headers: { ...req.headers, 'Content-Encoding': 'gzip' } }), 'INTEGRITY_SIGNED_HEADER_MISSING', 400);
  });
  it('digest not in signed_headers → 400 INTEGRITY_SIGNED_HEADER_MISSING', async () => {
    await expectPdndError(verify(request({ signedHeaders: [{ 'content-type': 'application/json' }] })), 'INTEGRITY_SIGNED_HEADER_MISSING', 400);
  });
  it('no signed_headers at all → 400 INTEGRITY_CLAIMS_MISSING', async () => {
    await expectPdndError(verify(request({ claims: { signed_headers: undefined } })), 'INTEGRITY_CLAIMS_MISSING', 400);
  });
  it('a signed_headers entry with two members → 400 INTEGRITY_TOKEN_MALFORMED', async () => {
    const req = request({ signedHeaders: [{ digest, 'content-type': 'application/json' }] as Array<Record<string, string>> });
    await expectPdndError(verify(req), 'INTEGRITY_TOKEN_MALFORMED', 400);
  });
});

describe('I5 key unknown to PDND', () => {
  it('GET /keys/{kid} → 404 gives 400 INTEGRITY_KID_UNKNOWN', async () => {
    await expectPdndError(verify(request({ signWith: h.standin.rogue })), 'INTEGRITY_KID_UNKNOWN', 400);
  });
  it('PDND keys endpoint down → 503 PDND_KEYS_UNAVAILABLE with Retry-After', async () => {
    h.server.setAvailable(false);
    try {
      await expectPdndError(verify(request(), h.fresh()), 'PDND_KEYS_UNAVAILABLE', 503);
    } finally {
      h.server.setAvailable(true);
    }
  });
});

describe('I6 token checks', () => {
  const at = (d: number) => h.standin.nowSeconds() + d;
  it('signed by another key under the consumer kid → 400 INTEGRITY_SIGNATURE_INVALID', async () => {
    const rogue = { ...h.standin.rogue, kid: h.standin.keys.consumer.kid };
    await expectPdndError(verify(request({ signWith: rogue })), 'INTEGRITY_SIGNATURE_INVALID', 400);
  });
  it('wrong aud → 400 INTEGRITY_AUDIENCE_INVALID', async () => {
    await expectPdndError(verify(request({ audience: 'https://other.example' })), 'INTEGRITY_AUDIENCE_INVALID', 400);
  });
  it('expired → 400 INTEGRITY_EXPIRED', async () => {
    await expectPdndError(verify(request({ claims: { exp: at(-11) } })), 'INTEGRITY_EXPIRED', 400);
  });
  it('iat in the future → 400 INTEGRITY_ISSUED_IN_FUTURE', async () => {
    await expectPdndError(verify(request({ claims: { iat: at(30), nbf: undefined } })), 'INTEGRITY_ISSUED_IN_FUTURE', 400);
  });
  it('nbf in the future → 400 INTEGRITY_NOT_YET_VALID', async () => {
    await expectPdndError(verify(request({ claims: { nbf: at(30) } })), 'INTEGRITY_NOT_YET_VALID', 400);
  });
  it('alg HS256 → 400 INTEGRITY_ALG_NOT_ALLOWED', async () => {
    const req = request();
    const [, p] = (req.headers['Agid-JWT-Signature'] as string).split('.');
    const head = Buffer.from(JSON.stringify({ alg: 'HS256', kid: h.standin.keys.consumer.kid })).toString('base64url');
    await expectPdndError(verify({ ...req, headers: { ...req.headers, 'Agid-JWT-Signature': `${head}.${p}.AAAA` } }), 'INTEGRITY_ALG_NOT_ALLOWED', 400);
  });
  it('no jti → 400 INTEGRITY_CLAIMS_MISSING', async () => {
    await expectPdndError(verify(request({ claims: { jti: undefined } })), 'INTEGRITY_CLAIMS_MISSING', 400);
  });
  it('not a JWS → 400 INTEGRITY_TOKEN_MALFORMED', async () => {
    const req = request();
    await expectPdndError(verify({ ...req, headers: { ...req.headers, 'Agid-JWT-Signature': 'abc' } }), 'INTEGRITY_TOKEN_MALFORMED', 400);
  });
});

describe('I7 replay', () => {
  it('the same Agid-JWT-Signature twice → 400 INTEGRITY_REPLAYED', async () => {
    const req = request();
    await verify(req);
    await expectPdndError(verify(req), 'INTEGRITY_REPLAYED', 400);
  });
  it('replay store down → 503 REPLAY_STORE_UNAVAILABLE (fail closed)', async () => {
    const deps = { ...h.deps, replayStore: { claimOnce: () => Promise.reject(new Error('ECONNREFUSED')) } };
    await expectPdndError(verifyIntegrityRest02(request(), caller(), { audience: h.standin.audience }, deps), 'REPLAY_STORE_UNAVAILABLE', 503);
  });
});

describe('the signing key belongs to the voucher client', () => {
  it("signed with another client's key registered on PDND → 400 INTEGRITY_KEY_CLIENT_MISMATCH", async () => {
    const req = request({ signWith: h.standin.clientKey('00000000-0000-4000-8000-0000000c1e03') });
    await expectPdndError(verify(req), 'INTEGRITY_KEY_CLIENT_MISMATCH', 400);
  });
});
