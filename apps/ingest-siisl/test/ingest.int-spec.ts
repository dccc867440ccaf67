import { eventId } from '@fsl/schemas';
import { siislFixtures as F, siislFromAvro, SUBJECTS, type Entita } from '@fsl/siisl';
import { waitFor } from '../../../test/support/env';
import { unknownCodesMetric as unknownCodes } from '../../../test/support/ingest';
import { CITIZENS, deletion, ENTITA, ids, keyOf, post, record, suiteIngest } from './support';

// ingest-siisl as a process against the real broker, Postgres and Redis: every entity's record accepted
// and published, duplicates, conflicts, stale versions, deletions, bad records, batches and unknown codes.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(180_000);

type Answer = Awaited<ReturnType<typeof post>>;

/** Well-formed, and not in the shipped (synthetic) ESCO table. */
const ESCO_UNKNOWN = 'http://data.europa.eu/esco/skill/11111111-2222-4333-8444-555555555555';

describe('ingest-siisl: records of every entity, versions, batches', () => {
  const running = suiteIngest('ingest-siisl', { BATCH_MAX_LINES: '300', BATCH_CHUNK_SIZE: '4' });
  const nextId = ids();

  const one = (entita: string, body: unknown, headers: Record<string, string> = {}) => post(`${running.app.url}/v1/${entita}`, JSON.stringify(body), 'application/json', headers);
  const batch = (entita: string, lines: string[]) => post(`${running.app.url}/v1/${entita}/lotti`, lines.join('\n'), 'application/x-ndjson');

  /** The record's event on the topic: once per citizen it concerns, keyed by the owner's pseudonym (by entity and id for a catalogue record). */
  async function published(entita: Entita, res: Answer, sent: object, correlationId?: string) {
    const r = sent as { id: string; versione: number; operazione: string };
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ riga: 1, esito: 'ACCETTATA', entita, id: r.id, versione: r.versione });
    expect(res.body.eventIds).toEqual([eventId('SIISL', `${entita}:${r.id}`, r.versione)]);
    const citizens = CITIZENS[entita];
    const messages = await running.reader.settled(res.body.eventIds, Math.max(1, citizens.length), 300);
    expect(messages.map((m) => m.key)).toEqual(citizens.length ? citizens.map(() => keyOf(F.CITTADINO_CF)) : [`${entita}/${r.id}`]);
    expect(messages.map((m) => m.event.payload!.cittadinoCf).sort()).toEqual(citizens.length ? [...citizens].sort() : [null]);
    for (const m of messages) {
      expect(m.subject).toBe(SUBJECTS[entita]);
      expect(m.headers['schema-subject']).toBe(SUBJECTS[entita]);
      expect(m.headers['event-id']).toBe(res.body.eventIds[0]);
      if (correlationId) expect([m.headers['correlation-id'], m.event.header.correlationId]).toEqual([correlationId, correlationId]);
      expect(m.event.header).toMatchObject({ sourceSystem: 'SIISL', sourceVersion: r.versione, operation: r.operazione === 'ELIMINAZIONE' ? 'VOID' : 'UPSERT' });
      const back = siislFromAvro(entita, m.event.payload as never);
      expect(back.record).toEqual(sent);
      // The CF travels in the payload only.
      for (const cf of [F.CITTADINO_CF, F.FAMILIARE_CF]) {
        expect(m.key).not.toContain(cf);
        expect(JSON.stringify(m.headers)).not.toContain(cf);
        expect(JSON.stringify(m.event.header)).not.toContain(cf);
      }
    }
    return messages;
  }

  describe.each(ENTITA)('%s', (entita) => {
    it('accepts a record after Kafka acknowledged it, with its event on the right key, subject and correlation id', async () => {
      const r = record(entita, nextId());
      await published(entita, await one(entita, r, { 'X-Correlation-Id': `siisl-${entita}` }), r, `siisl-${entita}`);
    });

    it('answers a re-sent version DUPLICATA with no second message, and other content under the same version 409', async () => {
      const r = record(entita, nextId());
      const first = await one(entita, r);
      expect(first.status).toBe(202);
      const again = await one(entita, { ...r, aggiornatoIl: r.aggiornatoIl }); // same content, another object
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ esito: 'DUPLICATA', entita, id: r.id, versione: 1, eventIds: first.body.eventIds });
      const changed = await one(entita, { ...r, aggiornatoIl: '2025-03-10T09:31:00+01:00' });
      expect(changed.status).toBe(409);
      expect(changed.headers.get('content-type')).toContain('application/problem+json');
      expect(changed.body).toMatchObject({ code: 'SIISL_CONFLICT', errors: [expect.objectContaining({ path: 'versione', code: 'VERSIONE_GIA_ACCETTATA' })] });
      expect(changed.text).not.toContain(F.CITTADINO_CF);
      expect(await running.reader.settled(first.body.eventIds, Math.max(1, CITIZENS[entita].length))).toHaveLength(Math.max(1, CITIZENS[entita].length));
    });

    it('accepts an older version arriving after a newer one as obsoleta, and publishes it for the history', async () => {
      const id = nextId();
      const newer = await one(entita, record(entita, id, 5));
      expect(newer.body).toMatchObject({ esito: 'ACCETTATA', versione: 5 });
      expect(newer.body.obsoleta).toBeUndefined();
      const older = record(entita, id, 3);
      const res = await one(entita, older);
      expect(res.body).toMatchObject({ esito: 'ACCETTATA', versione: 3, obsoleta: true });
      await published(entita, res, older);
      const newest = await one(entita, record(entita, id, 6));
      expect(newest.body).toMatchObject({ esito: 'ACCETTATA', versione: 6 });
      expect(newest.body.obsoleta).toBeUndefined();
    });

    it('accepts a deletion as a version of its own, published as a VOID', async () => {
      const id = nextId();
      expect((await one(entita, record(entita, id, 1))).status).toBe(202);
      const gone = deletion(entita, id, 2);
      await published(entita, await one(entita, gone), gone);
    });
  });

  const bad: [Entita, (r: Record<string, any>) => void, string][] = [
    ['curriculum', (r) => (r.dati.lingue[0].livelloCefr = 'Z9'), 'dati.lingue[0].livelloCefr'],
    ['offerta-lavoro', (r) => (r.dati.stato = 'APERTA'), 'dati.stato'],
    ['proposta-lavoro', (r) => (r.dati.stato = 'FORSE'), 'dati.stato'],
    ['corso', (r) => (r.dati.modalita = 'ONLINE'), 'dati.modalita'],
    ['iscrizione', (r) => (r.dati.eventi[0].tipo = 'PRENOTATO'), 'dati.eventi[0].tipo'],
    ['manifestazione-interesse', (r) => (r.dati.data = '2025-13-01'), 'dati.data'],
    ['misura-inclusione', (r) => (r.dati.nucleo[1].codiceFiscale = `${F.FAMILIARE_CF.slice(0, 15)}${F.FAMILIARE_CF[15] === 'A' ? 'B' : 'A'}`), 'dati.nucleo[1].codiceFiscale'],
    ['puc', (r) => (r.dati.oreSettimanali = 50), 'dati.oreSettimanali'],
  ];

  it.each(bad)('%s: refuses a bad record with 422 problem+json naming the field, without personal values', async (entita, spoil, path) => {
    const r = record(entita, nextId()) as unknown as Record<string, any>;
    spoil(r);
    const res = await one(entita, r);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path, code: expect.stringMatching(/^[A-Z_]+$/) }));
    const sentCfs = [F.CITTADINO_CF, F.FAMILIARE_CF, ...(entita === 'misura-inclusione' ? [r.dati.nucleo[1].codiceFiscale as string] : [])];
    for (const cf of sentCfs) expect(res.text).not.toContain(cf);
  });

  it('refuses an id shaped like a codice fiscale (ids travel in headers), an unknown entity with 404 and other media types with 415', async () => {
    const res = await one('puc', record('puc', F.CITTADINO_CF));
    expect([res.status, res.body.errors]).toEqual([422, [expect.objectContaining({ path: 'id', code: 'ID_SHAPED_LIKE_CF' })]]);
    expect(res.text).not.toContain(F.CITTADINO_CF);
    const unknown = await one('cartella', record('puc', nextId()));
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ENTITA_NOT_FOUND']);
    expect((await post(`${running.app.url}/v1/puc`, 'x', 'text/plain')).status).toBe(415);
    expect((await post(`${running.app.url}/v1/puc/lotti`, '{}', 'application/json')).status).toBe(415);
  });

  const unknownCode: [Entita, (r: Record<string, any>) => void, string, string, string][] = [
    ['curriculum', (r) => (r.dati.competenze[0].escoUri = ESCO_UNKNOWN), 'dati.competenze[0].escoUri', 'esco', ESCO_UNKNOWN],
    ['offerta-lavoro', (r) => (r.dati.competenzeRichieste[0].escoUri = ESCO_UNKNOWN), 'dati.competenzeRichieste[0].escoUri', 'esco', ESCO_UNKNOWN],
    ['corso', (r) => (r.dati.competenze[0].escoUri = ESCO_UNKNOWN), 'dati.competenze[0].escoUri', 'esco', ESCO_UNKNOWN],
    ['puc', (r) => (r.dati.comune = 'Z999'), 'dati.comune', 'belfiore', 'Z999'],
  ];

  it.each(unknownCode)('%s: accepts a well-formed code the table does not know, with its warning, and counts it', async (entita, set, path, tabella, codice) => {
    const before = await unknownCodesMetric(tabella, codice);
    const r = record(entita, nextId()) as unknown as Record<string, any>;
    set(r);
    const res = await one(entita, r);
    expect(res.status).toBe(202);
    expect(res.body.avvisi).toContainEqual({ path, code: 'CODE_UNKNOWN', message: expect.any(String), tabella, codice });
    await published(entita, res, r);
    await waitFor('the unknown code counted', async () => ((await unknownCodesMetric(tabella, codice)) === before + 1 ? true : undefined));
    // Counted once: a duplicate was counted when first accepted.
    expect((await one(entita, r)).body).toMatchObject({ esito: 'DUPLICATA', avvisi: expect.arrayContaining([expect.objectContaining({ code: 'CODE_UNKNOWN', codice })]) });
    expect(await unknownCodesMetric(tabella, codice)).toBe(before + 1);
  });

  const unknownCodesMetric = (table: string, code: string) => unknownCodes(running.app.metricsUrl, 'siisl', table, code);

  it('keeps every good line of an NDJSON batch and reports the bad ones by line number, with every problem', async () => {
    const entita = 'iscrizione';
    const good = Array.from({ length: 10 }, () => record(entita, nextId()));
    const lines = good.map((r) => JSON.stringify(r));
    const badEvent = record(entita, nextId()) as unknown as Record<string, any>;
    badEvent.dati.eventi[1].tipo = 'SOSPESO';
    lines.splice(2, 0, JSON.stringify(badEvent)); // line 3
    lines.splice(5, 0, '{"id":'); // line 6
    lines.splice(7, 0, ''); // line 8: blank, skipped
    lines.splice(9, 0, JSON.stringify({ ...good[4], entita: 'corso' })); // line 10: another entity than the route's
    lines.push(JSON.stringify({ ...good[0], entita })); // line 15: repeat of line 1, naming its entity
    lines.push(JSON.stringify({ ...good[1], versione: 1, aggiornatoIl: '2025-03-10T09:31:00+01:00' })); // line 16: other content, same version
    const res = await batch(entita, lines);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ righe: 15, accettate: 10, duplicate: 1, rifiutate: 3, inConflitto: 1 });
    const refused = res.body.esiti.filter((e: { esito: string }) => e.esito === 'RIFIUTATA');
    expect(refused.map((e: { riga: number }) => e.riga)).toEqual([3, 6, 10]);
    expect(refused[0].errors).toContainEqual(expect.objectContaining({ path: 'dati.eventi[1].tipo', code: 'INVALID_VALUE' }));
    expect(refused[1].errors).toEqual([expect.objectContaining({ code: 'INVALID_JSON' })]);
    expect(refused[2].errors).toEqual([expect.objectContaining({ path: 'entita', code: 'ENTITA_MISMATCH' })]);
    expect(res.body.esiti.find((e: { riga: number }) => e.riga === 15)).toMatchObject({ esito: 'DUPLICATA', entita, id: good[0].id, versione: 1 });
    expect(res.body.esiti.find((e: { riga: number }) => e.riga === 16)).toMatchObject({ esito: 'IN_CONFLITTO', entita, id: good[1].id });
    expect(res.text).not.toContain(F.CITTADINO_CF);
    const accepted = res.body.esiti.filter((e: { esito: string }) => e.esito === 'ACCETTATA');
    expect(accepted.map((e: { id: string }) => e.id)).toEqual(good.map((r) => r.id));
    const published = await running.reader.settled(accepted.flatMap((e: { eventIds: string[] }) => e.eventIds), 10);
    expect(new Set(published.map((m) => m.event.payload!.id))).toEqual(new Set(good.map((r) => r.id)));
  });

  it('marks a stale version within one batch the same as across requests', async () => {
    const id = nextId();
    const res = await batch('puc', [4, 2, 7, 5].map((v) => JSON.stringify(record('puc', id, v))));
    expect(res.body.esiti.map((e: { versione: number; obsoleta?: boolean }) => [e.versione, e.obsoleta ?? false])).toEqual([
      [4, false],
      [2, true],
      [7, false],
      [5, true],
    ]);
  });

  it('refuses a batch over the synchronous limit with 413 naming the file-job route', async () => {
    const tooMany = await batch('puc', Array.from({ length: 301 }, () => JSON.stringify(record('puc', nextId()))));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.detail).toContain('/v1/lotti');
  });
});
