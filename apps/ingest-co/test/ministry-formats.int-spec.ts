// The ministry's formats as sent, through ingest-co as a process on the real broker and Postgres: XML with a
// local dataInvio, without an event code, with the type as an element, with elements the model does not
// read; and our own JSON with a misspelt member.
import { coFixtures as F, coFromAvro, serializeCoJson, serializeCoXml, type Unilav } from '@fsl/co';
import { createTestTopics, isolation, randomCf } from '../../../test/support/env';
import type { RunningApp } from '../../../test/support/processes';
import { codici, ingestEnv, post, startIngest, TopicReader } from './support';

jest.setTimeout(180_000);

describe('ingest-co: the ministry XML as sent, strict JSON', () => {
  const { prefix } = isolation('ingest-co-formats');
  const nextCodice = codici();
  let app: RunningApp;
  let reader: TopicReader;

  beforeAll(async () => {
    await createTestTopics(prefix);
    app = await startIngest(ingestEnv(prefix));
    reader = await TopicReader.start(prefix);
  });
  afterAll(async () => {
    await reader?.stop();
    expect(await app?.stop()).toBe(0);
  });

  const xml = (text: string) => post(`${app.url}/v1/comunicazioni`, text, 'application/xml');
  const json = (body: unknown) => post(`${app.url}/v1/comunicazioni`, JSON.stringify(body), 'application/json');

  function hire(over: Partial<Unilav> = {}): Unilav {
    const co = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' }, ...over });
    co.lavoratore = F.fixtureLavoratore(randomCf());
    delete co.lavoratore.nascita; // the random CF's birth data differ from the fixture's
    return co;
  }
  /** The one event published for an accepted CO, read back from the topic. */
  async function published(res: Awaited<ReturnType<typeof post>>) {
    expect(res.status).toBe(202);
    const [m] = await reader.settled(res.body.eventIds, 1, 300);
    return { payload: m.event.payload!, co: coFromAvro(m.event.payload!).co };
  }

  it.each([
    ['winter', '2024-01-15T10:00:00', '2024-01-15T10:00:00+01:00', '2024-01-15T09:00:00.000Z'],
    ['summer', '2024-07-01T10:00:00', '2024-07-01T10:00:00+02:00', '2024-07-01T08:00:00.000Z'],
  ])('reads a dataInvio without offset as Italian time (%s)', async (_season, local, withOffset, utc) => {
    const co = hire();
    const text = serializeCoXml(co).replace(/dataInvio="[^"]*"/, `dataInvio="${local}"`);
    const { payload } = await published(await xml(text));
    expect(payload.datiInvio.dataInvio).toBe(withOffset);
    expect(new Date(payload.datiInvio.dataInvio).toISOString()).toBe(utc);
  });

  it('tells the event from its section when no code is sent; two sections are a 422 naming both', async () => {
    const base = hire({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-12-31' } });
    const noCode = (co: Unilav) => serializeCoXml(co).replace(/ tipoEvento="[A-Z]+"/, '');
    const { co } = await published(await xml(noCode(base)));
    expect(co.tipoEvento).toBe('PRO');
    expect(co.modello === 'UNILAV' && co.proroga).toEqual({ dataFineProroga: '2024-12-31' });

    const both = { ...hire(), proroga: { dataFineProroga: '2024-12-31' }, cessazione: { data: '2024-05-31', causa: 'LI' } };
    const res = await xml(noCode(both));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'proroga', code: 'EVENT_SECTION_AMBIGUOUS' }),
        expect.objectContaining({ path: 'cessazione', code: 'EVENT_SECTION_AMBIGUOUS' }),
      ]),
    );
  });

  it('accepts the communication type as an element', async () => {
    const co = hire();
    const text = serializeCoXml(co).replace(/<DatiInvio tipoComunicazione="01"([^>]*)\/>/, '<DatiInvio$1><tipoComunicazione>01</tipoComunicazione></DatiInvio>');
    expect(text).toContain('<tipoComunicazione>01</tipoComunicazione>');
    const res = await xml(text);
    expect(res.body.avvisi).toEqual([]);
    expect((await published(res)).co).toEqual(co);
  });

  it('lists the XML elements it did not read in the 202 answer', async () => {
    const co = hire();
    const text = serializeCoXml(co)
      .replace('<SedeLegale>', '<SedeLegale><telefono>06123456</telefono>')
      .replace('<Lavoratore>', '<Lavoratore><LivelloIstruzione livello="20"/>');
    const res = await xml(text);
    expect(res.body.avvisi).toEqual([
      { path: 'UniLav/DatoreLavoro/SedeLegale/telefono', code: 'ELEMENTO_XML_IGNORATO', message: expect.any(String) },
      { path: 'UniLav/Lavoratore/LivelloIstruzione', code: 'ELEMENTO_XML_IGNORATO', message: expect.any(String) },
    ]);
    // accepted: the CO read is the one without the unknown elements
    expect((await published(res)).co).toEqual(co);
  });

  it('refuses an unknown JSON member with a 422 naming it, single and in a batch line', async () => {
    const co = JSON.parse(serializeCoJson(hire())) as Record<string, any>;
    co.inizio.dataFin = '2024-12-31';
    const res = await json(co);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'inizio.dataFin', code: 'UNKNOWN_FIELD' })]);

    const good = serializeCoJson(hire());
    const batch = await post(`${app.url}/v1/comunicazioni/lotti`, [good, JSON.stringify({ ...co, tipoEvnto: 'ASS' })].join('\n'), 'application/x-ndjson');
    expect(batch.status).toBe(200);
    expect(batch.body.esiti[0]).toMatchObject({ riga: 1, esito: 'ACCETTATA' });
    expect(batch.body.esiti[0]).not.toHaveProperty('avvisi');
    expect(batch.body.esiti[1].errors.map((e: { path: string; code: string }) => [e.path, e.code]).sort()).toEqual([
      ['inizio.dataFin', 'UNKNOWN_FIELD'],
      ['tipoEvnto', 'UNKNOWN_FIELD'],
    ]);
  });

  it('refuses implausible values, each naming its field: future dataInvio, control characters, CAP', async () => {
    const future = hire({ datiInvio: { codiceComunicazione: nextCodice(), tipoComunicazione: '01', dataInvio: new Date(Date.now() + 3_600_000).toISOString() } });
    expect((await json(future)).body.errors).toEqual([expect.objectContaining({ path: 'datiInvio.dataInvio', code: 'DATA_INVIO_FUTURE' })]);
    const bad = hire();
    bad.lavoratore.cognome = 'ROS\u0007SI';
    bad.datore.sedeLegale = { comune: 'F205', cap: '201' };
    const res = await json(bad);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['lavoratore.cognome', 'CONTROL_CHARACTER'],
    ]);
    bad.lavoratore.cognome = 'ROSSI';
    expect((await json(bad)).body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([['datore.sedeLegale.cap', 'CAP_FORMAT']]);
  });
});
