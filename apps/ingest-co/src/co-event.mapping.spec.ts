import { coFixtures as fx, coFromAvro, defaultCodeLists, serializeCoJson, serializeCoXml, type Co } from '@fsl/co';
import { decode, encode, eventId } from '@fsl/schemas';
import { CO_SUBJECT, readCoInput, sourceRecordId, type ReadCo } from './co-event.mapping';

const ctx = { codeLists: defaultCodeLists(), correlationId: 'corr-1', now: 1_740_000_000_000 };
const OTHER_WORKER = '12345678903';

function accepted(r: ReturnType<typeof readCoInput>): ReadCo {
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.problems)}`);
  return r;
}

describe('readCoInput: record → validation → Avro events', () => {
  const co = fx.fixtureAssunzione({ datiInvio: { codiceComunicazione: '1300000000000101', tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' } });

  it('accepts a CO whose codes a partial table does not know, with the warnings in both formats, and none otherwise', () => {
    const odd = { ...co, datore: { ...co.datore, settore: '99.99.98' }, inizio: { ...co.inizio, ccnl: 'H011' } } as Co;
    const want = [
      { path: 'datore.settore', code: 'CODICE_NON_IN_TABELLA', message: expect.any(String), tabella: 'ateco', codice: '99.99.98' },
      { path: 'inizio.ccnl', code: 'CODICE_NON_IN_TABELLA', message: expect.any(String), tabella: 'ccnl', codice: 'H011' },
    ];
    expect(accepted(readCoInput({ format: 'json', value: JSON.parse(serializeCoJson(odd)) }, ctx)).avvisi).toEqual(want);
    expect(accepted(readCoInput({ format: 'xml', text: serializeCoXml(odd) }, ctx)).avvisi).toEqual(want);
    expect(accepted(readCoInput({ format: 'json', value: JSON.parse(serializeCoJson(co)) }, ctx)).avvisi).toEqual([]);
  });

  it('maps a JSON UNILAV to one event keyed by its worker, with the CF only inside the payload', () => {
    const r = accepted(readCoInput({ format: 'json', value: JSON.parse(serializeCoJson(co)) }, ctx));
    expect(r.messages).toHaveLength(1);
    const [{ workerCf, event }] = r.messages;
    expect(workerCf).toBe(fx.FIXTURE_WORKER_CF);
    expect(event.header).toEqual({
      eventId: eventId('CO', '1300000000000101:0', 1),
      sourceSystem: 'CO',
      entityType: 'COMUNICAZIONE_OBBLIGATORIA',
      operation: 'UPSERT',
      sourceRecordId: '1300000000000101:0',
      sourceVersion: 1,
      occurredAt: Date.parse('2024-02-28T10:00:00+01:00'),
      ingestedAt: ctx.now,
      correlationId: 'corr-1',
    });
    expect(JSON.stringify(event.header)).not.toContain(fx.FIXTURE_WORKER_CF);
    expect(r.eventIds).toEqual([event.header.eventId]);
    expect(event.payload!.lavoratoreCf).toBe(fx.FIXTURE_WORKER_CF);
    expect(event.payload!.contentHash).toBe(r.hash);
  });

  it('lists the XML elements it did not read as avvisi, and has none for JSON', () => {
    const xml = serializeCoXml(co).replace('<SedeLegale>', '<SedeLegale><telefono>06123</telefono>');
    const r = accepted(readCoInput({ format: 'xml', text: xml }, ctx));
    expect(r.avvisi).toEqual([{ path: 'UniLav/DatoreLavoro/SedeLegale/telefono', code: 'ELEMENTO_XML_IGNORATO', message: expect.any(String) }]);
    expect(accepted(readCoInput({ format: 'json', value: co }, ctx)).avvisi).toEqual([]);
  });

  it('never echoes a codice fiscale used as a member or element name', () => {
    const j = JSON.parse(serializeCoJson(co));
    j.datore[fx.FIXTURE_WORKER_CF] = 'x';
    const r = readCoInput({ format: 'json', value: j }, ctx);
    expect(r).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'UNKNOWN_FIELD', path: 'datore.[CF]' })] });
    const xml = serializeCoXml(co).replace('<SedeLegale>', `<SedeLegale><${fx.FIXTURE_WORKER_CF}/>`);
    expect(accepted(readCoInput({ format: 'xml', text: xml }, ctx)).avvisi.map((a) => a.path)).toEqual(['UniLav/DatoreLavoro/SedeLegale/[CF]']);
  });

  it('refuses a dataInvio ahead of the receiving clock by more than the skew', () => {
    const invio = Date.parse(co.datiInvio.dataInvio);
    const at = (now: number, clockSkewMs: number) => readCoInput({ format: 'json', value: co }, { ...ctx, now, clockSkewMs });
    expect(at(invio - 60_000, 120_000).ok).toBe(true);
    expect(at(invio - 60_000, 30_000)).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'datiInvio.dataInvio', code: 'DATA_INVIO_FUTURE' })], avvisi: [] });
  });

  it('produces events that encode as the subject and decode back to the same CO', () => {
    const r = accepted(readCoInput({ format: 'json', value: co }, ctx));
    const d = decode(encode(CO_SUBJECT, r.messages[0].event));
    expect(d.subject).toBe(CO_SUBJECT);
    expect(coFromAvro((d.value as typeof r.messages[0]['event']).payload!).co).toEqual(co);
  });

  it('gives the same CO sent as XML, as JSON or as an NDJSON line the same hash and event ids', () => {
    const json = accepted(readCoInput({ format: 'json', value: JSON.parse(serializeCoJson(co)) }, ctx));
    const xml = accepted(readCoInput({ format: 'xml', text: serializeCoXml(co) }, ctx));
    const line = accepted(readCoInput({ format: 'ndjson-line', text: serializeCoJson(co) }, { ...ctx, now: ctx.now + 60_000 }));
    expect(xml.hash).toBe(json.hash);
    expect(line.hash).toBe(json.hash);
    expect(xml.eventIds).toEqual(json.eventIds);
    expect(line.eventIds).toEqual(json.eventIds);
  });

  it('fans a VARDATORI out to one event per worker, each with its own id and key', () => {
    const v: Co = fx.fixtureVardatori({
      datiInvio: { codiceComunicazione: '1300000000000102', tipoComunicazione: '01', dataInvio: '2024-06-03T09:00:00+02:00' },
      lavoratori: [
        { codiceFiscale: fx.FIXTURE_WORKER_CF, cognome: 'ROSSI', nome: 'MARIA' },
        { codiceFiscale: OTHER_WORKER, cognome: 'VERDI', nome: 'ANNA' },
      ],
    });
    const r = accepted(readCoInput({ format: 'json', value: v }, ctx));
    expect(r.messages.map((m) => m.workerCf)).toEqual([fx.FIXTURE_WORKER_CF, OTHER_WORKER]);
    expect(r.messages.map((m) => m.event.header.sourceRecordId)).toEqual([sourceRecordId('1300000000000102', 0), sourceRecordId('1300000000000102', 1)]);
    expect(new Set(r.eventIds).size).toBe(2);
    expect(r.messages.map((m) => [m.event.payload!.indiceLavoratore, m.event.payload!.numeroLavoratori])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const m of r.messages) expect(JSON.stringify(m.event.header)).not.toMatch(new RegExp(`${fx.FIXTURE_WORKER_CF}|${OTHER_WORKER}`));
  });

  it('rejects a bad record with every problem and no personal value', () => {
    const bad = fx.fixtureAssunzione();
    bad.lavoratore.codiceFiscale = `${fx.FIXTURE_WORKER_CF.slice(0, 15)}X`;
    bad.inizio.dataFine = '2023-01-01';
    const r = readCoInput({ format: 'json', value: bad }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual(['inizio.dataFine', 'lavoratore.codiceFiscale']);
    expect(JSON.stringify(r)).not.toContain(bad.lavoratore.codiceFiscale);
    expect(JSON.stringify(r)).not.toContain(bad.datiInvio.codiceComunicazione);
  });

  it('refuses a codiceComunicazione shaped like a personal CF (it would become the sourceRecordId)', () => {
    const r = readCoInput({ format: 'json', value: fx.fixtureAssunzione({ datiInvio: { codiceComunicazione: fx.FIXTURE_WORKER_CF, tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' } }) }, ctx);
    expect(r.ok ? [] : r.problems.map((p) => `${p.path} ${p.code}`)).toEqual(['datiInvio.codiceComunicazione CODICE_COMUNICAZIONE_FORMAT']);
  });

  it('records the code-list versions of the validation in the payload', () => {
    const r = accepted(readCoInput({ format: 'json', value: co }, ctx));
    expect(r.messages[0].event.payload!.tabelleCodici).toEqual(ctx.codeLists.versions());
  });
});
