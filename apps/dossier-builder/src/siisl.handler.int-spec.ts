import type { KafkaMessage } from '@fsl/kafka';
import { siislFixtures as F, type RecordOf } from '@fsl/siisl';
import { randomCf } from '../../../test/support/env';
import { siislMessages, type SiislItem } from '../../../test/support/siisl-events';
import { handlerSuite } from '../../../test/support/handler-kit';
import { SiislChunkHandler } from './siisl.handler';
import type { SiislChunkOutcome } from './siisl.writer';

// Exactly-once at the handler, for the SIISL topic: a chunk Kafka delivers again (rebalance, restart
// before Kafka's commit) is skipped by the stored offset and reaches no fold; the same records sent
// again under new offsets are folded as duplicates and change nothing.
describe('SiislChunkHandler (real Postgres)', () => {
  const { pool, handler, observed, topic } = handlerSuite<SiislChunkHandler, SiislChunkOutcome>('siisl-handler', (...args) => new SiislChunkHandler(...args));

  const chunkAt = (offset: number, items: SiislItem[]) => ({
    topic,
    partition: 0,
    messages: items.flatMap((item) => siislMessages(item)).map((m, i) => ({ ...m, offset: String(offset + i), timestamp: String(Date.now()), attributes: 0 }) as unknown as KafkaMessage),
  });
  const snapshot = async (cfs: string[]) =>
    (
      await pool.query(
        `SELECT d.codice_fiscale, d.version::int, s.state AS sociale, l.state AS lavorativa
           FROM dossier d LEFT JOIN cartella_sociale s USING (codice_fiscale) LEFT JOIN cartella_lavorativa_siisl l USING (codice_fiscale)
          WHERE d.codice_fiscale = ANY($1) ORDER BY d.codice_fiscale`,
        [cfs],
      )
    ).rows;
  const decided = (o: SiislChunkOutcome) => Object.fromEntries([...o.decisions].map(([e, d]) => [e, d]));

  it('a redelivered chunk reaches no fold; re-sent records are duplicates; states and dossier versions stay', async () => {
    const [applicant, member] = [randomCf(), randomCf()];
    const suffix = Date.now().toString(36);
    const measure = F.valid('misura-inclusione') as Extract<RecordOf['misura-inclusione'], { operazione: 'AGGIORNAMENTO' }>;
    const cv = F.valid('curriculum');
    const items: SiislItem[] = [
      { entita: 'misura-inclusione', record: { ...measure, id: `ADI-${suffix}`, codiceFiscale: applicant, dati: { ...measure.dati, nucleo: [{ codiceFiscale: applicant }, { codiceFiscale: member }] } } },
      { entita: 'curriculum', record: { ...cv, id: `CV-${suffix}`, codiceFiscale: applicant } },
    ];

    await handler.processChunk(chunkAt(0, items));
    const first = await snapshot([applicant, member]);
    expect(first.map((r) => [r.codice_fiscale, r.version])).toEqual([[applicant, 2], [member, 1]].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(decided(observed[0])).toEqual({ 'misura-inclusione': { current: 2, stale: 0, duplicate: 0, conflict: 0 }, curriculum: { current: 1, stale: 0, duplicate: 0, conflict: 0 } });

    await handler.processChunk(chunkAt(0, items)); // Kafka delivers the chunk again
    expect(observed).toHaveLength(1);
    await handler.processChunk(chunkAt(3, items)); // the source sends the records again
    expect(decided(observed[1])).toEqual({ 'misura-inclusione': { current: 0, stale: 0, duplicate: 2, conflict: 0 }, curriculum: { current: 0, stale: 0, duplicate: 1, conflict: 0 } });
    expect(observed[1].citizens).toBe(0);
    expect(await snapshot([applicant, member])).toEqual(first);
  });
});
