import { gepiFixtures as F } from '@fsl/gepi';
import { describeBrokerOutage } from '../../../test/support/versioned-ingest';
import { CFS, ids, ingestEnv, post, record, startIngest, suiteIngest } from './support';

// ingest-gepi as a process whose broker cannot be reached (a closed port: nothing is accepted, 503 with
// Retry-After), and hostile requests on its own routes (a 4xx problem+json, never a 500). What libs/http does
// before routing is test/hostile-http.int-spec.ts's; the database outage is the shared ingest's, tested
// through ingest-siisl.
// testTimeout in a jest project config is ignored (it is a global option): set it here.
jest.setTimeout(120_000);

const nextId = ids();

describeBrokerOutage('ingest-gepi', { env: ingestEnv, start: startIngest }, { entita: 'pais', nextId, record, secrets: CFS });

describe('ingest-gepi: hostile requests on its routes get a 4xx problem+json', () => {
  const running = suiteIngest('ingest-gepi-hostile', { BATCH_MAX_BYTES: '100000', LINE_MAX_BYTES: '5000' });
  const url = (path: string) => `${running.app.url}${path}`;
  const problem = (res: Awaited<ReturnType<typeof post>>) => [res.status, res.headers.get('content-type')?.split(';')[0], res.body?.code];
  const PROBLEM_415 = [415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE'];

  it('refuses JSON nested thousands deep, a huge batch, an over-long line and a record that is not an object', async () => {
    const deep = await post(url('/v1/pais'), `{"id":"X","dati":${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}}`, 'application/json');
    expect([...problem(deep), deep.body.errors[0].code]).toEqual([422, 'application/problem+json', 'VALIDATION_FAILED', 'JSON_TOO_DEEP']);
    expect(problem(await post(url('/v1/pais/lotti'), 'x'.repeat(200_000), 'application/x-ndjson'))).toEqual([413, 'application/problem+json', 'PAYLOAD_TOO_LARGE']);
    const long = await post(url('/v1/caso/lotti'), `{"id":"${'x'.repeat(6000)}"}`, 'application/x-ndjson');
    expect(long.body.esiti).toEqual([{ riga: 1, esito: 'RIFIUTATA', errors: [expect.objectContaining({ code: 'LINE_TOO_LONG' })] }]);
    const list = await post(url('/v1/caso'), JSON.stringify([record('caso', nextId())]), 'application/json');
    expect([...problem(list), list.body.errors]).toEqual([422, 'application/problem+json', 'VALIDATION_FAILED', [expect.objectContaining({ path: '', code: 'NOT_AN_OBJECT' })]]);
  });

  it('refuses another charset, a compressed body and other content types with 415', async () => {
    expect(problem(await post(url('/v1/caso'), JSON.stringify(record('caso', nextId())), 'application/json; charset=windows-1252'))).toEqual(PROBLEM_415);
    expect(problem(await post(url('/v1/caso/lotti'), '{}', 'application/x-ndjson', { 'content-encoding': 'gzip' }))).toEqual(PROBLEM_415);
    expect(problem(await post(url('/v1/lotti'), '{}', 'text/plain'))).toEqual(PROBLEM_415);
  });

  it('refuses bad JSON without quoting it, and a member named by a CF without echoing it', async () => {
    const bad = await post(url('/v1/caso'), `${F.RICHIEDENTE_CF} is not JSON`, 'application/json');
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain(F.RICHIEDENTE_CF);
    const member = await post(url('/v1/pais'), JSON.stringify({ ...record('pais', nextId()), [F.FIGLIO_CF]: 1 }), 'application/json');
    expect(member.status).toBe(422);
    expect(member.body.errors).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_MEMBER' }));
    for (const cf of CFS) expect(member.text).not.toContain(cf);
  });
});
