// The built api as a process against the PDND stand-in and Redis: whose keys may sign a consumer's ModI
// headers, how the api authenticates to PDND's keys API, voucher edge cases, the quota headers on every
// answer (refusals of unidentified callers counted by source address), and the key-set metric.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PdndStandin, startStandinServer, STANDIN_PRODUCER_ID, type StandinServer } from '@fsl/pdnd-standin';
import { appDatabaseUrl, randomCf } from '../../../test/support/env';
import { startApp, type RunningApp } from '../../../test/support/processes';
import { DEV_ESERVICES_FILE } from '../src/config';
import { EserviceRegistry, eserviceRegistrySchema, type EserviceKind } from '../src/registry/eservices';
import { loadJsonFile } from '../src/registry/load-json';
import { authorizationTable, consumerHeaders, expectProblem, HOOK_TIMEOUT_MS, PUBLIC_BASE_URL, type Answer, type CallOptions, type Consumer } from './support/harness';

const CF = randomCf();
const body = JSON.stringify({ codiceFiscale: CF });
const PATH = '/rest/fsl/v1/fascicoli/consultazioni';
const ANONYMOUS_LIMIT = 5;
const CONSUMER_LIMIT = 100;
const purpose = { eservices: ['fascicolo', 'cartella-lavorativa'] as EserviceKind[], dati: ['lavorativa', 'sociale', 'formativa'] as const, casiPais: 'tutti' as const };
const spec = { rateLimit: { limit: CONSUMER_LIMIT, windowSeconds: 3600 }, purpose: { ...purpose, dati: [...purpose.dati] } };

const registry = new EserviceRegistry(loadJsonFile(DEV_ESERVICES_FILE, eserviceRegistrySchema));
const eservice = (kind: EserviceKind) => registry.get(kind)!;
const standin = new PdndStandin();
const headersFor = consumerHeaders(standin, eservice);
/** A well-behaved consumer's headers for POST <fascicolo>/consultazioni with `body`. */
const headers = (c: Consumer, opts: CallOptions = {}) => headersFor('fascicolo', c, { body, ...opts });
const { table, consumers } = authorizationTable({ a: spec, b: spec, c: spec, d: spec, q: spec });
const [A, B, C, D, Q] = (['a', 'b', 'c', 'd', 'q'] as const).map((k) => consumers[k]!) as [Consumer, Consumer, Consumer, Consumer, Consumer];
// Every request says where it comes from (the api trusts 127.0.0.1 as its proxy): anonymous buckets of
// this run are its own, whatever else counts refusals from 127.0.0.1 in the same Redis.
const run = randomBytes(2);
const address = (n: number) => `198.18.${run[0]}.${(run[1]! + n) % 250}`;
// Calls that are not about the anonymous quota each come from an address of their own.
let unused = 10;
const fresh = () => address(unused++);

let dir: string;
let server: StandinServer;
let api: RunningApp;

