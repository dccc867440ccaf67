// Reference §3 negative cases through the real app (guard, problem filter, Redis replay stores): each
// reaches the right status and problem+json body, never echoing the codice fiscale. The library's own
// tests cover every case at function level; these prove the wiring.
import { generateKeyPair } from '@fsl/pdnd-standin';
import { randomCf } from '../../../test/support/env';
import { expectProblem, HOOK_TIMEOUT_MS, PUBLIC_BASE_URL, startApi, type CallOptions, type Harness } from './support/harness';

let h: Harness;
const CF = randomCf();
const body = { codiceFiscale: CF };

beforeAll(async () => {
  h = await startApi({
    full: { purpose: { eservices: ['fascicolo', 'cartella-lavorativa', 'cartella-sociale', 'cartella-formativa'], dati: ['lavorativa', 'sociale', 'formativa'], casiPais: 'tutti' } },
  });
  await h.audit.query('INSERT INTO public.dossier (codice_fiscale, version) VALUES ($1, 7)', [CF]);
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await h.audit.query('DELETE FROM public.dossier WHERE codice_fiscale = $1', [CF]);
  await h.close();
}, HOOK_TIMEOUT_MS);

const full = () => h.consumers.full!;
const fascicolo = (opts: CallOptions = {}) => h.call('fascicolo', full(), { body, ...opts });
// Wall clock: the stand-in and the app both use it (the table below is built before the harness starts).
const at = (d: number) => Math.floor(Date.now() / 1000) + d;

describe('a valid call', () => {
  it('Bearer voucher + INTEGRITY_REST_02 + AUDIT_REST_02: the fascicolo, with quota headers and no-store', async () => {
    const res = await fascicolo();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ versione: 7, cartellaLavorativa: { codiceFiscale: CF, versione: 7 }, cartellaSociale: { casiPais: [], misureInclusione: [], partecipazioniPuc: [] }, cartellaFormativa: { iscrizioni: [], manifestazioniInteresse: [] } });
    expect(res.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('DPoP voucher with its proof, bound to the public URL', async () => {
    expect((await fascicolo({ dpop: true })).status).toBe(200);
  });
});

describe('voucher (V1–V14)', () => {
  it.each<[string, number, string, CallOptions]>([
    ['V1 no Authorization', 401, 'VOUCHER_MISSING', { headers: { Authorization: undefined } }],
    ['V1 unknown scheme', 401, 'VOUCHER_SCHEME_UNSUPPORTED', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } }],
    ['V2 alg none', 401, 'VOUCHER_ALG_NOT_ALLOWED', { signWith: 'none' }],
    ['V2 HS256 keyed with the PDND public key', 401, 'VOUCHER_ALG_NOT_ALLOWED', { signWith: 'hmac-public-key' }],
    ['V3 typ JWT', 401, 'VOUCHER_TYP_INVALID', { voucherHeader: { typ: 'JWT' } }],
    ['V4 kid missing', 401, 'VOUCHER_KID_MISSING', { voucherHeader: { kid: undefined } }],
    ['V5 signed by a non-PDND key', 401, 'VOUCHER_SIGNATURE_INVALID', { signWith: 'rogue' }],
    ['V6 issuer of another environment', 401, 'VOUCHER_ISSUER_INVALID', { voucherClaims: { iss: 'interop.pagopa.it' } }],
    ['V7 audience not ours (array)', 403, 'VOUCHER_AUDIENCE_INVALID', { voucherClaims: { aud: ['https://other.example/api'] } }],
    ['V7 audience not ours (string)', 403, 'VOUCHER_AUDIENCE_INVALID', { voucherClaims: { aud: 'https://other.example/api' } }],
    ['V8 expired', 401, 'VOUCHER_EXPIRED', { voucherClaims: { exp: at(-60) } }],
    ['V9 not yet valid', 401, 'VOUCHER_NOT_YET_VALID', { voucherClaims: { nbf: at(120) } }],
    ['V9 issued in the future', 401, 'VOUCHER_ISSUED_IN_FUTURE', { voucherClaims: { iat: at(120), nbf: undefined } }],
    ['V10 no jti', 401, 'VOUCHER_CLAIMS_MISSING', { voucherClaims: { jti: undefined } }],
    ['V11 client_id ≠ sub', 401, 'VOUCHER_CLIENT_MISMATCH', { voucherClaims: { sub: '00000000-0000-4000-8000-000000000bad' } }],
    ['V12 another producer', 403, 'VOUCHER_PRODUCER_MISMATCH', { voucherClaims: { producerId: '00000000-0000-4000-8000-000000000bad' } }],
    ['V14 no purposeId', 401, 'VOUCHER_PURPOSE_MISSING', { voucherClaims: { purposeId: undefined } }],
  ])('%s → %i %s', async (_name, status, code, opts) => {
    expectProblem(await fascicolo(opts), status, code, CF);
  });

  it('V4 kid unknown to the PDND key set → 401', async () => {
    const token = h.standin.voucher({ signWith: 'rogue', header: { kid: h.standin.rogue.kid } });
    expectProblem(await fascicolo({ headers: { Authorization: `Bearer ${token}` } }), 401, 'VOUCHER_KID_UNKNOWN', CF);
  });

  it('V5 payload tampered after signing → 401', async () => {
    const [head, payload, sig] = h.headersFor('fascicolo', h.consumers.full!, { body }).Authorization!.slice(7).split('.');
    const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), purposeId: '00000000-0000-4000-8000-000000000bad' };
    const forged = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    expectProblem(await fascicolo({ headers: { Authorization: `Bearer ${forged}` } }), 401, 'VOUCHER_SIGNATURE_INVALID', CF);
  });

  it('V12 a voucher for another e-service or another version of it → 403', async () => {
    const other = h.eservice('cartella-lavorativa');
    expectProblem(await fascicolo({ voucherClaims: { eserviceId: other.eserviceId } }), 403, 'VOUCHER_ESERVICE_MISMATCH', CF);
    expectProblem(await fascicolo({ voucherClaims: { descriptorId: other.descriptorId } }), 403, 'VOUCHER_DESCRIPTOR_MISMATCH', CF);
  });

  it('V14 a probing token (no purposeId, no client_id) on an e-service operation → 401', async () => {
    expectProblem(await fascicolo({ headers: { Authorization: `Bearer ${h.standin.probingToken()}` } }), 401, 'VOUCHER_CLAIMS_MISSING', CF);
  });
});

