// The stand-in over real loopback HTTP, with vouchers from the PDND stand-in checked by @fsl/pdnd, and every
// flow it serves through the official XSDs in a real validator (libs/siuss/testing/xsd.ts).
import { PdndStandin, startStandinServer, type StandinServer } from '@fsl/pdnd-standin';
import { DIFETTI, decodeFlusso, tsFlussoMillis, type FlussoEntry, type PrestazioneSociale } from '@fsl/siuss';
import { validateWithXsd } from '../../siuss/testing/xsd';
import { main } from './cli';
import { startWaasStandin, WAAS_STANDIN_AUDIENCE, type WaasStandin } from './server';

const PURPOSE = '6f1c0de0-0000-4000-8000-0000000055f1';
let pdnd: PdndStandin;
let pdndServer: StandinServer;
const opened: WaasStandin[] = [];

beforeAll(async () => {
  pdnd = new PdndStandin();
  pdndServer = await startStandinServer(pdnd);
});
afterAll(() => pdndServer.close());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function standin(opts: Partial<Parameters<typeof startWaasStandin>[0]> = {}): Promise<WaasStandin> {
  const s = await startWaasStandin({ codiceEnte: 'H501', voucher: { jwksUrl: pdndServer.jwksUrl, purposeIds: [PURPOSE] }, ...opts });
  opened.push(s);
  return s;
}

const voucher = (over: Parameters<PdndStandin['voucher']>[0] = {}) => pdnd.voucher({ audience: WAAS_STANDIN_AUDIENCE, purposeId: PURPOSE, ...over });
const get = (s: WaasStandin, query: string, token: string | null = voucher(), signal?: AbortSignal) =>
  fetch(`${s.url}/flussi${query}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` }, signal });