function apiEnv(standinServer: StandinServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: appDatabaseUrl('fsl_api'),
    PDND_JWKS_URL: standinServer.jwksUrl,
    PDND_KEYS_API_URL: standinServer.keysApiUrl,
    PDND_PUBLIC_BASE_URL: PUBLIC_BASE_URL,
    PDND_PRODUCER_ID: STANDIN_PRODUCER_ID,
    PDND_AUTHORIZATIONS_FILE: join(dir, 'authorizations.json'),
    ...standin.apiClientEnv(standinServer.url),
    ...extra,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fsl-api-pdnd-trust-'));
  writeFileSync(join(dir, 'authorizations.json'), JSON.stringify(table));
  server = await startStandinServer(standin);
  api = await startApp('api', apiEnv(server, { RATE_LIMIT_ANONYMOUS: String(ANONYMOUS_LIMIT), RATE_LIMIT_WINDOW_SECONDS: '3600', TRUSTED_PROXIES: '127.0.0.1' }));
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await api?.stop();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

async function post(headers: Record<string, string>, from = fresh(), target = api): Promise<Answer> {
  const res = await fetch(`${target.url}${PATH}`, { method: 'POST', headers: { ...headers, 'X-Forwarded-For': from }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : {} };
}
const quota = (res: Answer) => ({ limit: res.headers.get('x-ratelimit-limit'), remaining: res.headers.get('x-ratelimit-remaining') });
const voucherClaims = (c: Consumer) => ({ consumerId: c.consumerId, eserviceId: eservice('fascicolo').eserviceId, descriptorId: eservice('fascicolo').descriptorId });

describe("ModI headers are signed with a key of the voucher's own client", () => {
  it("consumer A's own keys: 200", async () => {
    expect((await post(headers(A))).status).toBe(200);
  });

  it("Agid-JWT-Signature signed with consumer B's key registered on PDND → 400 INTEGRITY_KEY_CLIENT_MISMATCH", async () => {
    const foreign = standin.integrity({ body, clientId: B.clientId }).headers['Agid-JWT-Signature']!;
    expectProblem(await post({ ...headers(A), 'Agid-JWT-Signature': foreign }), 400, 'INTEGRITY_KEY_CLIENT_MISMATCH', CF);
  });

  it("Agid-JWT-TrackingEvidence signed with consumer B's key (and the voucher bound to it) → 400 AUDIT_KEY_CLIENT_MISMATCH", async () => {
    const evidence = standin.trackingEvidence({ clientId: B.clientId, purposeId: A.purposeId });
    const voucher = standin.voucher({ clientId: A.clientId, purposeId: A.purposeId, digest: evidence.digest, claims: voucherClaims(A) });
    const sent = { ...headers(A), Authorization: `Bearer ${voucher}`, 'Agid-JWT-TrackingEvidence': evidence.token };
    expectProblem(await post(sent), 400, 'AUDIT_KEY_CLIENT_MISMATCH', CF);
  });
});

describe("the api reads consumer keys from PDND's keys API with its own voucher", () => {
  it('the keys API refuses anonymous look-ups; the api never made one, and got its voucher from the token endpoint', async () => {
    expect((await fetch(`${server.keysApiUrl}/keys/${standin.clientKey(A.clientId).kid}`)).status).toBe(401);
    server.hits.keysRefused = 0;
    expect((await post(headers(A))).status).toBe(200);
    expect(server.hits).toMatchObject({ keysRefused: 0, tokenRefused: 0, token: 1 });
    expect(server.hits.keys).toBeGreaterThanOrEqual(2);
  });

  it('the voucher is reused: a new consumer key is fetched without a new voucher', async () => {
    const before = { ...server.hits };
    expect((await post(headers(C))).status).toBe(200);
    expect({ keys: server.hits.keys - before.keys, token: server.hits.token - before.token }).toEqual({ keys: 1, token: 0 });
  });

  it('a voucher PDND revoked (401) is replaced at once and the look-up retried', async () => {
    standin.tokenEndpoint.revokeAll();
    const before = { ...server.hits };
    expect((await post(headers(D))).status).toBe(200);
    expect({ refused: server.hits.keysRefused - before.keysRefused, token: server.hits.token - before.token, keys: server.hits.keys - before.keys }).toEqual({ refused: 1, token: 1, keys: 1 });
  });
});

describe('voucher edge cases', () => {
  it('lifespan (exp − iat) above the configured maximum (default 3600 s) → 401 VOUCHER_LIFESPAN_TOO_LONG', async () => {
    // Well clear of the limit: iat is the second the stand-in mints in, which may follow this one.
    const long = headers(A, { voucherClaims: { exp: standin.nowSeconds() + 3700 } });
    expectProblem(await post(long), 401, 'VOUCHER_LIFESPAN_TOO_LONG', CF);
  });

  it('two Authorization headers (Node would keep the first) → 400 VOUCHER_HEADER_REPEATED', async () => {
    const sent = headers(A);
    const second = `Bearer ${standin.voucher({ clientId: B.clientId, purposeId: B.purposeId, claims: voucherClaims(B) })}`;
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${api.url}${PATH}`, { method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      for (const [name, value] of Object.entries(sent)) if (name !== 'Authorization') req.setHeader(name, value);
      req.setHeader('X-Forwarded-For', fresh());
      // An array value goes out as two header lines.
      req.setHeader('Authorization', [sent.Authorization!, second]);
      req.end(body);
    });
    expect({ status: answer.status, code: JSON.parse(answer.text).code }).toEqual({ status: 400, code: 'VOUCHER_HEADER_REPEATED' });
  });

  it('a JWS zip header → 401 VOUCHER_MALFORMED', async () => {
    expectProblem(await post(headers(A, { voucherHeader: { zip: 'DEF' } })), 401, 'VOUCHER_MALFORMED', CF);
  });

  it.each([
    ['an array holding a non-string beside our audience', [standin.audience, 7]],
    ['a number', 42],
    ['an object', { aud: standin.audience }],
  ])('aud that is %s → 401 VOUCHER_CLAIM_INVALID', async (_name, aud) => {
    expectProblem(await post(headers(A, { voucherClaims: { aud } })), 401, 'VOUCHER_CLAIM_INVALID', CF);
  });

  it.each([
    ['a query', '?debug=1'],
    ['a fragment', '#x'],
  ])('a DPoP proof whose htu carries %s → 401 DPOP_HTU_INVALID', async (_name, suffix) => {
    const sent = headers(A, { dpop: true });
    const proof = standin.dpopProof({ method: 'POST', url: `${PUBLIC_BASE_URL}${PATH}${suffix}`, accessToken: sent.Authorization!.slice('DPoP '.length) });
    expectProblem(await post({ ...sent, DPoP: proof }), 401, 'DPOP_HTU_INVALID', CF);
  });
});

describe('X-RateLimit-* on every answer', () => {
  it("forged vouchers naming consumer Q count against their source address, never against Q; past the anonymous quota → 429", async () => {
    const forged = () => headers(Q, { signWith: 'rogue' });
    const from = address(1);
    const seen = [];
    for (let i = 0; i < ANONYMOUS_LIMIT; i++) {
      const res = await post(forged(), from);
      expectProblem(res, 401, 'VOUCHER_SIGNATURE_INVALID', CF);
      seen.push(quota(res));
    }
    expect(seen).toEqual([4, 3, 2, 1, 0].map((n) => ({ limit: String(ANONYMOUS_LIMIT), remaining: String(n) })));
    const over = await post(forged(), from);
    expectProblem(over, 429, 'RATE_LIMITED', CF);
    expect(quota(over)).toEqual({ limit: String(ANONYMOUS_LIMIT), remaining: '0' });

    // Another address has its own bucket; Q's own quota was never touched.
    expect(quota(await post(forged(), address(2)))).toEqual({ limit: String(ANONYMOUS_LIMIT), remaining: '4' });
    const own = await post(headers(Q), from);
    expect(own.status).toBe(200);
    expect(quota(own)).toEqual({ limit: String(CONSUMER_LIMIT), remaining: String(CONSUMER_LIMIT - 1) });
  });

  it('no voucher at all: 401 with the anonymous quota headers', async () => {
    const res = await post({ 'Content-Type': 'application/json' }, address(3));
    expectProblem(res, 401, 'VOUCHER_MISSING', CF);
    expect(quota(res)).toEqual({ limit: String(ANONYMOUS_LIMIT), remaining: '4' });
  });

  it('only the hop the trusted proxy appended counts: a client-written X-Forwarded-For entry is ignored', async () => {
    const real = address(4);
    const first = await post({}, `203.0.113.9, ${real}`);
    const second = await post({}, `203.0.113.10, ${real}`);
    expect([quota(first).remaining, quota(second).remaining]).toEqual(['4', '3']);
  });

  it("a voucher PDND signed but for another e-service (403) is charged to its consumer and says so", async () => {
    const res = await post(headers(B, { voucherClaims: { aud: ['https://other.example/api'] } }));
    expectProblem(res, 403, 'VOUCHER_AUDIENCE_INVALID', CF);
    expect(quota(res).limit).toBe(String(CONSUMER_LIMIT));
  });
});

describe('metrics', () => {
  it('a PDND key-set refresh that fails is counted (fsl_pdnd_keyset_refresh_failures_total)', async () => {
    const down = await startStandinServer(standin);
    down.setAvailable(false);
    const blind = await startApp('api', apiEnv(down));
    try {
      expectProblem(await post(headers(A), address(5), blind), 503, 'PDND_KEYS_UNAVAILABLE', CF);
      const metrics = await (await fetch(blind.metricsUrl)).text();
      expect(metrics).toMatch(/^fsl_pdnd_keyset_refresh_failures_total\{[^}]*reason="error-status"[^}]*\} 1$/m);
    } finally {
      await blind.stop();
      await down.close();
    }
  }, HOOK_TIMEOUT_MS);
});

it('no codice fiscale in the api output', () => {
  expect(api.output().length).toBeGreaterThan(0);
  expect(api.output()).not.toContain(CF);
});
