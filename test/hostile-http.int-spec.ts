// What libs/http does with hostile requests, in ingest-siisl and ingest-gepi, each started as a process: the
// body rules apply to every request before routing (here on /status), so every endpoint inherits them
// (ingest-siisl's own routes: apps/ingest-siisl/test/unavailable-and-hostile.int-spec.ts).
import { gzipSync } from 'node:zlib';
import { BROKERS, TEST_PSEUDONYM_KEY } from './support/env';
import { answerBeforeBody } from './support/http-probe';
import { startApp, type RunningApp } from './support/processes';

jest.setTimeout(120_000);

describe.each(['ingest-siisl', 'ingest-gepi'])('%s: hostile requests get a 4xx problem+json', (name) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(name, { KAFKA_BROKERS: BROKERS, PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
  });
  afterAll(async () => {
    expect(await app?.stop()).toBe(0);
  });

  const post = async (body: string, headers: Record<string, string>) => {
    const res = await fetch(`${app.url}/status`, { method: 'POST', headers, body });
    return { status: res.status, type: res.headers.get('content-type')?.split(';')[0], body: (await res.json()) as Record<string, unknown> };
  };

  it('refuses a body over the limit, compressed (a gzip bomb) or in another charset before reading it', async () => {
    const big = await answerBeforeBody(`${app.url}/status`, { 'content-type': 'application/json', 'content-length': String(2 ** 30) });
    expect([big.status, big.type, big.body.code]).toEqual([413, 'application/problem+json', 'PAYLOAD_TOO_LARGE']);
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024), { level: 9 });
    const gz = await answerBeforeBody(`${app.url}/status`, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) }, [bomb.subarray(0, 256)]);
    expect([gz.status, gz.type, gz.body.code]).toEqual([415, 'application/problem+json', 'UNSUPPORTED_MEDIA_TYPE']);
    expect(await post('{}', { 'content-type': 'application/json; charset=windows-1252' })).toMatchObject({ status: 415, type: 'application/problem+json' });
  });

  it('refuses JSON nested thousands deep with a 422, and bad JSON without quoting it', async () => {
    const deep = await post(`[${'['.repeat(3000)}${']'.repeat(3000)}]`, { 'content-type': 'application/json' });
    expect([deep.status, deep.type, (deep.body.errors as { code: string }[])[0].code]).toEqual([422, 'application/problem+json', 'JSON_TOO_DEEP']);
    const bad = await post('RSSMRA45D25F205N is not JSON', { 'content-type': 'application/json' });
    expect([bad.status, bad.type]).toEqual([400, 'application/problem+json']);
    expect(JSON.stringify(bad.body)).not.toMatch(/RSSMRA|is not JSON/);
  });

  it('replaces a CF-shaped correlation id and keeps a plain one', async () => {
    const cf = await fetch(`${app.url}/status`, { headers: { 'x-correlation-id': 'RSSMRA45D25F205N' } });
    const body = (await cf.json()) as { correlationId: string };
    expect(cf.headers.get('x-correlation-id')).not.toBe('RSSMRA45D25F205N');
    expect(body.correlationId).toBe(cf.headers.get('x-correlation-id'));
    const plain = await fetch(`${app.url}/status`, { headers: { 'x-correlation-id': 'probe-1' } });
    expect(plain.headers.get('x-correlation-id')).toBe('probe-1');
    await plain.text();
  });
});
