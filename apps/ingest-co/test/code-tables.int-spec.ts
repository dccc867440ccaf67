import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { coFixtures as F, generateCoHistories, serializeCoJson, serializeCoXml, workerCfs, type Co, type Unilav } from '@fsl/co';
import { encodePersonalCf } from '@fsl/codice-fiscale';
import { createTestTopics, DATABASE_URL, isolation, randomCf, waitFor } from '../../../test/support/env';
import type { RunningApp } from '../../../test/support/processes';
import { codici, ingestEnv, post, startIngest, TopicReader, withFreshCodici } from './support';

// The code tables through the real stack (ingest-co as a process, Kafka, Postgres, Redis): COs from all
// over Italy accepted whole; a well-formed code a partial table does not know is accepted with a warning
// in every kind of answer, counted in the metric and listed for the operators; a malformed or retired
// code is still refused.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(240_000);

const CODE_LISTS = join(__dirname, '..', '..', '..', 'libs', 'co', 'code-lists');
/** The codes of a shipped table, read from its file (not through the code under test). */
const shippedCodes = (file: string) => new Set(readFileSync(join(CODE_LISTS, file), 'utf8').split('\n').slice(1).map((l) => l.split(',')[0]));
const FILES: Record<string, string> = { ateco: 'ateco.csv', qualificaCp2011: 'qualifica-cp2011.csv', ccnl: 'ccnl.csv', cittadinanza: 'cittadinanza.csv' };

type Avviso = { path: string; code: string; message: string; tabella?: string; codice?: string };
type Riga = { riga: number; esito: string; eventIds?: string[]; errors?: { path: string; code: string }[]; avvisi?: Avviso[] };
type Listed = { tabella: string; codice: string; occorrenze: number; primoVisto: string; ultimoVisto: string };

