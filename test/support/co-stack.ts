// The CO path of a suite: ingest-co and the dossier-builder as processes on topics, queue and consumer
// group of their own, and the api in-process with the suite's consumers (apps/api/test/support/harness.ts);
// started before the suite's tests, stopped (cleanly) after them.
import { ingestEnv, startIngest } from '../../apps/ingest-co/test/support';
import { HOOK_TIMEOUT_MS, startApi, type ConsumerSpec, type Harness } from '../../apps/api/test/support/harness';
import { appDatabaseUrl, BROKERS, createTestTopics, isolation } from './env';
import { startApp, type RunningApp } from './processes';

export interface CoStack {
  prefix: string;
  ingest: RunningApp;
  builder: RunningApp;
  api: Harness;
}

export function coStack(label: string, consumers: Record<string, ConsumerSpec>): CoStack {
  const { prefix, group } = isolation(label);
  const stack = { prefix } as CoStack;
  beforeAll(async () => {
    await createTestTopics(prefix);
    [stack.ingest, stack.builder, stack.api] = await Promise.all([
      startIngest(ingestEnv(prefix)),
      startApp('dossier-builder', { KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, DATABASE_URL: appDatabaseUrl('fsl_builder'), CONSUMER_GROUP: group }),
      startApi(consumers),
    ]);
  }, HOOK_TIMEOUT_MS * 2);
  afterAll(async () => {
    await stack.api?.close();
    expect(await stack.builder?.stop()).toBe(0);
    expect(await stack.ingest?.stop()).toBe(0);
  }, HOOK_TIMEOUT_MS);
  return stack;
}
