import { eventId } from '@fsl/schemas';
import { tsFlussoMillis, type FlussoEntry, type FlussoGenerato } from '@fsl/siuss';
import { validateWithXsd } from '../../../libs/siuss/testing/xsd';
import { Banco, getJson, PERSONAL_CF, sample, sql, until, type EnteDiTest } from './support';

// The gateway against municipalities' stand-ins, the PDND stand-in and the real broker and database. What
// each test expects comes from the stand-in's own record of what it serves (the generator says which flows
// are defective), never from the gateway's code.

const idEvento = (e: FlussoEntry) => eventId('SIUSS', `${e.codice_ente}/${e.id_flusso}`, tsFlussoMillis(e)!);
const validi = (g: readonly FlussoGenerato[]) => g.filter((x) => !x.difetto);
const difettosi = (g: readonly FlussoGenerato[]) => g.filter((x) => x.difetto);

/** Every valid flow published exactly once (by event id), every defective one dead-lettered exactly once. */
async function tuttiAcquisiti(banco: Banco, ente: EnteDiTest, timeoutMs = 45_000) {
  const g = ente.standin.generati();
  await until(
    `all ${g.length} flows of ${ente.codice}`,
    () => banco.reader.eventi(ente.codice).length >= validi(g).length && banco.reader.deadLetters(ente.codice).length >= difettosi(g).length,
    timeoutMs,
  );
  // A little longer, so that a copy published late would show.
  await new Promise((r) => setTimeout(r, 1200));
  const ids = banco.reader.eventi(ente.codice).map((m) => m.headers['event-id']);
  expect(ids.sort()).toEqual(validi(g).map((x) => idEvento(x.entry)).sort());
  const dlq = banco.reader.deadLetters(ente.codice).map((m) => `${m.value.idFlusso}@${m.value.tsFlusso}`);
  expect(dlq.sort()).toEqual(difettosi(g).map((x) => `${x.entry.id_flusso}@${tsFlussoMillis(x.entry)}`).sort());
}

const flussiRichieste = (e: EnteDiTest) => e.standin.requests.filter((r) => r.path.endsWith('/flussi'));

