import { coFixtures as F, coFromAvro, serializeCoJson, serializeCoXml, type Co, type Unilav } from '@fsl/co';
import { generateNumericCf } from '@fsl/codice-fiscale';
import { createTestTopics, isolation, randomCf } from '../../../test/support/env';
import type { RunningApp } from '../../../test/support/processes';
import { codici, ingestEnv, keyOf, post, startIngest, SUBJECT, TopicReader } from './support';

// ingest-co as a process against the real broker, Postgres and Redis: single records in both formats,
// every kind of bad record, idempotency and NDJSON batches.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(180_000);

describe('ingest-co: records, validation, idempotency, batches', () => {
  const { prefix } = isolation('ingest-co');
  const nextCodice = codici();
  let app: RunningApp;
  let reader: TopicReader;

  beforeAll(async () => {
    await createTestTopics(prefix);
    app = await startIngest(ingestEnv(prefix, { BATCH_MAX_LINES: '300', BATCH_CHUNK_SIZE: '50' }));
    reader = await TopicReader.start(prefix);
  });
  afterAll(async () => {
    await reader?.stop();
    expect(await app?.stop()).toBe(0);
  });

  const json = (co: unknown, headers: Record<string, string> = {}) => post(`${app.url}/v1/comunicazioni`, JSON.stringify(co), 'application/json', headers);
  const xml = (text: string) => post(`${app.url}/v1/comunicazioni`, text, 'application/xml');
  const ndjson = (lines: string[]) => post(`${app.url}/v1/comunicazioni/lotti`, lines.join('\n'), 'application/x-ndjson');

  function hire(over: Partial<Unilav> = {}, worker = randomCf()): Unilav {
    const co = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' }, ...over });
    co.lavoratore = F.fixtureLavoratore(worker);
    delete co.lavoratore.nascita; // the random CF's birth data differ from the fixture's
    return co;
  }

  async function acceptedAndPublished(res: Awaited<ReturnType<typeof json>>, co: Co, workers: string[]) {
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ codiceComunicazione: co.datiInvio.codiceComunicazione, esito: 'ACCETTATA' });
    // Sorted by worker index: the messages of one CO sit on different partitions, in no global order.
    const messages = (await reader.settled(res.body.eventIds, workers.length, 300)).sort((a, b) => a.event.payload!.indiceLavoratore - b.event.payload!.indiceLavoratore);
    expect(messages.map((m) => m.key)).toEqual(workers.map(keyOf));
    for (const [i, m] of messages.entries()) {
      expect(m.headers['schema-subject']).toBe(SUBJECT);
      expect(m.headers['event-id']).toBe(m.event.header.eventId);
      expect(m.event.header.sourceRecordId).toBe(`${co.datiInvio.codiceComunicazione}:${i}`);
      const back = coFromAvro(m.event.payload!);
      expect(back.co).toEqual(co);
      expect(back.workerCf).toBe(workers[i]);
      // The CF travels in the payload only.
      for (const cf of workers) {
        expect(m.key).not.toContain(cf);
        expect(JSON.stringify(m.headers)).not.toContain(cf);
        expect(JSON.stringify(m.event.header)).not.toContain(cf);
      }
    }
    return messages;
  }

  it('accepts a JSON UNILAV after Kafka acknowledged it: one event, keyed by its worker, decoding to the same CO', async () => {
    const cf = randomCf();
    const co = hire({}, cf);
    const res = await json(co, { 'X-Correlation-Id': 'co-json-1' });
    const [m] = await acceptedAndPublished(res, co, [cf]);
    expect(m.headers['correlation-id']).toBe('co-json-1');
    expect(m.event.header.correlationId).toBe('co-json-1');
  });

  it('accepts the ministry XML (unilav and unisomm namespaces) the same way', async () => {
    const cf = randomCf();
    const unilav = hire({}, cf);
    await acceptedAndPublished(await xml(serializeCoXml(unilav)), unilav, [cf]);
    const somm = F.fixtureUnisomm({ datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' } });
    somm.lavoratore = { codiceFiscale: cf, cognome: 'ROSSI', nome: 'GIULIA' };
    const text = serializeCoXml(somm);
    expect(text).toContain('http://servizi.lavoro.gov.it/unisomm');
    await acceptedAndPublished(await xml(text), somm, [cf]);
  });

  it('fans a VARDATORI out to one message per listed worker, each on its own worker key', async () => {
    const workers = [randomCf(), generateNumericCf('9876543', '099'), randomCf()];
    const co = F.fixtureVardatori({
      datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: '2024-06-03T09:00:00+02:00' },
      lavoratori: workers.map((codiceFiscale) => ({ codiceFiscale, cognome: 'ROSSI', nome: 'GIULIA' })),
    });
    const res = await json(co);
    expect(res.body.eventIds).toHaveLength(3);
    await acceptedAndPublished(res, co, workers);
  });

  it('accepts both CF lengths: worker 16 or 11 characters, employer 11 or 16', async () => {
    const numericWorker = generateNumericCf('1234567', '001');
    const soleTrader = hire({ datore: { ...F.fixtureDatore(randomCf()), denominazione: 'ROSSI GIULIA' } }, numericWorker);
    expect((await json(soleTrader)).status).toBe(202);
  });

  it('checks codes as of the date of the fact: a retired code is accepted before its retirement, refused after', async () => {
    const before = hire({ inizio: { ...F.fixtureAssunzione().inizio, tipologiaContrattuale: 'B.01.00', dataInizio: '2015-03-01', dataFine: '2015-08-31' } });
    before.datiInvio.dataInvio = '2015-02-27T10:00:00+01:00';
    expect((await json(before)).status).toBe(202);
    const after = hire({ inizio: { ...F.fixtureAssunzione().inizio, tipologiaContrattuale: 'B.01.00' } });
    const res = await json(after);
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'inizio.tipologiaContrattuale', code: 'CODE_NOT_VALID_ON_DATE' }));
  });

  it('needs no weekly hours for orario F or N, and requires them for the others', async () => {
    for (const tipoOrario of ['F', 'N']) {
      const co = hire({ inizio: { ...F.fixtureAssunzione().inizio, tipoOrario, oreSettimanaliMedie: undefined } });
      expect({ tipoOrario, status: (await json(JSON.parse(serializeCoJson(co)))).status }).toEqual({ tipoOrario, status: 202 });
    }
  });

  /** A valid personal CF with its check character changed. */
  const wrongCheck = (cf = randomCf()) => `${cf.slice(0, 15)}${cf[15] === 'A' ? 'B' : 'A'}`;
  const trasformazione = (codice: string, tipologiaContrattuale: string, tipoOrario: string) =>
    hire({ tipoEvento: 'TRS', trasformazione: { codice, data: '2024-05-01', tipologiaContrattuale, tipoOrario, ...(tipoOrario === 'F' ? {} : { oreSettimanaliMedie: 20 }) } });

  const badCases: [string, () => unknown, string, string][] = [
    ['a worker CF with a wrong check character', () => hire({}, wrongCheck()), 'lavoratore.codiceFiscale', 'CF_CHECK_CHARACTER'],
    ['a worker CF of 12 characters', () => hire({}, 'RSSMRA90D52F'), 'lavoratore.codiceFiscale', 'CF_LENGTH'],
    ['an 11-digit worker CF with a wrong check digit', () => hire({}, '12345678904'), 'lavoratore.codiceFiscale', 'CF_CHECK_DIGIT'],
    ['an 11-digit employer CF with a wrong check digit', () => hire({ datore: F.fixtureDatore('02877740214') }), 'datore.codiceFiscale', 'CF_CHECK_DIGIT'],
    ['a 16-character employer CF with a wrong check character', () => hire({ datore: F.fixtureDatore(wrongCheck()) }), 'datore.codiceFiscale', 'CF_CHECK_CHARACTER'],
    ['an end date before the start', () => hire({ inizio: { ...F.fixtureAssunzione().inizio, dataFine: '2024-02-01' } }), 'inizio.dataFine', 'DATA_FINE_BEFORE_INIZIO'],
    ['a cessazione before the start', () => hire({ tipoEvento: 'CES', cessazione: { data: '2024-02-15', causa: 'LI' } }), 'cessazione.data', 'CESSAZIONE_BEFORE_INIZIO'],
    ['an unknown contract code', () => hire({ inizio: { ...F.fixtureAssunzione().inizio, tipologiaContrattuale: 'Z.99.99' } }), 'inizio.tipologiaContrattuale', 'CODE_UNKNOWN'],
    ['an unknown causa cessazione', () => hire({ tipoEvento: 'CES', cessazione: { data: '2024-05-15', causa: 'ZZ' } }), 'cessazione.causa', 'CODE_UNKNOWN'],
    ['part time without weekly hours', () => hire({ inizio: { ...F.fixtureAssunzione().inizio, tipoOrario: 'P', oreSettimanaliMedie: undefined } }), 'inizio.oreSettimanaliMedie', 'ORE_SETTIMANALI_REQUIRED'],
    ['DI to a contract other than A.01.00', () => trasformazione('DI', 'A.02.00', 'F'), 'trasformazione.tipologiaContrattuale', 'TRASFORMAZIONE_CONTRATTO'],
    ['PP to an orario other than F', () => trasformazione('PP', 'A.02.00', 'P'), 'trasformazione.tipoOrario', 'TRASFORMAZIONE_ORARIO_FULL'],
    ['TP to orario F', () => trasformazione('TP', 'A.02.00', 'F'), 'trasformazione.tipoOrario', 'TRASFORMAZIONE_ORARIO_NOT_FULL'],
    ['a proroga whose new end is the end it extends', () => hire({ tipoEvento: 'PRO', proroga: { dataFineProroga: F.fixtureAssunzione().inizio.dataFine as string } }), 'proroga.dataFineProroga', 'PROROGA_NOT_AFTER_CURRENT_END'],
    ['a proroga whose new end is before the end it extends', () => hire({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-07-31' } }), 'proroga.dataFineProroga', 'PROROGA_NOT_AFTER_CURRENT_END'],
    ['a missing section', () => ({ ...hire(), inizio: undefined }), 'inizio', 'REQUIRED'],
    ['a bad worker in a VARDATORI list', () => F.fixtureVardatori({ datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: '2024-06-03T09:00:00+02:00' }, lavoratori: [{ codiceFiscale: randomCf(), cognome: 'A', nome: 'B' }, { codiceFiscale: '12345678904', cognome: 'C', nome: 'D' }] }), 'lavoratori[1].codiceFiscale', 'CF_CHECK_DIGIT'],
  ];

  it.each(badCases)('rejects %s with 422 problem+json naming the field, without personal values', async (_name, make, path, code) => {
    const co = make() as Unilav;
    const res = await json(co);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path, code }));
    const personal = [co.lavoratore?.codiceFiscale, co.datore?.codiceFiscale, co.lavoratore?.cognome, co.inizio?.dataInizio].filter((v): v is string => !!v && v.length > 4);
    for (const v of personal) expect(res.text).not.toContain(v);
  });

  it('rejects malformed XML and a root in the wrong namespace', async () => {
    const bad = await xml('<UniLav xmlns="http://servizi.lavoro.gov.it/unilav"><DatoreLavoro');
    expect([bad.status, bad.body.errors[0].code]).toEqual([422, 'INVALID_XML']);
    const wrongNs = serializeCoXml(hire()).replace('http://servizi.lavoro.gov.it/unilav', 'http://example.org/unilav');
    const res = await xml(wrongNs);
    expect([res.status, res.body.errors[0].code]).toEqual([422, 'NAMESPACE']);
  });

  it('answers a re-sent CO with the same event and no second message; other content under the same codice is 409', async () => {
    const cf = randomCf();
    const co = hire({}, cf);
    const first = await json(co);
    expect(first.status).toBe(202);
    const again = await json(co);
    const asXml = await xml(serializeCoXml(co));
    for (const r of [again, asXml]) {
      expect(r.status).toBe(202);
      expect(r.body).toEqual({ codiceComunicazione: co.datiInvio.codiceComunicazione, esito: 'DUPLICATA', eventIds: first.body.eventIds, avvisi: [] });
    }
    const changed = await json({ ...co, inizio: { ...co.inizio, retribuzione: 99999 } });
    expect(changed.status).toBe(409);
    expect(changed.headers.get('content-type')).toContain('application/problem+json');
    expect(changed.body.code).toBe('CO_CONFLICT');
    expect(changed.text).not.toContain(cf);
    expect(await reader.settled(first.body.eventIds, 1)).toHaveLength(1);
  });

  it('lets exactly one of many concurrent submissions of one codice publish', async () => {
    const co = hire();
    const other = { ...co, inizio: { ...co.inizio, retribuzione: 12345 } };
    const answers = await Promise.all([...Array.from({ length: 8 }, () => json(co)), ...Array.from({ length: 4 }, () => json(other))]);
    const statuses = answers.map((a) => a.status);
    const accepted = answers.filter((a) => a.body?.esito === 'ACCETTATA');
    expect(accepted).toHaveLength(1);
    const winnerIsCo = answers.indexOf(accepted[0]) < 8;
    expect(statuses.filter((s) => s === 202)).toHaveLength(winnerIsCo ? 8 : 4);
    expect(statuses.filter((s) => s === 409)).toHaveLength(winnerIsCo ? 4 : 8);
    expect(await reader.settled(accepted[0].body.eventIds, 1)).toHaveLength(1);
  });

  it('keeps every good line of an NDJSON batch and reports the bad ones by line number, with every problem', async () => {
    const good = Array.from({ length: 120 }, () => hire());
    const lines = good.map(serializeCoJson);
    const badCf = hire({}, '12345678904');
    const badDates = hire({ inizio: { ...F.fixtureAssunzione().inizio, dataFine: '2024-01-01', tipologiaContrattuale: 'Z.99.99' } });
    lines.splice(10, 0, serializeCoJson(badCf)); // line 11
    lines.splice(40, 0, '{"modello":'); // line 41
    lines.splice(70, 0, ''); // line 71: blank, skipped
    lines.splice(90, 0, serializeCoJson(badDates)); // line 91
    lines.push(serializeCoJson(good[0])); // line 125: repeat of line 1
    const res = await ndjson(lines);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ righe: 124, accettate: 120, duplicate: 1, rifiutate: 3, inConflitto: 0 });
    const bad = res.body.esiti.filter((e: { esito: string }) => e.esito === 'RIFIUTATA');
    expect(bad.map((e: { riga: number }) => e.riga)).toEqual([11, 41, 91]);
    expect(bad[0].errors).toEqual([expect.objectContaining({ path: 'lavoratore.codiceFiscale', code: 'CF_CHECK_DIGIT' })]);
    expect(bad[1].errors).toEqual([expect.objectContaining({ code: 'INVALID_JSON' })]);
    expect(bad[2].errors.map((e: { path: string }) => e.path).sort()).toEqual(['inizio.dataFine', 'inizio.tipologiaContrattuale']);
    expect(res.body.esiti.find((e: { riga: number }) => e.riga === 125)).toMatchObject({ esito: 'DUPLICATA', codiceComunicazione: good[0].datiInvio.codiceComunicazione });
    expect(res.text).not.toContain('12345678904');
    const ids = res.body.esiti.filter((e: { esito: string }) => e.esito === 'ACCETTATA').flatMap((e: { eventIds: string[] }) => e.eventIds);
    expect(ids).toHaveLength(120);
    const published = await reader.settled(ids, 120);
    expect(published).toHaveLength(120);
    expect(new Set(published.map((m) => m.event.payload!.datiInvio.codiceComunicazione))).toEqual(new Set(good.map((c) => c.datiInvio.codiceComunicazione)));
  });

  it('refuses a batch over the synchronous limit with 413, and unsupported media types with 415', async () => {
    const tooMany = await ndjson(Array.from({ length: 301 }, () => serializeCoJson(hire())));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.detail).toContain('/v1/lotti');
    expect((await post(`${app.url}/v1/comunicazioni`, 'x', 'text/plain')).status).toBe(415);
    expect((await post(`${app.url}/v1/comunicazioni/lotti`, '{}', 'application/json')).status).toBe(415);
  });
});
