import { eventId } from '@fsl/schemas';
import { DIFETTI, tsFlussoMillis, type FlussoEntry } from '@fsl/siuss';
import { Banco, getJson, PERSONAL_CF, sample, sql, until, type EnteDiTest } from './support';

// Outcomes (POST /esiti) where the municipality asked for them and never elsewhere, retried until delivered;
// and a municipality down or hanging while another goes on undelayed, then back with no gap and no double.

const idEvento = (e: FlussoEntry) => eventId('SIUSS', `${e.codice_ente}/${e.id_flusso}`, tsFlussoMillis(e)!);
const esitiRichieste = (e: EnteDiTest) => e.standin.requests.filter((r) => r.path.endsWith('/esiti'));
/** Defects that are about the data's coherence (a CF that is not valid): DATI_NON_TROVATI; the others RICHIESTA_INVALIDA. */
const esitoAtteso = (difetto?: keyof typeof DIFETTI) => (difetto === undefined ? 'OK' : difetto === 'CF_CARATTERE_CONTROLLO' ? 'DATI_NON_TROVATI' : 'RICHIESTA_INVALIDA');

describe('the municipal gateway: outcomes and failures', () => {
  const banco = new Banco('gw-esiti');
  beforeAll(() => banco.start(), 60_000);
  afterAll(() => banco.close(), 60_000);

  it('sends each flow\'s outcome where outcomes are on (OK with our acquisition id, refusals without a CF), none where off; FSL records both', async () => {
    const on = await banco.ente({ esiti: true, generate: { seed: 21, count: 60, invalidShare: 0.3, sinbaShare: 0.1 } });
    const off = await banco.ente({ esiti: false, generate: { seed: 22, count: 60, invalidShare: 0.3 } });
    const g = await banco.gateway([on, off]);
    const gen = on.standin.generati();
    expect(gen.some((x) => x.difetto === 'CF_CARATTERE_CONTROLLO') && gen.filter((x) => x.difetto).length > 5).toBe(true);
    await until('an outcome for every flow of the municipality that asked', () => on.standin.esiti.length >= gen.length);
    const byId = new Map(on.standin.esiti.map((e) => [e.id_flusso, e]));
    expect(byId.size).toBe(gen.length);
    for (const x of gen) {
      const e = byId.get(x.entry.id_flusso)!;
      expect({ id: e.id_flusso, tipo: e.tipo, codice: e.codice_esito }).toEqual({ id: x.entry.id_flusso, tipo: x.entry.tipo, codice: esitoAtteso(x.difetto) });
      expect(Date.parse(e.ts_flusso)).toBe(tsFlussoMillis(x.entry));
      if (!x.difetto) expect(e.id_acquisizione_siuss).toBe(idEvento(x.entry));
      else expect(e.descrizione_esito).toMatch(/^Flusso rifiutato da FSL: [A-Z_]+/);
    }
    expect(JSON.stringify(on.standin.esiti)).not.toMatch(PERSONAL_CF);

    // The other municipality: every flow recorded with its outcome, never one POST /esiti.
    const offGen = off.standin.generati();
    await until('every flow of the other municipality recorded', async () => {
      const [{ n }] = await sql<{ n: string }>('SELECT count(*) AS n FROM siuss_ingest_flusso WHERE codice_ente = $1', [off.codice]);
      return Number(n) === offGen.length;
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(esitiRichieste(off)).toEqual([]);
    const refused = (await getJson(`${g.url}/v1/enti/${off.codice}/flussi?esito=RICHIESTA_INVALIDA&limite=1000`)).body.flussi as Array<{ idFlusso: string; problemi: unknown[]; invioEsito?: unknown }>;
    expect(refused.map((f) => f.idFlusso).sort()).toEqual(offGen.filter((x) => esitoAtteso(x.difetto) === 'RICHIESTA_INVALIDA').map((x) => x.entry.id_flusso).sort());
    expect(refused.every((f) => f.problemi.length > 0 && f.invioEsito === undefined)).toBe(true);
    const view = (await getJson(`${g.url}/v1/enti`)).body.enti as Array<{ codice: string; esitiAttivi: boolean; esiti: Record<string, number> }>;
    expect(view.find((e) => e.codice === off.codice)).toMatchObject({ esitiAttivi: false, esiti: { IN_ATTESA: 0, CONSEGNATO: 0, SOSPESO: 0 } });
    expect(view.find((e) => e.codice === on.codice)).toMatchObject({ esitiAttivi: true, esiti: { IN_ATTESA: 0, CONSEGNATO: gen.length, SOSPESO: 0 } });

    // Dead letters of the refused flows: reason codes, no content, no CF anywhere.
    const dlq = banco.reader.deadLetters(on.codice);
    expect(dlq).toHaveLength(gen.filter((x) => x.difetto).length);
    for (const d of dlq) {
      expect(d.headers['dlq-error-code']).toBe(esitoAtteso(gen.find((x) => x.entry.id_flusso === d.value.idFlusso)!.difetto));
      expect(d.headers['dlq-error-reason']).toMatch(/^[A-Z_0-9]+@/);
      expect(JSON.stringify(d)).not.toMatch(PERSONAL_CF);
    }
    await g.close();
  }, 120_000);

  it('retries outcomes until the municipality answers 2xx; a 4xx a bounded number of times, then parked and visible until queued again', async () => {
    const a = await banco.ente({ esiti: true, generate: { seed: 23, count: 6 } });
    a.standin.setEsitiMode({ kind: 'refuse', status: 503, times: 3 });
    const g = await banco.gateway([a], { ESITI_MAX_4XX: '2' });
    await until('delivered after three 503', () => a.standin.esiti.length >= 6);
    expect(esitiRichieste(a).map((r) => r.status)).toEqual([503, 503, 503, 204]);
    expect(new Set(a.standin.esiti.map((e) => e.id_flusso)).size).toBe(6);

    // Now a municipality that refuses with 400: two attempts (ESITI_MAX_4XX), then parked.
    a.standin.setEsitiMode({ kind: 'refuse', status: 400 });
    a.standin.append({ count: 3 });
    await until('parked', async () => (await getJson(`${g.url}/v1/enti/${a.codice}`)).body.esiti.SOSPESO === 3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(esitiRichieste(a).filter((r) => r.status === 400)).toHaveLength(2);
    const parked = (await getJson(`${g.url}/v1/enti/${a.codice}/esiti?stato=SOSPESO`)).body.esiti as Array<{ stato: string; rifiuti4xx: number; ultimoStatus: number }>;
    expect(parked).toHaveLength(3);
    expect(parked.every((p) => p.rifiuti4xx === 2 && p.ultimoStatus === 400)).toBe(true);
    expect(sample(await g.metrics(), 'fsl_enti_esiti_in_coda', { ente: a.codice, stato: 'SOSPESO' })).toBe(3);

    a.standin.setEsitiMode({ kind: 'accept' });
    const res = await fetch(`${g.url}/v1/enti/${a.codice}/esiti/riaccoda`, { method: 'POST' });
    expect(await res.json()).toEqual({ riaccodati: 3 });
    await until('delivered once queued again', () => a.standin.esiti.length >= 9);
    expect((await getJson(`${g.url}/v1/enti/${a.codice}`)).body.esiti).toEqual({ IN_ATTESA: 0, CONSEGNATO: 9, SOSPESO: 0 });
    await g.close();
  }, 120_000);

  it('a municipality hanging then down costs only its own loop (backoff, visible); back, it loses and doubles nothing', async () => {
    const a = await banco.ente({ esiti: true, generate: { seed: 24, count: 20, invalidShare: 0 } });
    const b = await banco.ente({ generate: { seed: 25, count: 20, invalidShare: 0 } });
    const g = await banco.gateway([a, b], { ENTI_REQUEST_TIMEOUT_MS: '1000', ENTI_BACKOFF_BASE_MS: '300', ENTI_BACKOFF_MAX_MS: '1200' });
    const count = (e: EnteDiTest) => banco.reader.eventi(e.codice).length;
    await until('both acquired', () => count(a) === 20 && count(b) === 20);

    // The other municipality's new flows come at its own pace while this one hangs.
    const acquiredWithin = async (e: EnteDiTest, n: number) => {
      const target = count(e) + n;
      e.standin.append({ count: n, options: { invalidShare: 0 } });
      const t0 = Date.now();
      await until(`${n} more of ${e.codice}`, () => count(e) >= target);
      return Date.now() - t0;
    };
    await a.standin.setMode({ kind: 'hanging' });
    a.standin.append({ count: 5, options: { invalidShare: 0 } });
    for (let i = 0; i < 3; i++) expect(await acquiredWithin(b, 3)).toBeLessThan(2500);
    await until('hanging seen as failures with backoff', async () => (await getJson(`${g.url}/v1/enti/${a.codice}`)).body.fallimentiConsecutivi >= 2);
    const hanging = (await getJson(`${g.url}/v1/enti/${a.codice}`)).body;
    expect(hanging.ultimoErrore).toMatch(/^TIMEOUT/);
    expect(hanging.backoffFinoAl).toBeDefined();

    await a.standin.setMode({ kind: 'down' });
    a.standin.append({ count: 5, options: { invalidShare: 0 } });
    for (let i = 0; i < 2; i++) expect(await acquiredWithin(b, 3)).toBeLessThan(2500);
    await until('down seen', async () => /^IRRAGGIUNGIBILE/.test((await getJson(`${g.url}/v1/enti/${a.codice}`)).body.ultimoErrore ?? ''));
    expect(sample(await g.metrics(), 'fsl_enti_fallimenti_consecutivi', { ente: a.codice })).toBeGreaterThan(0);

    await a.standin.setMode({ kind: 'normal' });
    await until('back: every flow of the municipality', () => count(a) >= 30);
    await until('and its outcomes', () => a.standin.esiti.length >= 30);
    await new Promise((r) => setTimeout(r, 1500));
    const ids = banco.reader.eventi(a.codice).map((m) => m.headers['event-id']);
    expect(ids.sort()).toEqual(a.standin.flussi().map(idEvento).sort());
    expect(new Set(a.standin.esiti.map((e) => e.id_flusso)).size).toBe(30);
    const view = (await getJson(`${g.url}/v1/enti/${a.codice}`)).body;
    expect(view).toMatchObject({ fallimentiConsecutivi: 0, flussi: { OK: 30 } });
    expect(view.backoffFinoAl).toBeUndefined();
    await g.close();
  }, 120_000);
});
