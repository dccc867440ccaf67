import { gepiFixtures as F } from '@fsl/gepi';
import { createTestTopics, isolation } from '../../../test/support/env';
import type { RunningApp } from '../../../test/support/processes';
import { CFS, closedPort, expectUnavailable, ids, ingestEnv, post, record, startIngest } from './support';

// ingest-gepi as a process whose broker cannot be reached (a closed port: nothing is accepted, 503 with
// Retry-After), and hostile requests on its own routes (a 4xx problem+json, never a 500). What libs/http does
// before routing is test/hostile-http.int-spec.ts's; the database outage is the shared ingest's, tested
// through ingest-siisl.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(120_000);

const nextId = ids();
const one = (app: RunningApp, entita: string, body: unknown) => post(`${app.url}/v1/${entita}`, JSON.stringify(body), 'application/json');

describe('ingest-gepi while the broker is unreachable', () => {
  const { prefix } = isolation('ingest-gepi-nobroker');
  let app: RunningApp;
  beforeAll(async () => {
    app = await startIngest(ingestEnv(prefix, { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`, KAFKA_PRODUCE_TIMEOUT_MS: '2000' }));
  });
  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
  });

  it('answers a record and a batch 503 with Retry-After, and accepts nothing: the same record is new, not a duplicate, on the next try', async () => {
    const r = record('pais', nextId());
    expectUnavailable(await one(app, 'pais', r), CFS);
    expectUnavailable(await post(`${app.url}/v1/caso/lotti`, JSON.stringify(record('caso', nextId())), 'application/x-ndjson'), CFS);
    // Still 503, not 202 DUPLICATA: the claim was rolled back with the failed publish.
    expectUnavailable(await one(app, 'pais', r), CFS);
  });
});

describe('ingest-gepi: hostile requests on its routes get a 4xx problem+json', () => {
  const { prefix } = isolation('ingest-gepi-hostile');
  let app: RunningApp;
  beforeAll(async () => {
    await createTestTopics(prefix);
    app = await startIngest(ingestEnv(prefix, { BATCH_MAX_BYTES: '100000', LINE_MAX_BYTES: '5000' }));
  });
  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
  });

  const problem = (res: Awaited<ReturnType<typeof post>>) => [res.status, res.headers.get('content-type')?.split(';')[0], res.body?.code];

  it('refuses JSON nested thousands deep, a huge batch, an over-long line and a record that is not an object', async () => {
    const deep = `{"id":"X","dati":${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}}`;
    const res = await post(`${app.url}/v1/pais`, deep, 'application/json');
    expect([...problem(res), res.body.errors[0].code]).toEqual([422, 'application/problem+json', 'VALIDATION_FAILED', 'JSON_TOO_DEEP']);
    expect(problem(await post(`${app.url}/v1/pais/lotti`, 'x'.repeat(200_000), 'application/x-ndjson'))).toEqual([413, 'application/problem+json', 'PAYLOAD_TOO_LARGE']);
    const long = await post(`${app.url}/v1/caso/lotti`, `{"id":"${'x'.repeat(6000)}"}`, 'application/x-ndjson');
    expect(long.body.esiti).toEqual([{ riga: 1, esito: 'RIFIUTATA', errors: [expect.objectContaining({ code: 'LINE_TOO_LONG' })] }]);
    const list = await post(`${app.url}/v1/caso`, JSON.stringify([record('caso', nextId())]), 'application/json');
    expect([...problem(list), list.body.errors]).toEqual([422, 'application/problem+json', 'VALIDATION_FAILED', [expect.objectContaining({ path: '', code: 'NOT_AN_OBJECT' })]]);
  });

  it('refuses another charset, a compressed body and other content types with 415', async () => {
    expect(problem(await post(`${app.url}/v1/caso`, JSON.stringify(record('caso', nextId())), 'application/json; charset=windows-1252'))).toEqual([415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE']);
    expect(problem(await post(`${app.url}/v1/caso/lotti`, '{}', 'application/x-ndjson', { 'content-encoding': 'gzip' }))).toEqual([415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE']);
    expect(problem(await post(`${app.url}/v1/lotti`, '{}', 'text/plain'))).toEqual([415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('refuses bad JSON without quoting it, and a member named by a CF without echoing it', async () => {
    const bad = await post(`${app.url}/v1/caso`, `${F.RICHIEDENTE_CF} is not JSON`, 'application/json');
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain(F.RICHIEDENTE_CF);
    const member = await post(`${app.url}/v1/pais`, JSON.stringify({ ...record('pais', nextId()), [F.FIGLIO_CF]: 1 }), 'application/json');
    expect(member.status).toBe(422);
    expect(member.body.errors).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_MEMBER' }));
    for (const cf of CFS) expect(member.text).not.toContain(cf);
  });
});