describe('DPoP (D1–D9)', () => {
  const path = () => `${h.eservice('fascicolo').basePath}/consultazioni`;
  const withProof = (proof: (voucher: string) => string): CallOptions => {
    const headers = h.headersFor('fascicolo', h.consumers.full!, { body, dpop: true });
    return { dpop: true, headers: { ...headers, DPoP: proof(headers.Authorization!.slice(5)) } };
  };

  it('D1 DPoP scheme without a proof → 401 DPOP_PROOF_MISSING with a DPoP challenge', async () => {
    const res = await fascicolo({ dpop: true, headers: { DPoP: undefined } });
    expectProblem(res, 401, 'DPOP_PROOF_MISSING', CF);
    expect(res.headers.get('www-authenticate')).toMatch(/^DPoP algs="RS256 ES256", error="invalid_dpop_proof"$/);
  });
  it('D4 proof for the internal URL instead of the public one → 401 DPOP_HTU_MISMATCH', async () => {
    const opts = withProof((accessToken) => h.standin.dpopProof({ method: 'POST', url: `${h.url}${path()}`, accessToken }));
    expectProblem(await fascicolo(opts), 401, 'DPOP_HTU_MISMATCH', CF);
  });
  it('D4 proof for another method → 401 DPOP_HTM_MISMATCH', async () => {
    const opts = withProof((accessToken) => h.standin.dpopProof({ method: 'GET', url: `${PUBLIC_BASE_URL}${path()}`, accessToken }));
    expectProblem(await fascicolo(opts), 401, 'DPOP_HTM_MISMATCH', CF);
  });
  it('D5 proof older than 60 s → 401 DPOP_PROOF_EXPIRED', async () => {
    const opts = withProof((accessToken) => h.standin.dpopProof({ method: 'POST', url: `${PUBLIC_BASE_URL}${path()}`, accessToken, claims: { iat: at(-120) } }));
    expectProblem(await fascicolo(opts), 401, 'DPOP_PROOF_EXPIRED', CF);
  });
  it('D6 the same proof twice → the second is 401 DPOP_REPLAYED (Redis replay store)', async () => {
    const headers = h.headersFor('fascicolo', h.consumers.full!, { body, dpop: true });
    expect((await h.fetch(path(), { method: 'POST', headers, body: JSON.stringify(body) })).status).toBe(200);
    expectProblem(await h.fetch(path(), { method: 'POST', headers, body: JSON.stringify(body) }), 401, 'DPOP_REPLAYED', CF);
  });
  it('D7 proof bound to another voucher → 401 DPOP_ATH_MISMATCH', async () => {
    const opts = withProof(() => h.standin.dpopProof({ method: 'POST', url: `${PUBLIC_BASE_URL}${path()}`, accessToken: h.standin.voucher({ dpop: true }) }));
    expectProblem(await fascicolo(opts), 401, 'DPOP_ATH_MISMATCH', CF);
  });
  it('D8 proof signed with another key than the voucher is bound to → 401 DPOP_JKT_MISMATCH', async () => {
    const thief = generateKeyPair('ec', 'thief');
    const opts = withProof((accessToken) => h.standin.dpopProof({ method: 'POST', url: `${PUBLIC_BASE_URL}${path()}`, accessToken, key: thief }));
    expectProblem(await fascicolo(opts), 401, 'DPOP_JKT_MISMATCH', CF);
  });
  it('D9 DPoP-bound voucher presented as Bearer → 401', async () => {
    const headers = h.headersFor('fascicolo', h.consumers.full!, { body, dpop: true });
    const res = await fascicolo({ headers: { Authorization: headers.Authorization!.replace(/^DPoP /, 'Bearer ') } });
    expectProblem(res, 401, 'VOUCHER_DPOP_BOUND_AS_BEARER', CF);
  });
});

