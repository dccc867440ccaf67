import { Pool } from 'pg';
import { createKafka, DeadLetterPublisher, EventProducer } from '@fsl/kafka';
import { createLogger, type Logger } from '@fsl/logging';
import { BROKERS, DATABASE_URL } from './env';

/**
 * A builder chunk handler on the real database, under a group and topic name of its own, for the
 * describe block it is called in: what each chunk applied is collected in `observed`; the group's stored
 * offsets are removed afterwards. Chunks are handed to it directly (no broker read).
 */
export function handlerSuite<H, O>(label: string, make: (pool: Pool, group: string, deadLetters: DeadLetterPublisher, logger: Logger, metrics: { observe(outcome: O): void }) => H) {
  const logger = createLogger({ service: `${label}-test`, level: 'silent' });
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  const producer = new EventProducer(createKafka({ brokers: BROKERS.split(','), clientId: `${label}-test`, logger }), { ackTimeoutMs: 5000, logger });
  const stamp = Date.now().toString(36);
  const group = `g-${label}-${stamp}`;
  const observed: O[] = [];
  const handler = make(pool, group, new DeadLetterPublisher(producer, 'unused-dlq', group), logger, { observe: (o) => observed.push(o) });
  afterAll(async () => {
    await pool.query('DELETE FROM consumer_offsets WHERE consumer_group = $1', [group]);
    await producer.disconnect();
    await pool.end();
  });
  return { pool, handler, observed, stamp, topic: `t.${label}.${stamp}` };
}