describe('ingest-co: complete Belfiore table, partial tables that warn instead of refusing', () => {
  const { prefix } = isolation('ingest-co-tables');
  const nextCodice = codici();
  const db = new Pool({ connectionString: DATABASE_URL, max: 2 });
  let app: RunningApp;
  let reader: TopicReader;

  beforeAll(async () => {
    await createTestTopics(prefix);
    app = await startIngest(ingestEnv(prefix, { BATCH_MAX_LINES: '5000', BATCH_CHUNK_SIZE: '500' }));
    reader = await TopicReader.start(prefix);
  });
  afterAll(async () => {
    await reader?.stop();
    await db.end();
    expect(await app?.stop()).toBe(0);
  });

  const json = (co: unknown) => post(`${app.url}/v1/comunicazioni`, JSON.stringify(co), 'application/json');
  const batch = (cos: Co[]) => post(`${app.url}/v1/comunicazioni/lotti`, cos.map(serializeCoJson).join('\n'), 'application/x-ndjson');
  const listing = async (): Promise<Map<string, number>> => {
    const res = await fetch(`${app.url}/v1/codici-sconosciuti?limite=10000`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { codici: Listed[] };
    return new Map(body.codici.map((c) => [`${c.tabella} ${c.codice}`, c.occorrenze]));
  };
  const metricValue = async (table: string, code: string): Promise<number> => {
    const text = await (await fetch(app.metricsUrl)).text();
    const line = text.split('\n').find((l) => l.startsWith('ingest_co_unknown_codes_total{') && l.includes(`table="${table}"`) && l.includes(`code="${code}"`));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  function hire(over: Partial<Unilav> = {}): Unilav {
    const co = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' }, ...over });
    co.lavoratore = F.fixtureLavoratore(randomCf());
    delete co.lavoratore.nascita;
    return co;
  }

  it('accepts WHOLE a generated set from employers and workers all over Italy, warning about the codes the partial tables do not know', async () => {
    // ~110 consecutive workers cover every province; 5% of code fields carry a well-formed unknown code.
    const cos = withFreshCodici(generateCoHistories({ workers: 150, seed: 2026, unknownCodes: 0.05 }), nextCodice);
    const births = cos.flatMap((c) => ('lavoratore' in c && c.lavoratore?.nascita ? [c.lavoratore.nascita.comune] : []));
    expect(births.some((b) => b.startsWith('Z'))).toBe(true);
    const before = await listing();

    const res = await batch(cos);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ righe: cos.length, accettate: cos.length, rifiutate: 0, duplicate: 0, inConflitto: 0 });
    const esiti = res.body.esiti as Riga[];
    expect(esiti.filter((e) => e.esito !== 'ACCETTATA')).toEqual([]);

    // Every warning names a code that is indeed absent from its shipped table.
    const avvisi = esiti.flatMap((e) => e.avvisi ?? []);
    expect(avvisi.length).toBeGreaterThan(0);
    for (const a of avvisi) {
      expect(a).toMatchObject({ code: 'CODICE_NON_IN_TABELLA', message: expect.any(String) });
      expect(shippedCodes(FILES[a.tabella!]).has(a.codice!)).toBe(false);
    }
    expect(new Set(avvisi.map((a) => a.tabella))).toEqual(new Set(['ateco', 'qualificaCp2011', 'ccnl', 'cittadinanza']));

    // Every CO's events reached Kafka: one per worker of the CO.
    const expected = cos.reduce((n, co) => n + workerCfs(co).length, 0);
    expect(await reader.settled(esiti.flatMap((e) => e.eventIds!), expected, 500)).toHaveLength(expected);

    // The listing grew by exactly the warnings' occurrences; the metric counted them too.
    const counts = new Map<string, number>();
    for (const a of avvisi) counts.set(`${a.tabella} ${a.codice}`, (counts.get(`${a.tabella} ${a.codice}`) ?? 0) + 1);
    const after = await listing();
    for (const [key, n] of counts) expect({ key, delta: (after.get(key) ?? 0) - (before.get(key) ?? 0) }).toEqual({ key, delta: n });
    const [table, code] = [...counts.keys()][0].split(' ');
    expect(await metricValue(table, code)).toBe(counts.get(`${table} ${code}`));

    // Re-sent: DUPLICATA with the same warnings, and nothing counted twice.
    const again = await batch(cos);
    expect(again.body).toMatchObject({ duplicate: cos.length });
    expect((again.body.esiti as Riga[]).flatMap((e) => e.avvisi ?? [])).toEqual(avvisi);
    expect(await listing()).toEqual(after);
  });

  it('accepts the same kind of set as single ministry-XML records, warnings included', async () => {
    const cos = withFreshCodici(generateCoHistories({ workers: 12, seed: 77, unknownCodes: 0.1 }), nextCodice);
    const answers = [];
    for (const co of cos) answers.push(await post(`${app.url}/v1/comunicazioni`, serializeCoXml(co), 'application/xml'));
    expect(answers.filter((a) => a.status !== 202).map((a) => a.body)).toEqual([]);
    const avvisi = answers.flatMap((a) => a.body.avvisi as Avviso[]);
    expect(avvisi.length).toBeGreaterThan(0);
    for (const a of avvisi) expect(shippedCodes(FILES[a.tabella!]).has(a.codice!)).toBe(false);
  });

  it('answers a single CO with an unknown sector 202 with the warning, and publishes it', async () => {
    const co = hire({ datore: { ...F.fixtureAssunzione().datore, settore: '99.99.97' } });
    const res = await json(co);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ esito: 'ACCETTATA', avvisi: [{ path: 'datore.settore', code: 'CODICE_NON_IN_TABELLA', tabella: 'ateco', codice: '99.99.97' }] });
    expect(await reader.settled(res.body.eventIds, 1, 200)).toHaveLength(1);
    const listed = await fetch(`${app.url}/v1/codici-sconosciuti?tabella=ateco`).then((r) => r.json() as Promise<{ codici: Listed[] }>);
    expect(listed.codici.find((c) => c.codice === '99.99.97')).toMatchObject({ tabella: 'ateco', occorrenze: expect.any(Number) });
    const clean = await json(hire());
    expect(clean.body.avvisi).toEqual([]);
    const badQuery = await fetch(`${app.url}/v1/codici-sconosciuti?tabella=nope&limite=0`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.headers.get('content-type')).toContain('application/problem+json');
    expect(((await badQuery.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['tabella', 'limite']);
  });

  it('still refuses a malformed code and a code its table knows as retired on the date of the fact, naming the field', async () => {
    const malformed = await json(hire({ datore: { ...F.fixtureAssunzione().datore, settore: '9999' } }));
    expect(malformed.status).toBe(422);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(malformed.body.errors).toEqual([expect.objectContaining({ path: 'datore.settore', code: 'CODE_FORMAT' })]);
    const retired = await json(hire({ inizio: { ...F.fixtureAssunzione().inizio, tipologiaContrattuale: 'B.01.00' } }));
    expect(retired.status).toBe(422);
    expect(retired.body.errors).toEqual([expect.objectContaining({ path: 'inizio.tipologiaContrattuale', code: 'CODE_NOT_VALID_ON_DATE' })]);
  });

  it('checks the birth place of the codice fiscale as of its birth date: a comune merged since is fine for a birth before, one instituted later is not', async () => {
    const cfOf = (placeCode: string, birthDate: string) => encodePersonalCf({ surname: 'Verdi', name: 'Anna', sex: 'F', birthDate, placeCode });
    const bornIn = (placeCode: string, birthDate: string) => {
      const co = hire();
      co.lavoratore = { ...co.lavoratore, codiceFiscale: cfOf(placeCode, birthDate), nascita: { comune: placeCode, data: birthDate } };
      return co;
    };
    // Abetone (PT) was merged on 2017-01-01.
    const before = await json(bornIn('A012', '1985-06-02'));
    expect(before.status).toBe(202);
    // Fiumicino (RM) was instituted on 1992-04-04: nobody born in 1980 has its code.
    const tooEarly = await json(bornIn('M297', '1980-01-10'));
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.errors).toContainEqual(expect.objectContaining({ path: 'lavoratore.codiceFiscale', code: 'CF_PLACE_UNKNOWN' }));
    expect(tooEarly.text).not.toContain(cfOf('M297', '1980-01-10'));
    expect((await json(bornIn('M297', '1995-01-10'))).status).toBe(202);
  });

  it('carries the warnings into the per-line results of a file job', async () => {
    const lines = [hire({ datore: { ...F.fixtureAssunzione().datore, settore: '99.99.96' } }), hire()];
    const up = await post(`${app.url}/v1/lotti`, lines.map(serializeCoJson).join('\n'), 'application/x-ndjson');
    expect(up.status).toBe(202);
    const location = up.headers.get('location')!;
    await waitFor('the job to complete', async () => {
      const l = (await (await fetch(`${app.url}${location}`)).json()) as { stato: string };
      return l.stato === 'COMPLETATO' ? true : undefined;
    }, 60_000, 100);
    const page = (await (await fetch(`${app.url}${location}/esiti`)).json()) as { esiti: Riga[] };
    expect(page.esiti.map((e) => [e.riga, e.esito, e.avvisi?.map((a) => `${a.path} ${a.code} ${a.codice}`)])).toEqual([
      [1, 'ACCETTATA', ['datore.settore CODICE_NON_IN_TABELLA 99.99.96']],
      [2, 'ACCETTATA', undefined],
    ]);
    const row = await db.query(`SELECT occurrences FROM co_unknown_code WHERE code_table = 'ateco' AND code = '99.99.96'`);
    expect(Number(row.rows[0]?.occurrences)).toBeGreaterThanOrEqual(1);
  });
});