describe('the municipal gateway: polling', () => {
  const banco = new Banco('gw-poll');
  beforeAll(() => banco.start(), 60_000);
  afterAll(() => banco.close(), 60_000);

  it('reads every page from since=0, then the flows appended at runtime, each flow once, flows sharing timestamps across page ends included', async () => {
    const a = await banco.ente({ generate: { seed: 11, count: 230, invalidShare: 0.1, sinbaShare: 0.1, cancellationShare: 0.1, sharedTimestampShare: 0.4 } });
    // Timestamps shared by several flows, some across the ends of 25-flow pages: the case since = cursor would skip.
    const ts = a.standin.flussi().map((e) => tsFlussoMillis(e)!);
    expect(ts.some((t, i) => i % 25 === 24 && ts[i + 1] === t)).toBe(true);
    const g = await banco.gateway([a], { ENTI_PAGE_LIMIT: '25' });
    await tuttiAcquisiti(banco, a);
    const first = flussiRichieste(a)[0]!;
    expect(first).toMatchObject({ since: 0, limit: 25, status: 200 });
    // Our voucher, for this municipality's purpose (the stand-in refuses any other with 403).
    expect(first.purposeId).toBe(a.purposeId);
    expect(flussiRichieste(a).every((r) => r.status === 200)).toBe(true);

    const added = a.standin.append({ count: 12, options: { invalidShare: 0.2, sharedTimestampShare: 0.5 } });
    expect(added).toHaveLength(12);
    await tuttiAcquisiti(banco, a);
    // The municipality's view: since never went backwards, and every later poll asked one ms before the cursor.
    const sinces = flussiRichieste(a).map((r) => r.since!);
    expect(sinces).toEqual([...sinces].sort((x, y) => x - y));
    const last = Math.max(...a.standin.flussi().map((e) => tsFlussoMillis(e)!));
    await until('an idle poll', () => flussiRichieste(a).some((r) => r.since === last - 1));

    // FSL's record: one row per flow, with its outcome.
    const rows = await sql<{ esito: string; n: string }>('SELECT esito, count(*) AS n FROM siuss_ingest_flusso WHERE codice_ente = $1 GROUP BY esito', [a.codice]);
    const per = Object.fromEntries(rows.map((r) => [r.esito, Number(r.n)]));
    const gen = a.standin.generati();
    expect(per.OK).toBe(validi(gen).length);
    expect((per.RICHIESTA_INVALIDA ?? 0) + (per.DATI_NON_TROVATI ?? 0)).toBe(difettosi(gen).length);

    // The operator view and the metrics agree.
    const view = await getJson(`${g.url}/v1/enti/${a.codice}`);
    expect(view.body).toMatchObject({ codice: a.codice, cursore: { ms: last }, fallimentiConsecutivi: 0, bloccatoSuTimestamp: false, flussi: { OK: validi(gen).length } });
    const text = await g.metrics();
    expect(sample(text, 'fsl_enti_flussi_total', { ente: a.codice, esito: 'OK' })).toBe(validi(gen).length);
    expect(sample(text, 'fsl_enti_cursore_ms', { ente: a.codice })).toBe(last);
    expect(text).not.toMatch(PERSONAL_CF);

    // Every flow the gateway accepted passes the official XSD in a real validator (libxml2).
    const accepted = new Set((await sql<{ id_flusso: string }>(`SELECT id_flusso FROM siuss_ingest_flusso WHERE codice_ente = $1 AND esito = 'OK'`, [a.codice])).map((r) => r.id_flusso));
    const byTipo = { PS_PSA_SINA: [] as string[], SINBA: [] as string[] };
    for (const x of gen) if (accepted.has(x.entry.id_flusso)) byTipo[x.entry.tipo].push(x.xml);
    expect(byTipo.PS_PSA_SINA.length + byTipo.SINBA.length).toBe(accepted.size);
    expect(byTipo.SINBA.length).toBeGreaterThan(0);
    for (const tipo of ['PS_PSA_SINA', 'SINBA'] as const) {
      const results = await validateWithXsd(tipo, byTipo[tipo]);
      expect(results.filter((r) => !r.valid)).toEqual([]);
    }
    await g.close();
  }, 120_000);

  it('a full page on one timestamp stops the cursor there: reported (view, metric, log without CF), the flows after it never skipped', async () => {
    const a = await banco.ente({ generate: { seed: 12, count: 30, burst: 130 } });
    const entries = a.standin.flussi();
    const counts = new Map<number, number>();
    for (const e of entries) counts.set(tsFlussoMillis(e)!, (counts.get(tsFlussoMillis(e)!) ?? 0) + 1);
    const [burstTs] = [...counts].find(([, n]) => n === 130)!;
    const before = entries.filter((e) => tsFlussoMillis(e)! < burstTs);
    const after = entries.filter((e) => tsFlussoMillis(e)! > burstTs);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    const g = await banco.gateway([a]);
    await until('the stuck cursor in the operator view', async () => (await getJson(`${g.url}/v1/enti/${a.codice}`)).body.bloccatoSuTimestamp === true);
    const view = (await getJson(`${g.url}/v1/enti/${a.codice}`)).body;
    expect(view.cursore.ms).toBe(burstTs);
    expect(view.blocco.ts).toBe(burstTs);
    // A few more polls: still stuck, nothing after the burst taken, nothing before it missed.
    const polls = flussiRichieste(a).length;
    await until('two more polls', () => flussiRichieste(a).length >= polls + 2);
    expect(flussiRichieste(a).slice(-2).map((r) => r.since)).toEqual([burstTs - 1, burstTs - 1]);
    const seen = new Set([...banco.reader.eventi(a.codice).map((m) => m.value.header.sourceRecordId.split('/')[1]), ...banco.reader.deadLetters(a.codice).map((m) => m.value.idFlusso)]);
    for (const e of before) expect(seen.has(e.id_flusso)).toBe(true);
    for (const e of after) expect(seen.has(e.id_flusso)).toBe(false);
    expect(sample(await g.metrics(), 'fsl_enti_cursore_bloccato', { ente: a.codice })).toBe(1);
    const lines = banco.logs.filter((l) => l.includes(a.codice) && l.includes('cursor cannot advance'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(PERSONAL_CF);
    await g.close();
  }, 120_000);

  it('"nothing new" as {}, [] or an empty list is a successful poll; flows appended later are acquired', async () => {
    const a = await banco.ente({ flussi: [], emptyAnswer: 'object' });
    const g = await banco.gateway([a]);
    await until('two polls answered {}', () => flussiRichieste(a).filter((r) => r.status === 200).length >= 2);
    a.standin.setEmptyAnswer('bare');
    const n = flussiRichieste(a).length;
    await until('two polls answered []', () => flussiRichieste(a).length >= n + 2);
    const view = (await getJson(`${g.url}/v1/enti/${a.codice}`)).body;
    expect(view).toMatchObject({ fallimentiConsecutivi: 0, cursore: { ms: 0 } });
    expect(view.ultimoPollRiuscito).toBeDefined();
    expect(view.ultimoErrore).toBeUndefined();
    a.standin.append({ count: 8, options: { tsFormat: 'millis' } });
    await tuttiAcquisiti(banco, a);
    await g.close();
  }, 60_000);
});
