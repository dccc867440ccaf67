import { gepiFixtures as F, gepiFromAvro, SUBJECTS, type Entita } from '@fsl/gepi';
import { eventId } from '@fsl/schemas';
import { waitFor } from '../../../test/support/env';
import { unknownCodesMetric } from '../../../test/support/ingest';
import { casoOfId, CFS, deletion, ENTITA, ids, post, record, suiteIngest } from './support';

// ingest-gepi as a process against the real broker, Postgres and Redis: every entity's record accepted and
// published under its case id, duplicates, conflicts, stale versions, deletions, document versions (repeated,
// out of order, with a gap), bad records, mixed batches and unknown codes.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(180_000);

type Answer = Awaited<ReturnType<typeof post>>;
type Line = { riga: number; esito: string; id?: string; versione?: number; obsoleta?: boolean; eventIds?: string[]; errors?: { path: string; code: string }[] };

describe('ingest-gepi: records of every entity, versions, documents, batches', () => {
  const running = suiteIngest('ingest-gepi', { BATCH_MAX_LINES: '300', BATCH_CHUNK_SIZE: '4' });
  const nextId = ids();

  const one = (entita: string, body: unknown, headers: Record<string, string> = {}) => post(`${running.app.url}/v1/${entita}`, JSON.stringify(body), 'application/json', headers);
  const batch = (entita: string, lines: string[]) => post(`${running.app.url}/v1/${entita}/lotti`, lines.join('\n'), 'application/x-ndjson');
  const noCf = (text: string) => {
    for (const cf of CFS) expect(text).not.toContain(cf);
  };

  /** The record's one event on the topic, keyed by its case id, decoding back to what was sent. */
  async function published(entita: Entita, res: Answer, sent: object, correlationId?: string) {
    const r = sent as { id: string; versione: number; operazione: string };
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ riga: 1, esito: 'ACCETTATA', entita, id: r.id, versione: r.versione });
    expect(res.body.eventIds).toEqual([eventId('GEPI', `${entita}:${r.id}`, r.versione)]);
    const messages = await running.reader.settled(res.body.eventIds, 1, 300);
    expect(messages).toHaveLength(1);
    const [m] = messages;
    expect(m.key).toBe(casoOfId(entita, r.id));
    expect([m.subject, m.headers['schema-subject'], m.headers['event-id']]).toEqual([SUBJECTS[entita], SUBJECTS[entita], res.body.eventIds[0]]);
    if (correlationId) expect([m.headers['correlation-id'], m.event.header.correlationId]).toEqual([correlationId, correlationId]);
    expect(m.event.header).toMatchObject({
      sourceSystem: 'GEPI',
      sourceRecordId: `${entita}/${r.id}`,
      sourceVersion: r.versione,
      operation: r.operazione === 'ELIMINAZIONE' ? 'VOID' : 'UPSERT',
    });
    expect(gepiFromAvro(entita, m.event.payload as never).record).toEqual(sent);
    // CFs travel in the payload only.
    noCf(m.key);
    noCf(JSON.stringify(m.headers));
    noCf(JSON.stringify(m.event.header));
    return m;
  }

  describe.each(ENTITA)('%s', (entita) => {
    it('accepts a record after Kafka acknowledged it, with its event under the case id, its subject and correlation id', async () => {
      const r = record(entita, nextId());
      await published(entita, await one(entita, r, { 'X-Correlation-Id': `gepi-${entita}` }), r, `gepi-${entita}`);
    });

    it('answers a re-sent version DUPLICATA with no second message, and other content under the same version 409', async () => {
      const r = record(entita, nextId());
      const first = await one(entita, r);
      expect(first.status).toBe(202);
      const again = await one(entita, structuredClone(r));
      expect([again.status, again.body]).toEqual([202, expect.objectContaining({ esito: 'DUPLICATA', entita, id: r.id, versione: 1, eventIds: first.body.eventIds })]);
      const changed = await one(entita, { ...r, aggiornatoIl: '2025-03-10T09:31:00+01:00' });
      expect(changed.status).toBe(409);
      expect(changed.headers.get('content-type')).toContain('application/problem+json');
      expect(changed.body).toMatchObject({ code: 'GEPI_CONFLICT', errors: [expect.objectContaining({ path: 'versione', code: 'VERSIONE_GIA_ACCETTATA' })] });
      noCf(changed.text);
      expect(await running.reader.settled(first.body.eventIds, 1)).toHaveLength(1);
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

  it.each(['analisi-preliminare', 'quadro-analisi', 'pais'] as const)(
    '%s: a document version repeated, out of order and after a gap is accepted, each version published with its number',
    async (entita) => {
      const id = nextId();
      /** Record version v of the document, carrying document version n. */
      const doc = (v: number, n: number) => {
        const r = record(entita, id, v) as { dati: { numeroVersione: number } };
        r.dati.numeroVersione = n;
        return r;
      };
      const first = await one(entita, doc(1, 1));
      expect(first.body).toMatchObject({ esito: 'ACCETTATA', versione: 1 });
      // The same version again: nothing new.
      expect((await one(entita, doc(1, 1))).body).toMatchObject({ esito: 'DUPLICATA', eventIds: first.body.eventIds });
      // Version 4 with versions 2 and 3 missing: accepted as it is (the gap is the projection's to show).
      const afterGap = await one(entita, doc(4, 4));
      expect(afterGap.body).toMatchObject({ esito: 'ACCETTATA', versione: 4 });
      expect(afterGap.body.obsoleta).toBeUndefined();
      // Version 2, arriving after 4: accepted for the history, reported obsoleta.
      const late = doc(2, 2);
      const lateRes = await one(entita, late);
      expect(lateRes.body).toMatchObject({ esito: 'ACCETTATA', versione: 2, obsoleta: true });
      const numero = (m: { event: { payload: unknown } }) => (m.event.payload as { dati: { numeroVersione: number } }).dati.numeroVersione;
      expect(numero(await published(entita, lateRes, late))).toBe(2);
      const all = await running.reader.settled([first, afterGap, lateRes].flatMap((r) => r.body.eventIds as string[]), 3);
      expect(all.map(numero).sort()).toEqual([1, 2, 4]);
    },
  );

  const bad: [Entita, (r: Record<string, any>) => void, string][] = [
    ['caso', (r) => (r.dati.stato = 'TRASFERITO'), 'dati.stato'],
    ['nucleo-caso', (r) => (r.dati.componenti[1].codiceFiscale = `${F.FIGLIO_CF.slice(0, 15)}${F.FIGLIO_CF[15] === 'A' ? 'B' : 'A'}`), 'dati.componenti[1].codiceFiscale'],
    ['analisi-preliminare', (r) => (r.dati.esito = 'FORSE'), 'dati.esito'],
    ['quadro-analisi', (r) => (r.dati.dimensioni[0].livello = 'ALTISSIMO'), 'dati.dimensioni[0].livello'],
    ['equipe-multidisciplinare', (r) => (r.dati.componenti[1].organizzazione.tipo = 'BANCA'), 'dati.componenti[1].organizzazione.tipo'],
    ['pais', (r) => (r.dati.statoDocumento = 'FINALE'), 'dati.statoDocumento'],
    ['partecipazione-puc', (r) => (r.dati.oreSettimanali = 50), 'dati.oreSettimanali'],
    ['pad-nucleo', (r) => (r.dati.componenti[0].percorso = 'ALTRO'), 'dati.componenti[0].percorso'],
  ];

  it.each(bad)('%s: refuses a bad record with 422 problem+json naming the field, without personal values', async (entita, spoil, path) => {
    const r = record(entita, nextId()) as unknown as Record<string, any>;
    spoil(r);
    const res = await one(entita, r);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path, code: expect.stringMatching(/^[A-Z_]+$/) }));
    noCf(res.text);
    if (entita === 'nucleo-caso') expect(res.text).not.toContain(r.dati.componenti[1].codiceFiscale);
  });

  it('refuses a record or case id shaped like a codice fiscale (they are keys and headers), an unknown entity 404, other media types 415', async () => {
    const cfId = await one('caso', record('caso', F.RICHIEDENTE_CF));
    expect([cfId.status, cfId.body.errors]).toEqual([422, [expect.objectContaining({ path: 'id', code: 'ID_SHAPED_LIKE_CF' })]]);
    const cfCase = await one('pais', { ...record('pais', nextId()), casoId: F.FIGLIO_CF });
    expect([cfCase.status, cfCase.body.errors]).toEqual([422, [expect.objectContaining({ path: 'casoId', code: 'ID_SHAPED_LIKE_CF' })]]);
    const numeric = await one('pais', { ...record('pais', nextId()), casoId: '12345678901' });
    expect([numeric.status, numeric.body.errors]).toEqual([422, [expect.objectContaining({ path: 'casoId', code: 'ID_SHAPED_LIKE_CF' })]]);
    noCf(cfId.text + cfCase.text);
    expect(numeric.text).not.toContain('12345678901');
    const unknown = await one('cartella', record('caso', nextId()));
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ENTITA_NOT_FOUND']);
    expect((await post(`${running.app.url}/v1/caso`, 'x', 'text/plain')).status).toBe(415);
    expect((await post(`${running.app.url}/v1/caso/lotti`, '{}', 'application/json')).status).toBe(415);
  });

  const unknownCode: [Entita, (r: Record<string, any>) => void, string, string, string][] = [
    ['pais', (r) => (r.dati.sostegni[2].tipo = 'SOSTEGNO_SPERIMENTALE'), 'dati.sostegni[2].tipo', 'tipoSostegno', 'SOSTEGNO_SPERIMENTALE'],
    ['pais', (r) => (r.dati.impegni[0].tipo = 'IMPEGNO_SPERIMENTALE'), 'dati.impegni[0].tipo', 'tipoImpegno', 'IMPEGNO_SPERIMENTALE'],
    ['partecipazione-puc', (r) => (r.dati.comune = 'Z999'), 'dati.comune', 'belfiore', 'Z999'],
    ['pad-nucleo', (r) => (r.dati.atsCompetente = 'LOM_77'), 'dati.atsCompetente', 'ambitoTerritoriale', 'LOM_77'],
  ];

  it.each(unknownCode)('%s: accepts a well-formed code the table does not know, with its warning, and counts it once', async (entita, set, path, tabella, codice) => {
    const count = () => unknownCodesMetric(running.app.metricsUrl, 'gepi', tabella, codice);
    const before = await count();
    const r = record(entita, nextId()) as unknown as Record<string, any>;
    set(r);
    const res = await one(entita, r);
    expect(res.status).toBe(202);
    expect(res.body.avvisi).toContainEqual({ path, code: 'CODE_UNKNOWN', message: expect.any(String), tabella, codice });
    await published(entita, res, r);
    await waitFor('the unknown code counted', async () => ((await count()) === before + 1 ? true : undefined));
    expect((await one(entita, r)).body).toMatchObject({ esito: 'DUPLICATA', avvisi: expect.arrayContaining([expect.objectContaining({ code: 'CODE_UNKNOWN', codice })]) });
    expect(await count()).toBe(before + 1);
  });

  it('keeps every good line of a mixed NDJSON batch and reports the bad ones by line number, naming the field', async () => {
    const entita = 'nucleo-caso';
    const good = Array.from({ length: 8 }, () => record(entita, nextId()));
    const lines = good.map((r) => JSON.stringify(r));
    const badMember = record(entita, nextId()) as unknown as Record<string, any>;
    badMember.dati.componenti[2].ruolo = 'ZIO_ACQUISITO';
    lines.splice(1, 0, JSON.stringify(badMember)); // line 2
    lines.splice(4, 0, '{"id":'); // line 5
    lines.splice(6, 0, ''); // line 7: blank, skipped
    lines.splice(8, 0, JSON.stringify({ ...good[5], entita: 'pais' })); // line 9: another entity than the route's
    lines.push(JSON.stringify({ ...good[0], entita })); // line 13: line 1 again, naming its entity
    lines.push(JSON.stringify({ ...good[1], aggiornatoIl: '2025-03-10T09:31:00+01:00' })); // line 14: same version, other content
    const res = await batch(entita, lines);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ righe: 13, accettate: 8, duplicate: 1, rifiutate: 3, inConflitto: 1 });
    const esiti = res.body.esiti as Line[];
    const refused = esiti.filter((e) => e.esito === 'RIFIUTATA');
    expect(refused.map((e) => e.riga)).toEqual([2, 5, 9]);
    expect(refused[0].errors).toContainEqual(expect.objectContaining({ path: 'dati.componenti[2].ruolo', code: 'INVALID_VALUE' }));
    expect(refused[1].errors).toEqual([expect.objectContaining({ code: 'INVALID_JSON' })]);
    expect(refused[2].errors).toEqual([expect.objectContaining({ path: 'entita', code: 'ENTITA_MISMATCH' })]);
    expect(esiti.find((e) => e.riga === 13)).toMatchObject({ esito: 'DUPLICATA', id: good[0].id, versione: 1 });
    expect(esiti.find((e) => e.riga === 14)).toMatchObject({ esito: 'IN_CONFLITTO', id: good[1].id });
    noCf(res.text);
    const accepted = esiti.filter((e) => e.esito === 'ACCETTATA');
    expect(accepted.map((e) => e.id)).toEqual(good.map((r) => r.id));
    const published = await running.reader.settled(accepted.flatMap((e) => e.eventIds!), 8);
    expect(published.map((m) => m.key).sort()).toEqual(good.map((r) => r.casoId).sort());
  });

  it('marks a stale version within one batch the same as across requests', async () => {
    const id = nextId();
    const res = await batch('caso', [4, 2, 7, 5].map((v) => JSON.stringify(record('caso', id, v))));
    expect((res.body.esiti as Line[]).map((e) => [e.versione, e.obsoleta ?? false])).toEqual([
      [4, false],
      [2, true],
      [7, false],
      [5, true],
    ]);
  });

  it('refuses a batch over the synchronous limit with 413 naming the file-job route', async () => {
    const tooMany = await batch('caso', Array.from({ length: 301 }, () => JSON.stringify(record('caso', nextId()))));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.detail).toContain('/v1/lotti');
  });
});
