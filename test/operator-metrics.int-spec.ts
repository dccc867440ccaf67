import { PdndStandin, startStandinServer, type StandinServer } from '@fsl/pdnd-standin';
import { appDatabaseUrl, BROKERS, createTestTopics, hiring, isolation, postJson, randomCf, TEST_PSEUDONYM_KEY } from './support/env';
import { startApp, type RunningApp } from './support/processes';

// The figures an operator needs, read from the management listener after real traffic: ingest outcomes
// by source and outcome, problem codes of refused records, produce latency, file jobs queued, answers
// refused by error code, and the access audit's append latency. No codice fiscale in any of it.

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.indexOf('}'));
    if (Object.entries(labels).every(([k, v]) => body.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('operator metrics', () => {
  const { prefix, group } = isolation('operator-metrics');
  const standin = new PdndStandin();
  let pdnd: StandinServer;
  let ingest: RunningApp;
  let api: RunningApp;
  const cfs = [randomCf(), randomCf()];

  beforeAll(async () => {
    await createTestTopics(prefix);
    pdnd = await startStandinServer(standin);
    [ingest, api] = await Promise.all([
      startApp('ingest-co', {
        KAFKA_BROKERS: BROKERS,
        KAFKA_TOPIC_PREFIX: prefix,
        PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
        DATABASE_URL: appDatabaseUrl('fsl_ingest'),
        LOTTI_QUEUE: `${group}-lotti`,
      }),
      startApp('api', { DATABASE_URL: appDatabaseUrl('fsl_api'), PDND_JWKS_URL: pdnd.jwksUrl, PDND_KEYS_API_URL: pdnd.keysApiUrl }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([ingest?.stop(), api?.stop()]);
    await pdnd?.close();
  }, 60_000);

  it('ingest-co: outcomes, problem codes, produce latency, file jobs queued, refusals by code', async () => {
    expect((await postJson(`${ingest.url}/v1/comunicazioni`, hiring(cfs[0]!))).status).toBe(202);
    const bad = { ...hiring(cfs[1]!), inizio: { ...hiring(cfs[1]!).inizio, dataInizio: 'not-a-date' } };
    expect((await postJson(`${ingest.url}/v1/comunicazioni`, bad)).status).toBe(422);

    const text = await (await fetch(ingest.metricsUrl)).text();
    expect(sample(text, 'ingest_records_total', { source: 'co', outcome: 'ACCETTATA' })).toBe(1);
    expect(sample(text, 'ingest_records_total', { source: 'co', outcome: 'RIFIUTATA' })).toBe(1);
    expect(text).toMatch(/^ingest_problems_total\{source="co",code="[A-Z_]+"[^}]*\} 1$/m);
    expect(sample(text, 'kafka_produce_duration_seconds_count', { topic: `${prefix}fsl.co.comunicazioni.v1`, outcome: 'acknowledged' })).toBe(1);
    expect(sample(text, 'ingest_co_file_jobs_queued', {})).toBe(0);
    expect(sample(text, 'ingest_co_file_jobs_queued_stale', {})).toBe(0);
    expect(sample(text, 'http_problems_total', { code: 'VALIDATION_FAILED', status: '422' })).toBe(1);
    for (const cf of cfs) expect(text).not.toContain(cf);
  });

  it('api: the access audit append latency, and refusals by code', async () => {
    const lavorativa = (require('../apps/api/config/eservices.dev.json') as { eservices: { kind: string; eserviceId: string; descriptorId: string }[] }).eservices.find(
      (e) => e.kind === 'cartella-lavorativa',
    )!;
    const voucher = standin.voucher({ claims: { eserviceId: lavorativa.eserviceId, descriptorId: lavorativa.descriptorId } });
    const read = await fetch(`${api.url}/v1/cartelle-lavorative/${cfs[0]}`, { headers: { Authorization: `Bearer ${voucher}` } });
    expect(read.status).toBe(200);
    expect((await fetch(`${api.url}/v1/cartelle-lavorative/${cfs[0]}`)).status).toBe(401);

    const text = await (await fetch(api.metricsUrl)).text();
    expect(sample(text, 'access_audit_append_duration_seconds_count', { result: 'committed' })).toBe(1);
    expect(sample(text, 'http_problems_total', { code: 'VOUCHER_MISSING', status: '401' })).toBe(1);
    expect(text).not.toContain(cfs[0]);
  });
});
