import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, startApp, type RunningApp } from './support/processes';
import { appDatabaseUrl, createTestTopics, hiring, postJson, randomCf, TEST_PSEUDONYM_KEY, waitFor } from './support/env';

// A broker of its own (ports 19092/19093), so stopping it does not disturb the other suites.
const PORT = '19092';
// Two JVMs start one after the other (the storage format, then the broker): on a busy machine that takes longer
// than the script's default 90 s, which a start from cold is allowed here.
const brokerEnv = { ...process.env, KAFKA_PORT: PORT, KAFKA_CONTROLLER_PORT: '19093', KAFKA_HOME_DIR: join(ROOT, '.kafka', 'test-outage'), KAFKA_START_TIMEOUT: '240' };
const kafkaSh = (cmd: string) => {
  try {
    return execFileSync('bash', [join(ROOT, 'infra', 'kafka', 'kafka.sh'), cmd], { env: brokerEnv, stdio: 'pipe' });
  } catch (err) {
    // What the script said, not only that it failed.
    throw new Error(`kafka.sh ${cmd} failed: ${String((err as { stderr?: Buffer }).stderr ?? err).slice(-2000)}`);
  }
};

describe('ingest while the broker is down', () => {
  let ingest: RunningApp;
  const brokers = `127.0.0.1:${PORT}`;

  beforeAll(async () => {
    kafkaSh('clean');
    kafkaSh('start');
    await createTestTopics('', brokers);
    ingest = await startApp('ingest-co', {
      KAFKA_BROKERS: brokers,
      PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      KAFKA_PRODUCE_TIMEOUT_MS: '3000',
      DATABASE_URL: appDatabaseUrl('fsl_ingest'),
      LOTTI_QUEUE: `outage-${Date.now()}`,
    });
  }, 360000);

  afterAll(async () => {
    await ingest?.stop();
    kafkaSh('clean');
  }, 120000);

  const post = () => postJson(`${ingest.url}/v1/comunicazioni`, hiring(randomCf()));

  it('answers 202 only for acknowledged writes, 503 with Retry-After while the broker is down, and resumes without a restart', async () => {
    expect((await fetch(`${ingest.url}/status`)).status).toBe(200);
    expect((await post()).status).toBe(202);

    kafkaSh('stop');
    const status = await waitFor('status 503', async () => {
      const res = await fetch(`${ingest.url}/status`);
      return res.status === 503 ? res : undefined;
    });
    expect(status.headers.get('retry-after')).toBe('5');
    expect(status.headers.get('content-type')).toContain('application/problem+json');

    const refused = await post();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body.code).toBe('DEPENDENCY_UNAVAILABLE');

    kafkaSh('start');
    const pid = ingest.proc.pid;
    const accepted = await waitFor('a 202 after the restart', async () => ((await post()).status === 202 ? true : undefined), 60000, 1000);
    expect(accepted).toBe(true);
    expect(ingest.proc.pid).toBe(pid);
    expect(ingest.proc.exitCode).toBeNull();
    expect((await fetch(`${ingest.url}/status`)).status).toBe(200);
  }, 420000);
});