async function flussi(s: WaasStandin, query: string): Promise<FlussoEntry[]> {
  const r = await get(s, query);
  expect(r.status).toBe(200);
  return ((await r.json()) as { elenco_flussi: FlussoEntry[] }).elenco_flussi;
}
const postEsiti = (s: WaasStandin, body: unknown, token = voucher()) =>
  fetch(`${s.url}/esiti`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A careful client: since = last ts − 1 and dedupe by id, so flows sharing a timestamp are never skipped. */
async function everything(s: WaasStandin): Promise<FlussoEntry[]> {
  const seen = new Map<string, FlussoEntry>();
  let since = 0;
  for (let round = 0; round < 1000; round++) {
    const page = await flussi(s, `?since=${since}&limit=100`);
    const fresh = page.filter((e) => !seen.has(e.id_flusso));
    if (fresh.length === 0) return [...seen.values()];
    for (const e of fresh) seen.set(e.id_flusso, e);
    since = tsFlussoMillis(page[page.length - 1])! - 1;
  }
  throw new Error('did not converge');
}

describe('the PDND voucher', () => {
  it('serves a voucher for the e-service and its purpose, refuses the rest', async () => {
    const s = await standin();
    expect((await get(s, '?since=0')).status).toBe(200);
    const none = await get(s, '?since=0', null);
    expect([none.status, none.headers.get('content-type')]).toEqual([401, 'application/problem+json']);
    expect((await get(s, '?since=0', voucher({ signWith: 'rogue' }))).status).toBe(401);
    expect((await get(s, '?since=0', voucher({ claims: { exp: 1 } }))).status).toBe(401);
    expect((await get(s, '?since=0', voucher({ audience: 'https://another.example/api' }))).status).toBe(403);
    expect((await get(s, '?since=0', voucher({ purposeId: '6f1c0de0-0000-4000-8000-0000000000ff' }))).status).toBe(403);
    expect(s.requests.map((r) => r.status)).toEqual([200, 401, 401, 401, 403, 403]);
    expect(s.requests[0]).toMatchObject({ purposeId: PURPOSE, clientId: pdnd.clientId });
  });

  it('checks the voucher on POST /esiti too (the text: the voucher is the only access mode)', async () => {
    const s = await standin();
    const r = await fetch(`${s.url}/esiti`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"elenco_esiti":[]}' });
    expect(r.status).toBe(401);
  });
});

describe('GET /flussi', () => {
  it('answers the flows after `since`, strictly, oldest first, `limit` of them (default 10, at most 100)', async () => {
    const s = await standin({ generate: { seed: 1, count: 80, sharedTimestampShare: 0.3 } });
    const all = [...s.flussi()].sort((a, b) => tsFlussoMillis(a)! - tsFlussoMillis(b)!);
    expect(await flussi(s, '?since=0')).toEqual(all.slice(0, 10));
    expect(await flussi(s, '?since=0&limit=25')).toEqual(all.slice(0, 25));
    const t = tsFlussoMillis(all[30])!;
    expect((await flussi(s, `?since=${t}&limit=100`)).every((e) => tsFlussoMillis(e)! > t)).toBe(true);
    expect(await flussi(s, `?since=${t}&limit=100`)).toEqual(all.filter((e) => tsFlussoMillis(e)! > t));
    for (const bad of ['', '?since=-1', '?since=abc', '?since=0&limit=101', '?since=0&limit=-1', '?since=1.5']) expect([bad, (await get(s, bad)).status]).toEqual([bad, 400]);
    expect(await flussi(s, '?since=0&limit=0')).toEqual([]);
  });

  it('answers an empty page as configured: {"elenco_flussi": []}, {} or []', async () => {
    const s = await standin({ generate: { count: 3 } });
    const after = '?since=99999999999999';
    expect(await (await get(s, after)).json()).toEqual({ elenco_flussi: [] });
    s.setEmptyAnswer('object');
    expect(await (await get(s, after)).json()).toEqual({});
    s.setEmptyAnswer('bare');
    expect(await (await get(s, after)).json()).toEqual([]);
  });

  it('shows the shared-timestamp trap: a full page on one timestamp cannot be paged past with since = last ts', async () => {
    const s = await standin({ generate: { seed: 2, count: 20, burst: 120, sharedTimestampShare: 0 } });
    const perTs = new Map<number, number>();
    for (const e of s.flussi()) perTs.set(tsFlussoMillis(e)!, (perTs.get(tsFlussoMillis(e)!) ?? 0) + 1);
    const [burstTs] = [...perTs].find(([, n]) => n === 120)!;
    const page = await flussi(s, `?since=${burstTs - 1}&limit=100`);
    expect(page.map((e) => tsFlussoMillis(e))).toEqual(Array(100).fill(burstTs));
    // since = that timestamp skips the 20 that did not fit; since = ts − 1 gets the same 100 again.
    expect((await flussi(s, `?since=${burstTs}&limit=100`)).some((e) => tsFlussoMillis(e) === burstTs)).toBe(false);
    expect(await flussi(s, `?since=${burstTs - 1}&limit=100`)).toEqual(page);
  });

  it('serves flows appended at runtime after the others (incremental polls)', async () => {
    const s = await standin({ generate: { seed: 3, count: 15 } });
    const last = Math.max(...s.flussi().map((e) => tsFlussoMillis(e)!));
    expect(await flussi(s, `?since=${last}`)).toEqual([]);
    const added = s.append({ count: 4, options: { invalidShare: 0, cancellationShare: 0 } });
    expect(added).toHaveLength(4);
    expect(await flussi(s, `?since=${last}`)).toEqual(added);
    expect(new Set(s.flussi().map((e) => e.id_flusso)).size).toBe(19);
  });

  it('serves only flows the official XSD accepts, but the defects it means, which decodeFlusso refuses too', async () => {
    const s = await standin({ generate: { seed: 4, count: 250, invalidShare: 0.25, sinbaShare: 0.25 } });
    const served = await everything(s);
    expect(served.map((e) => e.id_flusso).sort()).toEqual(s.flussi().map((e) => e.id_flusso).sort());
    const meant = new Map(s.generati().map((g) => [g.entry.id_flusso, g]));
    for (const tipo of ['PS_PSA_SINA', 'SINBA'] as const) {
      const mine = served.filter((e) => e.tipo === tipo && meant.get(e.id_flusso)!.difetto !== 'BASE64_ERRATO');
      const verdicts = await validateWithXsd(tipo, mine.map((e) => Buffer.from(e.flusso, 'base64')));
      mine.forEach((e, i) => {
        const d = meant.get(e.id_flusso)!.difetto;
        expect([e.id_flusso, verdicts[i].valid]).toEqual([e.id_flusso, d === undefined || DIFETTI[d].schemaRefuses === false]);
        expect([e.id_flusso, decodeFlusso(e).ok]).toEqual([e.id_flusso, d === undefined]);
      });
      expect(mine.filter((e) => !meant.get(e.id_flusso)!.difetto).length).toBeGreaterThan(20);
    }
  });
});

describe('POST /esiti and GET /status', () => {
  const esito = (id: string, codice = 'OK') => ({ id_flusso: id, tipo: 'PS_PSA_SINA', ts_flusso: '2025-03-03T08:00:00.000Z', ts_acquisizione: '2025-03-03T08:05:00.000Z', codice_esito: codice, ...(codice === 'OK' ? { id_acquisizione_siuss: 'FSL-1' } : { descrizione_esito: 'Struttura non conforme' }) });

  it('records the outcomes (204), refuses a body that is not an ElencoEsiti (400)', async () => {
    const s = await standin({ generate: { count: 2 } });
    expect((await postEsiti(s, { elenco_esiti: [esito('H501.PS.20250303.0000001'), esito('H501.PS.20250303.0000002', 'RICHIESTA_INVALIDA')] })).status).toBe(204);
    expect(s.esiti.map((e) => [e.id_flusso, e.codice_esito])).toEqual([['H501.PS.20250303.0000001', 'OK'], ['H501.PS.20250303.0000002', 'RICHIESTA_INVALIDA']]);
    for (const bad of [{}, { elenco_esiti: [{ ...esito('x'), codice_esito: 'KO' }] }, { elenco_esiti: [{ ...esito('x'), ts_flusso: 1 }] }, { elenco_esiti: Array(101).fill(esito('x')) }]) {
      expect((await postEsiti(s, bad)).status).toBe(400);
    }
    expect(s.esiti).toHaveLength(2);
  });

  it('refuses outcomes on demand, then accepts them again', async () => {
    const s = await standin({ generate: { count: 1 } });
    s.setEsitiMode({ kind: 'refuse', status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postEsiti(s, { elenco_esiti: [esito('H501.PS.20250303.0000001')] })).status);
    expect(statuses).toEqual([503, 503, 204]);
    expect(s.esiti).toHaveLength(1);
  });

  it('answers /status with problem+json 200, without a voucher', async () => {
    const s = await standin({ generate: { count: 1 } });
    const r = await fetch(`${s.url}/status`);
    expect([r.status, r.headers.get('content-type'), await r.json()]).toEqual([200, 'application/problem+json', { status: 200, title: 'OK', detail: 'Il servizio funziona correttamente' }]);
  });
});

describe('faults on demand', () => {
  it('is slow, failing (then back), hanging, down (then back on the same port)', async () => {
    const s = await standin({ generate: { count: 5 } });
    await s.setMode({ kind: 'slow', delayMs: 300 });
    const t0 = Date.now();
    expect((await get(s, '?since=0')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);

    await s.setMode({ kind: 'failing', status: 500, times: 2 });
    expect([(await get(s, '?since=0')).status, (await get(s, '?since=0')).status, (await get(s, '?since=0')).status]).toEqual([500, 500, 200]);

    await s.setMode({ kind: 'hanging' });
    await expect(get(s, '?since=0', voucher(), AbortSignal.timeout(300))).rejects.toThrow();

    await s.setMode({ kind: 'down' });
    await expect(get(s, '?since=0')).rejects.toThrow();
    await s.setMode({ kind: 'normal' });
    expect((await get(s, '?since=0')).status).toBe(200);
  });
});

describe('the CLI', () => {
  it('--beneficiari names the people the flows go to, before the generated workers', async () => {
    const cf = 'VRDNNA91D52F205Z';
    const s = (await main(['--ente', 'F205', '--port', '0', '--seed', '7', '--count', '12', '--beneficiari', cf, '--no-voucher'], () => undefined)) as unknown as WaasStandin;
    const ps = s.generati().filter((g) => g.flusso.tipo === 'PS_PSA_SINA');
    expect(ps.length).toBeGreaterThan(0);
    expect(ps.every((g) => (g.flusso as PrestazioneSociale).beneficiario.codiceFiscale === cf)).toBe(true);
    await s.close();
  });

  it('starts a municipality with control routes, and refuses bad arguments', async () => {
    const lines: string[] = [];
    const s = await main(['--ente', 'F205', '--port', '0', '--seed', '7', '--count', '12', '--jwks-url', pdndServer.jwksUrl], (l) => lines.push(l));
    expect(s).toBeDefined();
    const url = /at (http:\/\/\S+)/.exec(lines[0])![1];
    const r = await fetch(`${url}/flussi?since=0&limit=100`, { headers: { authorization: `Bearer ${voucher()}` } });
    expect(((await r.json()) as { elenco_flussi: unknown[] }).elenco_flussi).toHaveLength(12);
    const base = url.replace(/\/waas\/v1$/, '');
    expect(await (await fetch(`${base}/__standin/append`, { method: 'POST', body: '{"count":3}' })).json()).toMatchObject({ added: expect.any(Array) });
    expect(((await (await fetch(`${base}/__standin/flussi`)).json()) as unknown[]).length).toBe(15);
    await s!.close();

    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['--ente', 'rome'])).toBeUndefined();
    expect(process.exitCode).toBe(2);
    process.exitCode = 0;
    stderr.mockRestore();
  });
});
