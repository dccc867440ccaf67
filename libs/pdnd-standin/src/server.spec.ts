import { randomUUID } from 'node:crypto';
import { STANDIN_API_CLIENT_ID, STANDIN_TOKEN_AUDIENCE } from './defaults';
import { signCompact } from './jose-lite';
import { generateKeyPair } from './keys';
import { startStandinServer, StandinServer } from './server';
import { PdndStandin } from './standin';

const standin = new PdndStandin();
let server: StandinServer;
beforeAll(async () => {
  server = await startStandinServer(standin);
});
afterAll(() => server.close());

const get = async (url: string, token?: string) => {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
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
  const assertion = (claims: Record<string, unknown> = {}, key = standin.keys.api) => {
    const iat = standin.nowSeconds();
    const base = { iss: STANDIN_API_CLIENT_ID, sub: STANDIN_API_CLIENT_ID, aud: STANDIN_TOKEN_AUDIENCE, iat, exp: iat + 60, jti: randomUUID(), purposeId: 'p-1' };
    return signCompact({ alg: 'RS256', kid: standin.keys.api.kid, typ: 'JWT' }, { ...base, ...claims }, key.privateKey);
  };
  const token = async (clientAssertion: string) => {
    const body = new URLSearchParams({
      client_id: STANDIN_API_CLIENT_ID,
      client_assertion: clientAssertion,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      grant_type: 'client_credentials',
    });
    const res = await fetch(server.tokenUrl, { method: 'POST', body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('issues a voucher for a client assertion signed with the api client key', async () => {
    const answer = await token(assertion());
    expect(answer).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 600, access_token: expect.any(String) } });
  });
  it.each([
    ['signed with another key', () => assertion({}, generateKeyPair('rsa', 'other'))],
    ['for another audience', () => assertion({ aud: 'auth.interop.pagopa.it/client-assertion' })],
    ['expired', () => assertion({ exp: standin.nowSeconds() - 1 })],
    ['without purposeId', () => assertion({ purposeId: undefined })],
  ])('refuses a client assertion %s', async (_name, make) => {
    expect((await token(make())).status).toBe(400);
  });
  it('serves /keys/{kid} only to a voucher it issued, 404 for unknown kids', async () => {
    const url = `${server.keysApiUrl}/keys/${standin.keys.consumer.kid}`;
    expect(await get(url)).toMatchObject({ status: 401, type: 'application/problem+json' });
    expect((await get(url, standin.voucher())).status).toBe(401);
    const voucher = (await token(assertion())).body.access_token as string;
    expect(await get(url, voucher)).toMatchObject({ status: 200, body: { clientId: standin.clientId, jwk: standin.keys.consumer.publicJwk } });
    expect(await get(`${server.keysApiUrl}/keys/unknown`, voucher)).toMatchObject({ status: 404, type: 'application/problem+json' });
    standin.tokenEndpoint.revokeAll();
    expect((await get(url, voucher)).status).toBe(401);
  });
  it('can simulate an outage', async () => {
    server.setAvailable(false);
    expect((await get(server.jwksUrl)).status).toBe(503);
    server.setAvailable(true);
    expect((await get(server.jwksUrl)).status).toBe(200);
  });
});
