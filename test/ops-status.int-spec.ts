import { coFixtures as F } from '@fsl/co';
import { publishCos } from './support/co-events';
import { appDatabaseUrl, BROKERS, createTestTopics, isolation, randomCf, waitFor } from './support/env';
import { startApp, type RunningApp } from './support/processes';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

// What the apps say about themselves, checked against the real broker and Postgres: /status names what
// is down (the builder's consumer included), within a time limit; /metrics answers on the management
// listener only, and keeps answering while the database hangs.

const TIMEOUT_MS = 120_000;

type Status = { status: number; body: { checks: Record<string, string> } };
async function status(app: RunningApp): Promise<Status> {
  // The limit of the probe itself: an answer that takes longer is a failure of the time limit under test.
  const res = await fetch(`${app.url}/status`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json()) as Status['body'] };
}

async function metrics(app: RunningApp): Promise<string> {
  const res = await fetch(app.metricsUrl, { signal: AbortSignal.timeout(10_000) });
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of an unlabelled-but-for-`service` sample, or undefined when absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const m = new RegExp(`^${name}\\{${labels}[^}]*\\} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

describe('the dossier-builder tells the truth about its consumer', () => {
  const started: RunningApp[] = [];
  afterAll(async () => {
    await Promise.all(started.map((a) => a.stop()));
  }, 60_000);

  it('/status is 503 while the consumer is not running (its topic missing), 200 once it consumes', async () => {
    const { prefix, group } = isolation('status-consumer');
    const builder = await startApp('dossier-builder', {
      KAFKA_BROKERS: BROKERS,
      KAFKA_TOPIC_PREFIX: prefix,
      CONSUMER_GROUP: group,
      DATABASE_URL: appDatabaseUrl('fsl_builder'),
    });
    started.push(builder);
    // Broker and database answer; the consumer cannot subscribe to a topic that does not exist yet.
    const down = await waitFor('kafka and postgres up', async () => {
      const s = await status(builder);
      return s.body.checks.kafka === 'up' && s.body.checks.postgres === 'up' ? s : undefined;
    });
    expect(down).toMatchObject({ status: 503, body: { checks: { consumer: 'down' } } });

    await createTestTopics(prefix);
    const up = await waitFor('the consumer running', async () => ((await status(builder)).status === 200 ? true : undefined), 60_000);
    expect(up).toBe(true);
  }, TIMEOUT_MS);

  describe('while its database hangs', () => {
    let proxy: TcpProxy;
    let builder: RunningApp;
    const { prefix, group } = isolation('status-pg-hang');

    beforeAll(async () => {
      await createTestTopics(prefix);
      proxy = await startTcpProxy(5432);
      const url = new URL(appDatabaseUrl('fsl_builder'));
      url.port = String(proxy.port);
      builder = await startApp('dossier-builder', {
        KAFKA_BROKERS: BROKERS,
        KAFKA_TOPIC_PREFIX: prefix,
        CONSUMER_GROUP: group,
        DATABASE_URL: url.toString(),
        DATABASE_CONNECT_TIMEOUT_MS: '300',
        DATABASE_STATEMENT_TIMEOUT_MS: '1000',
      });
      started.push(builder);
      await waitFor('builder up', async () => ((await status(builder)).status === 200 ? true : undefined), 60_000);
    }, TIMEOUT_MS);

    afterAll(() => proxy?.close());

    it('/status answers 503 naming postgres, /metrics answers with the database gauge marked stale, restarts are counted', async () => {
      const before = await metrics(builder);
      expect(sample(before, 'builder_co_corrections_overdue_stale')).toBe(0);
      expect(sample(before, 'kafka_consumer_restarts_total')).toBeUndefined();

      proxy.hang();
      // A CO the builder cannot apply while Postgres hangs: its batch fails until the consumer crashes.
      await publishCos(prefix, [F.fixtureAssunzione({ lavoratore: F.fixtureLavoratore(randomCf()) })]);

      const s = await status(builder);
      expect(s).toMatchObject({ status: 503, body: { checks: { postgres: 'down', kafka: 'up' } } });

      const during = await metrics(builder);
      expect(sample(during, 'builder_co_corrections_overdue_stale')).toBe(1);
      expect(sample(during, 'process_resident_memory_bytes')).toBeGreaterThan(0);

      const restarts = await waitFor(
        'a consumer restart',
        async () => {
          const n = sample(await metrics(builder), 'kafka_consumer_restarts_total', `group="${group}",`);
          return n !== undefined && n >= 1 ? n : undefined;
        },
        90_000,
        1000,
      );
      expect(restarts).toBeGreaterThanOrEqual(1);
    }, TIMEOUT_MS);
  });
});

describe('/metrics is served on the management listener, not on the public port', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('ingest-siisl', { KAFKA_BROKERS: BROKERS });
  }, TIMEOUT_MS);
  afterAll(() => app?.stop());

  it('public /metrics is a 404 problem; the management listener, on loopback, serves the figures', async () => {
    const pub = await fetch(`${app.url}/metrics`);
    expect(pub.status).toBe(404);
    expect(pub.headers.get('content-type')).toContain('application/problem+json');
    expect(app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(app.metricsUrl).port).not.toBe(new URL(app.url).port);
    expect(sample(await metrics(app), 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