describe('INTEGRITY_REST_02 (I1–I7) over the raw body', () => {
  const raw = JSON.stringify(body);
  it.each<[string, string, Record<string, string | undefined>]>([
    ['I1 no Agid-JWT-Signature', 'INTEGRITY_SIGNATURE_MISSING', { 'Agid-JWT-Signature': undefined }],
    ['I1 no Digest', 'INTEGRITY_DIGEST_MISSING', { Digest: undefined }],
    ['I3 Content-Type differs from the signed one', 'INTEGRITY_SIGNED_HEADER_MISMATCH', { 'Content-Type': 'application/json; charset=utf-8' }],
  ])('%s → 400 %s', async (_name, code, headers) => {
    expectProblem(await fascicolo({ headers }), 400, code, CF);
  });

  it('I2 body changed by one byte, and a trailing newline added → 400 INTEGRITY_DIGEST_MISMATCH', async () => {
    const path = `${h.eservice('fascicolo').basePath}/consultazioni`;
    for (const sent of [raw.replace(CF, randomCf()), `${raw}\n`]) {
      const headers = h.headersFor('fascicolo', h.consumers.full!, { body: raw });
      expectProblem(await h.fetch(path, { method: 'POST', headers, body: sent }), 400, 'INTEGRITY_DIGEST_MISMATCH', CF);
    }
  });

  it('I4 Content-Type sent but not signed → 400 INTEGRITY_SIGNED_HEADER_MISSING', async () => {
    const digest = h.standin.integrity({ clientId: full().clientId, body: raw }).headers.Digest!;
    const unsigned = h.standin.integrity({ clientId: full().clientId, body: raw, signedHeaders: [{ digest }] }).headers;
    expectProblem(await fascicolo({ headers: { 'Agid-JWT-Signature': unsigned['Agid-JWT-Signature'] } }), 400, 'INTEGRITY_SIGNED_HEADER_MISSING', CF);
  });

  it('I5 signing key unknown to PDND (keys API 404) → 400 INTEGRITY_KID_UNKNOWN', async () => {
    const rogue = h.standin.integrity({ clientId: full().clientId, body: raw, signWith: h.standin.rogue }).headers;
    expectProblem(await fascicolo({ headers: { 'Agid-JWT-Signature': rogue['Agid-JWT-Signature'] } }), 400, 'INTEGRITY_KID_UNKNOWN', CF);
  });

  it('I6 expired, wrong audience → 400', async () => {
    const expired = h.standin.integrity({ clientId: full().clientId, body: raw, claims: { exp: at(-60) } }).headers;
    expectProblem(await fascicolo({ headers: { 'Agid-JWT-Signature': expired['Agid-JWT-Signature'] } }), 400, 'INTEGRITY_EXPIRED', CF);
    const foreign = h.standin.integrity({ clientId: full().clientId, body: raw, audience: 'https://other.example' }).headers;
    expectProblem(await fascicolo({ headers: { 'Agid-JWT-Signature': foreign['Agid-JWT-Signature'] } }), 400, 'INTEGRITY_AUDIENCE_INVALID', CF);
  });

  it('I7 the same Agid-JWT-Signature on two requests → the second is 400 INTEGRITY_REPLAYED', async () => {
    const signature = h.standin.integrity({ clientId: full().clientId, body: raw }).headers;
    expect((await fascicolo({ headers: signature })).status).toBe(200);
    expectProblem(await fascicolo({ headers: signature }), 400, 'INTEGRITY_REPLAYED', CF);
  });

  it('§8 Digest vectors: the RFC 9530 body and its newline variant verify over the raw bytes', async () => {
    const path = `${h.eservice('fascicolo').basePath}/consultazioni`;
    const vectors = [
      ['{"hello": "world"}', 'SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE='],
      ['{"hello": "world"}\n', 'SHA-256=RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg='],
    ];
    for (const [sent, digest] of vectors) {
      const headers = h.headersFor('fascicolo', h.consumers.full!, { body: sent });
      expect(headers.Digest).toBe(digest);
      // Integrity passes; the body is then refused by the e-service's own validation (not ours to read).
      expectProblem(await h.fetch(path, { method: 'POST', headers, body: sent }), 400, 'BAD_REQUEST');
    }
    const swapped = h.headersFor('fascicolo', h.consumers.full!, { body: vectors[0]![0] });
    expectProblem(await h.fetch(path, { method: 'POST', headers: swapped, body: vectors[1]![0] }), 400, 'INTEGRITY_DIGEST_MISMATCH');
  });
});

