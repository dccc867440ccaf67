import { siislFixtures as F } from '@fsl/siisl';
import { appDatabaseUrl, createTestTopics, isolation } from '../../../test/support/env';
import { answerBeforeBody } from '../../../test/support/http-probe';
import { closedPort, expectUnavailable } from '../../../test/support/ingest';
import { describeBrokerOutage } from '../../../test/support/versioned-ingest';
import type { RunningApp } from '../../../test/support/processes';
import { ids, ingestEnv, post, record, startIngest } from './support';

// ingest-siisl as a process whose broker or database cannot be reached (a closed port: nothing is accepted,
// 503 with Retry-After), and hostile requests on its routes (a 4xx problem+json, never a 500).
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(120_000);

const nextId = ids();
const one = (app: RunningApp, entita: string, body: unknown) => post(`${app.url}/v1/${entita}`, JSON.stringify(body), 'application/json');

const unavailable = (res: Awaited<ReturnType<typeof post>>) => expectUnavailable(res, [F.CITTADINO_CF]);

describeBrokerOutage('ingest-siisl', { env: ingestEnv, start: startIngest }, { entita: 'curriculum', nextId, record, secrets: [F.CITTADINO_CF] });

describe('ingest-siisl while the database is unreachable', () => {
  const { prefix } = isolation('ingest-siisl-nodb');
  let app: RunningApp;
  beforeAll(async () => {
    const url = new URL(appDatabaseUrl('fsl_ingest'));
    url.port = String(await closedPort());
    app = await startIngest(ingestEnv(prefix, { DATABASE_URL: url.toString(), DATABASE_CONNECT_TIMEOUT_MS: '1000' }));
  });
  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
  });

  it('answers a record 503 with Retry-After', async () => {
    unavailable(await one(app, 'puc', record('puc', nextId())));
  });
});

describe('ingest-siisl: hostile requests on its routes get a 4xx problem+json', () => {
  const { prefix } = isolation('ingest-siisl-hostile');
  let app: RunningApp;
  beforeAll(async () => {
    await createTestTopics(prefix);
    app = await startIngest(ingestEnv(prefix, { BATCH_MAX_BYTES: '100000', LINE_MAX_BYTES: '5000' }));
  });
  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
  });

  const problem = (res: Awaited<ReturnType<typeof post>>) => [res.status, res.headers.get('content-type')?.split(';')[0], res.body?.code];

  it('refuses JSON nested thousands deep: 422 for a record, the line refused in a batch', async () => {
    const deep = `{"id":"X","dati":${'['.repeat(2000)}${']'.repeat(2000)}}`; // under LINE_MAX_BYTES
    const res = await post(`${app.url}/v1/curriculum`, deep, 'application/json');
    expect([...problem(res), res.body.errors[0].code]).toEqual([422, 'application/problem+json', 'VALIDATION_FAILED', 'JSON_TOO_DEEP']);
    const batch = await post(`${app.url}/v1/curriculum/lotti`, [deep, JSON.stringify(record('curriculum', nextId()))].join('\n'), 'application/x-ndjson');
    expect(batch.status).toBe(200);
    expect(batch.body.esiti.map((e: { esito: string; errors?: { code: string }[] }) => [e.esito, e.errors?.[0]?.code])).toEqual([
      ['RIFIUTATA', 'JSON_TOO_DEEP'],
      ['ACCETTATA', undefined],
    ]);
  });

  it('refuses a body over the limit before reading it (413), a huge batch (413) and an over-long line (its own refusal)', async () => {
    const big = await answerBeforeBody(`${app.url}/v1/curriculum`, { 'content-type': 'application/json', 'content-length': String(2 ** 30) });
    expect([big.status, big.type, big.body.code]).toEqual([413, 'application/problem+json', 'PAYLOAD_TOO_LARGE']);
    const huge = await post(`${app.url}/v1/curriculum/lotti`, 'x'.repeat(200_000), 'application/x-ndjson');
    expect(problem(huge)).toEqual([413, 'application/problem+json', 'PAYLOAD_TOO_LARGE']);
    const long = await post(`${app.url}/v1/curriculum/lotti`, `{"id":"${'x'.repeat(6000)}"}`, 'application/x-ndjson');
    expect(long.body.esiti).toEqual([{ riga: 1, esito: 'RIFIUTATA', errors: [expect.objectContaining({ code: 'LINE_TOO_LONG' })] }]);
  });

  it('refuses another charset, a compressed body and an unsupported content type with 415', async () => {
    expect(problem(await post(`${app.url}/v1/puc`, JSON.stringify(record('puc', nextId())), 'application/json; charset=windows-1252'))).toEqual([
      415,
      'application/problem+json',
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    expect(problem(await post(`${app.url}/v1/puc/lotti`, '{}', 'application/x-ndjson', { 'content-encoding': 'gzip' }))).toEqual([415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE']);
    expect(problem(await post(`${app.url}/v1/puc`, '<puc/>', 'application/xml'))).toEqual([415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE']);
    expect(problem(await post(`${app.url}/v1/lotti`, '{}', 'text/plain'))).toEqual([415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('refuses bad JSON without quoting it, and a record that is not an object, naming no personal value', async () => {
    const bad = await post(`${app.url}/v1/puc`, `${F.CITTADINO_CF} is not JSON`, 'application/json');
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain(F.CITTADINO_CF);
    const list = await post(`${app.url}/v1/puc`, JSON.stringify([record('puc', nextId())]), 'application/json');
    expect([...problem(list), list.body.errors]).toEqual([422, 'application/problem+json', 'VALIDATION_FAILED', [expect.objectContaining({ path: '', code: 'NOT_AN_OBJECT' })]]);
    expect(list.text).not.toContain(F.CITTADINO_CF);
    const member = await post(`${app.url}/v1/puc`, JSON.stringify({ ...record('puc', nextId()), [F.CITTADINO_CF]: 1 }), 'application/json');
    expect(member.status).toBe(422);
    expect(member.body.errors).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_MEMBER' }));
    expect(member.text).not.toContain(F.CITTADINO_CF);
  });
});
