import type { KafkaMessage } from '@fsl/kafka';
import { gepiFixtures as F, type Componente, type RecordOf } from '@fsl/gepi';
import { randomCf } from '../../../test/support/env';
import { gepiMessage, type GepiItem } from '../../../test/support/gepi-events';
import { handlerSuite } from '../../../test/support/handler-kit';
import { GepiChunkHandler } from './gepi.handler';
import type { GepiChunkOutcome } from './gepi.writer';

// Exactly-once at the handler, for the GePI topic: a chunk Kafka delivers again is skipped by the stored
// offset; the same records under new offsets are duplicates and change nothing; and the ownership rows of
// a case are rewritten, not appended to.
describe('GepiChunkHandler (real Postgres)', () => {
  const { pool, handler, observed, stamp, topic } = handlerSuite<GepiChunkHandler, GepiChunkOutcome>('gepi-handler', (...args) => new GepiChunkHandler(...args));

  const chunk = (offset: number, items: GepiItem[]) => ({
    topic,
    partition: 0,
    messages: items.map((item, i) => ({ ...gepiMessage(item), offset: String(offset + i), timestamp: '0', attributes: 0 }) as unknown as KafkaMessage),
  });
  const casoId = `CASO-${stamp}`;
  const member = (codiceFiscale: string, extra: Partial<Componente> = {}): Componente => ({
    codiceFiscale, ruolo: 'RICHIEDENTE', dal: '2024-02-05', condizioni: [], inScala: true, attivabile: true, caricoCura: false, esonerato: false, ...extra,
  });
  const household = (id: string, versione: number, componenti: Componente[]): GepiItem => {
    const r = F.valid('nucleo-caso') as Extract<RecordOf['nucleo-caso'], { operazione: 'AGGIORNAMENTO' }>;
    return { entita: 'nucleo-caso', record: { ...r, id, casoId, versione, dati: { componenti } } };
  };
  const snapshot = async (cfs: string[]) => ({
    caso: (await pool.query('SELECT state, domanda_id, ente_corrente FROM gepi_caso WHERE caso_id = $1', [casoId])).rows,
    cittadini: (await pool.query('SELECT codice_fiscale, dal::text, al::text FROM gepi_caso_cittadino WHERE caso_id = $1 ORDER BY codice_fiscale COLLATE "C"', [casoId])).rows,
    dossier: (await pool.query('SELECT codice_fiscale, version::int FROM dossier WHERE codice_fiscale = ANY($1) ORDER BY codice_fiscale COLLATE "C"', [cfs])).rows,
  });
  const decided = (o: GepiChunkOutcome) => Object.fromEntries(o.decisions);

  it('a redelivered chunk reaches no fold; re-sent records are duplicates; tables and dossier versions stay', async () => {
    const [a, b] = [randomCf(), randomCf()].sort();
    // The same person in two household records of the case from the same day: one row, the longer period.
    const items = [household(`NUC1-${stamp}`, 1, [member(a), member(b, { ruolo: 'FIGLIO', al: '2024-12-31' })]), household(`NUC2-${stamp}`, 1, [member(b, { ruolo: 'FIGLIO' })])];

    await handler.processChunk(chunk(0, items));
    const first = await snapshot([a, b]);
    expect(first.cittadini).toEqual([
      { codice_fiscale: a, dal: '2024-02-05', al: null },
      { codice_fiscale: b, dal: '2024-02-05', al: null },
    ]);
    // No case record yet: the household alone, with no application and no ente.
    expect(first.caso).toEqual([expect.objectContaining({ domanda_id: null, ente_corrente: null })]);
    // a: linked after the first record, and before and after the second; b likewise.
    expect(first.dossier).toEqual([{ codice_fiscale: a, version: 2 }, { codice_fiscale: b, version: 2 }]);
    expect(decided(observed[0])).toEqual({ 'nucleo-caso': { current: 2, stale: 0, duplicate: 0, conflict: 0 } });
    expect([observed[0].casi, observed[0].citizens]).toEqual([1, 2]);

    await handler.processChunk(chunk(0, items)); // Kafka delivers the chunk again
    expect(observed).toHaveLength(1);
    await handler.processChunk(chunk(2, [...items, { entita: 'caso', record: { ...F.valid('caso'), id: casoId } }])); // the source sends them again, then the case
    expect(decided(observed[1])).toEqual({ 'nucleo-caso': { current: 0, stale: 0, duplicate: 2, conflict: 0 }, caso: { current: 1, stale: 0, duplicate: 0, conflict: 0 } });
    const second = await snapshot([a, b]);
    expect(second.cittadini).toEqual(first.cittadini);
    expect(second.caso).toEqual([expect.objectContaining({ domanda_id: F.DOMANDA_ID, ente_corrente: 'LOM_23' })]);
    expect(second.dossier).toEqual([{ codice_fiscale: a, version: 3 }, { codice_fiscale: b, version: 3 }]);
  });
});
