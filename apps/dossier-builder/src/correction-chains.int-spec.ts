import { Pool } from 'pg';
import { coFixtures as F, type Unilav } from '@fsl/co';
import { project, type WorkerState } from '@fsl/cartella-lavorativa';
import { createKafka, DeadLetterPublisher, EventProducer, type KafkaMessage } from '@fsl/kafka';
import { createLogger } from '@fsl/logging';
import { coMessages } from '../../../test/support/co-events';
import { randomCf, randomCodiceComunicazione } from '../../../test/support/env';
import { CoChunkHandler } from './co.handler';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fsl_test';
const logger = createLogger({ service: 'chains-test', level: 'silent' });

// The chain locks under real concurrency: one chunk per partition, all started at once, each in its own
// transaction on its own connection, as the runner does with partitions consumed concurrently. A chain
// of three COs naming three workers (hiring → rettifica to a second CF → rettifica to a third) must end
// whole in every state, whichever transaction runs first, without a deadlock.
describe('correction chains across concurrent partition transactions (real Postgres)', () => {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 6 });
  const producer = new EventProducer(createKafka({ brokers: ['127.0.0.1:9092'], clientId: 'chains-test', logger }), { ackTimeoutMs: 5000, logger });
  const group = `g-chains-${Date.now()}`;
  const topic = `t.chains.${Date.now()}`;
  const handler = new CoChunkHandler(pool, group, new DeadLetterPublisher(producer, 'unused-dlq', group), logger);
  const offsets = new Map<number, number>();

  afterAll(async () => {
    await pool.query('DELETE FROM consumer_offsets WHERE consumer_group = $1', [group]);
    await producer.disconnect();
    await pool.end();
  });

  function chunk(partition: number, co: Unilav) {
    const from = offsets.get(partition) ?? 0;
    offsets.set(partition, from + 1);
    const messages = coMessages(co).map(
      (m, i) => ({ key: null, value: m.value, offset: String(from + i), timestamp: String(Date.parse('2024-03-01T09:00:00Z')), attributes: 0, headers: {} }) as KafkaMessage,
    );
    return handler.processChunk({ topic, partition, messages });
  }
  const state = async (cf: string) =>
    (await pool.query<{ state: WorkerState; pending_since: Date | null }>('SELECT state, pending_since FROM cartella_lavorativa WHERE codice_fiscale = $1', [cf])).rows[0];
  function rettifica(target: Unilav, cf: string, invio: string): Unilav {
    const c = structuredClone(target);
    c.datiInvio = { codiceComunicazione: randomCodiceComunicazione(), tipoComunicazione: '03', dataInvio: invio, codiceComunicazionePrecedente: target.datiInvio.codiceComunicazione };
    c.lavoratore = F.fixtureLavoratore(cf);
    return c;
  }

  it('ends with the whole chain at every worker, the rapporto only at the last one, nothing parked', async () => {
    for (let round = 0; round < 8; round++) {
      const [w1, w2, w3] = [randomCf(), randomCf(), randomCf()];
      const a = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: randomCodiceComunicazione(), tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00Z' }, lavoratore: F.fixtureLavoratore(w1) });
      const r1 = rettifica(a, w2, '2024-02-29T10:00:00Z');
      const r2 = rettifica(r1, w3, '2024-03-01T10:00:00Z');
      const chain = [a, r1, r2];
      // Rotate which CO's transaction is started first; all three run at the same time.
      const order = [0, 1, 2].map((i) => (i + round) % 3);
      await Promise.all(order.map((i) => chunk(i, chain[i])));
      const codes = chain.map((c) => c.datiInvio.codiceComunicazione).sort();
      for (const cf of [w1, w2, w3]) {
        const row = await state(cf);
        expect({ round, cf, codes: Object.keys(row.state.cos).sort(), pending: row.pending_since }).toEqual({ round, cf, codes, pending: null });
        const c = project(row.state, '2024-06-01');
        expect({ round, cf, rapporti: c.rapporti.map((r) => r.id), parked: c.correzioniInAttesa }).toEqual({
          round,
          cf,
          rapporti: cf === w3 ? [a.datiInvio.codiceComunicazione] : [],
          parked: [],
        });
      }
    }
  });
});
