import { gepiFixtures as F, gepiFromAvro, SUBJECTS, type Entita } from '@fsl/gepi';
import { eventId } from '@fsl/schemas';
import { describeVersionedSource, type Answer } from '../../../test/support/versioned-ingest';
import { casoOfId, CFS, deletion, ENTITA, ids, post, record, suiteIngest } from './support';

// ingest-gepi as a process against the real broker, Postgres and Redis: every entity's record accepted and
// published under its case id, duplicates, conflicts, stale versions, deletions, bad records, mixed batches
// and unknown codes (the cases of every versioned source: test/support/versioned-ingest.ts); document
// versions repeated, out of order and with a gap; ids shaped like a CF.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(180_000);


describe('ingest-gepi: records of every entity, versions, documents, batches', () => {
  const running = suiteIngest('ingest-gepi', { BATCH_MAX_LINES: '300', BATCH_CHUNK_SIZE: '4' });
  const nextId = ids();

  const one = (entita: string, body: unknown, headers: Record<string, string> = {}) => post(`${running.app.url}/v1/${entita}`, JSON.stringify(body), 'application/json', headers);
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

  describeVersionedSource({
    running,
    source: 'gepi',
    conflictCode: 'GEPI_CONFLICT',
    entita: ENTITA,
    nextId,
    record,
    deletion,
    messagesOf: () => 1,
    published: async (entita, res, sent, correlationId) => [await published(entita, res, sent, correlationId)],
    secrets: CFS,
    bad,
    unknownCodes: unknownCode,
    batch: { entita: 'nucleo-caso', spoil: (r) => (r.dati.componenti[2].ruolo = 'ZIO_ACQUISITO'), path: 'dati.componenti[2].ruolo', code: 'INVALID_VALUE', other: 'pais' },
  });

  it('publishes the records of one case under its case id, whatever their entity', async () => {
    const caso = nextId();
    const records = (['caso', 'nucleo-caso', 'pais'] as const).map((entita) => (entita === 'caso' ? record(entita, caso) : { ...record(entita, nextId()), casoId: caso }));
    const answers = await Promise.all(records.map((r, i) => one((['caso', 'nucleo-caso', 'pais'] as const)[i], r)));
    const messages = await running.reader.settled(answers.flatMap((a) => a.body.eventIds as string[]), 3);
    expect(messages.map((m) => m.key)).toEqual([caso, caso, caso]);
    expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
  });
});
