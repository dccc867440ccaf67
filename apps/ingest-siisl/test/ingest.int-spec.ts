import { eventId } from '@fsl/schemas';
import { siislFixtures as F, siislFromAvro, SUBJECTS, type Entita } from '@fsl/siisl';
import { describeVersionedSource, type Answer } from '../../../test/support/versioned-ingest';
import { CITIZENS, deletion, ENTITA, ids, keyOf, post, record, suiteIngest } from './support';

// ingest-siisl as a process against the real broker, Postgres and Redis: every entity's record accepted
// and published, duplicates, conflicts, stale versions, deletions, bad records, batches and unknown codes
// (the cases of every versioned source: test/support/versioned-ingest.ts), ids shaped like a CF.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(180_000);

/** Well-formed, and not in the shipped (synthetic) ESCO table. */
const ESCO_UNKNOWN = 'http://data.europa.eu/esco/skill/11111111-2222-4333-8444-555555555555';

describe('ingest-siisl: records of every entity, versions, batches', () => {
  const running = suiteIngest('ingest-siisl', { BATCH_MAX_LINES: '300', BATCH_CHUNK_SIZE: '4' });
  const nextId = ids();

  const one = (entita: string, body: unknown, headers: Record<string, string> = {}) => post(`${running.app.url}/v1/${entita}`, JSON.stringify(body), 'application/json', headers);

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

  it('refuses an id shaped like a codice fiscale (ids travel in headers), an unknown entity with 404 and other media types with 415', async () => {
    const res = await one('puc', record('puc', F.CITTADINO_CF));
    expect([res.status, res.body.errors]).toEqual([422, [expect.objectContaining({ path: 'id', code: 'ID_SHAPED_LIKE_CF' })]]);
    expect(res.text).not.toContain(F.CITTADINO_CF);
    const unknown = await one('cartella', record('puc', nextId()));
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ENTITA_NOT_FOUND']);
    expect((await post(`${running.app.url}/v1/puc`, 'x', 'text/plain')).status).toBe(415);
    expect((await post(`${running.app.url}/v1/puc/lotti`, '{}', 'application/json')).status).toBe(415);
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

  const unknownCode: [Entita, (r: Record<string, any>) => void, string, string, string][] = [
    ['curriculum', (r) => (r.dati.competenze[0].escoUri = ESCO_UNKNOWN), 'dati.competenze[0].escoUri', 'esco', ESCO_UNKNOWN],
    ['offerta-lavoro', (r) => (r.dati.competenzeRichieste[0].escoUri = ESCO_UNKNOWN), 'dati.competenzeRichieste[0].escoUri', 'esco', ESCO_UNKNOWN],
    ['corso', (r) => (r.dati.competenze[0].escoUri = ESCO_UNKNOWN), 'dati.competenze[0].escoUri', 'esco', ESCO_UNKNOWN],
    ['puc', (r) => (r.dati.comune = 'Z999'), 'dati.comune', 'belfiore', 'Z999'],
  ];

  describeVersionedSource({
    running,
    source: 'siisl',
    conflictCode: 'SIISL_CONFLICT',
    entita: ENTITA,
    nextId,
    record,
    deletion,
    messagesOf: (entita) => Math.max(1, CITIZENS[entita].length),
    published,
    secrets: [F.CITTADINO_CF, F.FAMILIARE_CF],
    bad,
    unknownCodes: unknownCode,
    batch: { entita: 'iscrizione', spoil: (r) => (r.dati.eventi[1].tipo = 'SOSPESO'), path: 'dati.eventi[1].tipo', code: 'INVALID_VALUE', other: 'corso' },
  });
});
