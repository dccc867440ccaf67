import { Pool } from 'pg';
import { coFixtures as F } from '@fsl/co';
import { createKafka, DeadLetterPublisher, EventProducer, type KafkaMessage } from '@fsl/kafka';
import { createLogger } from '@fsl/logging';
import { coMessages } from '../../../test/support/co-events';
import { randomCf } from '../../../test/support/env';
import { CoChunkHandler } from './co.handler';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fsl_test';
const logger = createLogger({ service: 'handler-test', level: 'silent' });

// Exactly-once effects at the handler: Kafka redelivers a chunk (rebalance, restart before the Kafka
// commit) and the cartella does not change; the same CO re-sent under new offsets changes nothing either.
describe('CoChunkHandler (real Postgres)', () => {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  const producer = new EventProducer(createKafka({ brokers: ['127.0.0.1:9092'], clientId: 'handler-test', logger }), { ackTimeoutMs: 5000, logger });
  const group = `g-handler-${Date.now()}`;
  const topic = `t.handler.${Date.now()}`;
  const handler = new CoChunkHandler(pool, group, new DeadLetterPublisher(producer, 'unused-dlq', group), logger);

  afterAll(async () => {
    await pool.query('DELETE FROM consumer_offsets WHERE consumer_group = $1', [group]);
    await producer.disconnect();
    await pool.end();
  });

  const asMessages = (values: Buffer[], from: number): KafkaMessage[] =>
    values.map((value, i) => ({ key: null, value, offset: String(from + i), timestamp: String(Date.parse('2024-03-01T09:00:00Z')), attributes: 0, headers: {} }) as KafkaMessage);
  const row = async (cf: string) =>
    (await pool.query<{ version: string; state: unknown; dossier: string }>(
      'SELECT c.version, c.state, d.version AS dossier FROM cartella_lavorativa c JOIN dossier d USING (codice_fiscale) WHERE c.codice_fiscale = $1',
      [cf],
    )).rows[0];

  it('applies a chunk once: a redelivered chunk and a re-sent CO leave state and versions unchanged', async () => {
    const cf = randomCf();
    const hire = F.fixtureAssunzione({ lavoratore: F.fixtureLavoratore(cf) });
    const proroga = { ...structuredClone(hire), tipoEvento: 'PRO' as const, datiInvio: { ...hire.datiInvio, codiceComunicazione: F.fixtureCodice() }, proroga: { dataFineProroga: '2024-12-31' } };
    const values = [...coMessages(hire), ...coMessages(proroga)].map((m) => m.value);

    await handler.processChunk({ topic, partition: 0, messages: asMessages(values, 0) });
    const first = await row(cf);
    expect([Number(first.version), Number(first.dossier)]).toEqual([2, 2]);

    await handler.processChunk({ topic, partition: 0, messages: asMessages(values, 0) }); // redelivery
    await handler.processChunk({ topic, partition: 0, messages: asMessages(values, 2) }); // re-sent by the source
    const after = await row(cf);
    expect([Number(after.version), Number(after.dossier)]).toEqual([2, 2]);
    expect(after.state).toEqual(first.state);
  });
});
