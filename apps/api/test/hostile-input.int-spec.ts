// Hostile bodies and headers against the api (the real app: guard, Redis, Postgres, the PDND stand-in):
// codici fiscali disguised with non-ASCII characters, JSON nested thousands deep, bodies over the limit,
// compressed or in another charset, parser errors, CF-shaped correlation ids. Each gets a 4xx
// problem+json that carries nothing of the request.
import { gzipSync } from 'node:zlib';
import { randomCf } from '../../../test/support/env';
import { answerBeforeBody } from '../../../test/support/http-probe';
import { expectProblem, HOOK_TIMEOUT_MS, startApi, type Consumer, type Harness } from './support/harness';

const CF = randomCf();
// Each of these, trimmed or upper-cased the Unicode way, is exactly CF.
const DISGUISED = [`\u00A0${CF}`, `\uFEFF${CF}`, `${CF}\u3000`, `${CF}\u2028`, `${CF}\u2029`, CF.replace(/S/, 'ſ'), CF.replace(/I/, 'ı'), CF.replace(/SS/, 'ß'), CF.replace(/FI/, 'ﬁ'), CF.replace(/FF/, 'ﬀ')].filter((v) => v !== CF);

let h: Harness;
let full: Consumer;
const FASCICOLO = '/rest/fsl/v1/fascicoli/consultazioni';

beforeAll(async () => {
  h = await startApi({ full: { purpose: { eservices: ['fascicolo', 'cartella-lavorativa'], dati: ['lavorativa', 'sociale', 'formativa'], casiPais: 'tutti' } } });
  full = h.consumers.full;
  await h.audit.query('INSERT INTO public.dossier (codice_fiscale, version) VALUES ($1, 7)', [CF]);
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await h.audit.query('DELETE FROM public.dossier WHERE codice_fiscale = $1', [CF]);
  await h.close();
}, HOOK_TIMEOUT_MS);

describe('api: hostile input', () => {
  it('serves the citizen asked for by the code as written', async () => {
    const res = await h.call('fascicolo', full, { body: { codiceFiscale: CF } });
    expect([res.status, res.body.versione]).toEqual([200, 7]);
  });

  it('refuses a codice fiscale disguised with non-ASCII characters (it used to be served that citizen)', async () => {
    expect(DISGUISED.length).toBeGreaterThanOrEqual(5);
    for (const cf of DISGUISED) {
      const res = await h.call('fascicolo', full, { body: { codiceFiscale: cf } });
      expectProblem(res, 400, 'BAD_REQUEST', CF);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'codiceFiscale' })]);
      const legacy = await h.call('cartella-lavorativa', full, { method: 'GET', absolute: true, path: `/v1/cartelle-lavorative/${encodeURIComponent(cf)}` });
      expect(legacy.status).toBe(400);
    }
  });

  it('refuses JSON nested thousands deep with a 422 (it used to be a 500)', async () => {
    const deep = `{"codiceFiscale":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    const res = await h.call('fascicolo', full, { body: deep });
    expectProblem(res, 422, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '', code: 'JSON_TOO_DEEP' })]);
  });

  it('decides size, encoding and charset on the headers, before the body', async () => {
    const url = `${h.url}${FASCICOLO}`;
    const big = await answerBeforeBody(url, { 'content-type': 'application/json', 'content-length': String(2 ** 31) });
    expect([big.status, big.type, big.body.code]).toEqual([413, 'application/problem+json', 'PAYLOAD_TOO_LARGE']);
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 });
    const gz = await answerBeforeBody(url, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) }, [bomb.subarray(0, 512)]);
    expect([gz.status, gz.type, gz.body.code]).toEqual([415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE']);
    const chunked = await answerBeforeBody(url, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 0x20)));
    expect([chunked.status, chunked.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const latin1 = await h.call('fascicolo', full, { body: { codiceFiscale: CF }, headers: { 'Content-Type': 'application/json; charset=iso-8859-1' } });
    expectProblem(latin1, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('never quotes the body or takes a CF-shaped correlation id', async () => {
    const broken = await h.call('fascicolo', full, { body: `{"codiceFiscale":${CF}}` });
    expectProblem(broken, 400, 'BAD_REQUEST', CF);
    expect(broken.text).not.toContain(CF.slice(0, 6));
    for (const id of [CF, CF.toLowerCase(), '12345678903', `trace-${CF}`]) {
      const res = await h.call('fascicolo', full, { body: { codiceFiscale: CF }, headers: { 'X-Correlation-Id': id } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-correlation-id')).not.toBe(id);
    }
    const kept = await h.call('fascicolo', full, { body: { codiceFiscale: CF }, headers: { 'X-Correlation-Id': 'caller-7.a_b' } });
    expect(kept.headers.get('x-correlation-id')).toBe('caller-7.a_b');
    expect(h.logs()).not.toContain(CF);
  });
});