describe('AUDIT_REST_02 (A1–A6)', () => {
  it('A1 no Agid-JWT-TrackingEvidence → 400 AUDIT_EVIDENCE_MISSING', async () => {
    expectProblem(await fascicolo({ headers: { 'Agid-JWT-TrackingEvidence': undefined } }), 400, 'AUDIT_EVIDENCE_MISSING', CF);
  });
  it('A5 agreed claim missing (userID) → 400 AUDIT_CLAIMS_MISSING', async () => {
    expectProblem(await fascicolo({ evidenceClaims: { userID: undefined } }), 400, 'AUDIT_CLAIMS_MISSING', CF);
  });
  it('A3 evidence expired → 400 AUDIT_EXPIRED', async () => {
    expectProblem(await fascicolo({ evidenceClaims: { exp: at(-60) } }), 400, 'AUDIT_EXPIRED', CF);
  });
  it('A6 evidence that is not the one the voucher digest names → 400 AUDIT_DIGEST_MISMATCH', async () => {
    const other = h.standin.trackingEvidence({ clientId: full().clientId, purposeId: full().purposeId });
    expectProblem(await fascicolo({ headers: { 'Agid-JWT-TrackingEvidence': other.token } }), 400, 'AUDIT_DIGEST_MISMATCH', CF);
  });
  it('A6 voucher without digest → 400 AUDIT_VOUCHER_DIGEST_MISSING', async () => {
    expectProblem(await fascicolo({ voucherClaims: { digest: undefined } }), 400, 'AUDIT_VOUCHER_DIGEST_MISSING', CF);
  });
  it('A4 the same evidence (and voucher) twice → the second is 400 AUDIT_REPLAYED', async () => {
    const first = h.headersFor('fascicolo', h.consumers.full!, { body });
    expect((await fascicolo({ headers: { Authorization: first.Authorization, 'Agid-JWT-TrackingEvidence': first['Agid-JWT-TrackingEvidence'] } })).status).toBe(200);
    const again = await fascicolo({ headers: { Authorization: first.Authorization, 'Agid-JWT-TrackingEvidence': first['Agid-JWT-TrackingEvidence'] } });
    expectProblem(again, 400, 'AUDIT_REPLAYED', CF);
  });
});

