import { startStandinServer, StandinServer } from './server';
import { PdndStandin } from './standin';

const standin = new PdndStandin();
let server: StandinServer;
beforeAll(async () => {
  server = await startStandinServer(standin);
});
afterAll(() => server.close());

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
};

describe('stand-in server', () => {
  it('listens on loopback on a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
  it('serves the JWKS', async () => {
    expect(await get(server.jwksUrl)).toEqual({ status: 200, type: 'application/json', body: standin.jwks() });
    expect(server.hits.jwks).toBe(1);
  });
  it('serves /keys/{kid}, 404 for unknown kids', async () => {
    expect((await get(`${server.keysApiUrl}/keys/${standin.keys.consumer.kid}`)).body).toEqual(standin.consumerKey(standin.keys.consumer.kid));
    const missing = await get(`${server.keysApiUrl}/keys/unknown`);
    expect(missing).toMatchObject({ status: 404, type: 'application/problem+json' });
  });
  it('can simulate an outage', async () => {
    server.setAvailable(false);
    expect((await get(server.jwksUrl)).status).toBe(503);
    server.setAvailable(true);
    expect((await get(server.jwksUrl)).status).toBe(200);
  });
});