describe('probing and the deprecated GET', () => {
  const probing = (authorization?: string) =>
    h.fetch(`${h.eservice('fascicolo').basePath}/interop/probing`, { headers: authorization ? { Authorization: authorization } : {} });

  it('GET <basePath>/interop/probing accepts the PDND probing token without purposeId', async () => {
    const res = await probing(`Bearer ${h.standin.probingToken()}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ esito: 'OK' });
    expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
  });
  it('probing refuses no token (401), a foreign audience (403), a bad signature (401)', async () => {
    expectProblem(await probing(), 401, 'VOUCHER_MISSING');
    expectProblem(await probing(`Bearer ${h.standin.probingToken({ audience: ['https://other.example'] })}`), 403, 'VOUCHER_AUDIENCE_INVALID');
    expectProblem(await probing(`Bearer ${h.standin.probingToken({ signWith: 'rogue' })}`), 401, 'VOUCHER_SIGNATURE_INVALID');
  });
  it('every e-service basePath has its probing route', async () => {
    for (const kind of ['cartella-lavorativa', 'cartella-sociale', 'cartella-formativa', 'registro-accessi'] as const) {
      const res = await h.fetch(`${h.eservice(kind).basePath}/interop/probing`, { headers: { Authorization: `Bearer ${h.standin.probingToken()}` } });
      expect({ kind, status: res.status }).toEqual({ kind, status: 200 });
    }
  });
  it('GET /v1/cartelle-lavorative/{codiceFiscale} is no longer open: 401 without a voucher, 200 with one', async () => {
    expectProblem(await h.fetch(`/v1/cartelle-lavorative/${CF}`), 401, 'VOUCHER_MISSING', CF);
    const ok = await h.call('cartella-lavorativa', h.consumers.full!, { method: 'GET', absolute: true, path: `/v1/cartelle-lavorative/${CF}` });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ versione: 7, cartellaLavorativa: { codiceFiscale: CF } });
    expect(ok.body).not.toHaveProperty('cartellaSociale');
  });
  it('/status stays public; /metrics is not served on the e-service port', async () => {
    expect((await h.fetch('/status')).status).toBe(200);
    expect((await h.fetch('/metrics')).status).toBe(404);
  });
});

describe('PDND keys unavailable', () => {
  it('no JWKS ever loaded → 503 PDND_KEYS_UNAVAILABLE with Retry-After', async () => {
    const down = await startApi({ only: { purpose: { eservices: ['cartella-lavorativa'], dati: ['lavorativa'] } } });
    try {
      down.server.setAvailable(false);
      const res = await down.call('cartella-lavorativa', down.consumers.only!, { body });
      expectProblem(res, 503, 'PDND_KEYS_UNAVAILABLE', CF);
    } finally {
      await down.close();
    }
  }, HOOK_TIMEOUT_MS);
});

it('no codice fiscale in any log line', () => {
  expect(h.logs().length).toBeGreaterThan(0);
  expect(h.logs()).not.toContain(CF);
});
