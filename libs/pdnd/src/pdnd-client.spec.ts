// Our own PDND voucher against the stand-in's token endpoint: asked once, reused, renewed before it
// expires and when PDND refuses it.
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { PdndStandin, startStandinServer, type StandinServer } from '@fsl/pdnd-standin';
import { authenticatedFetchJson, loadClientPrivateKey, PdndClientError, PdndClientVoucher, type PdndClientOptions } from './pdnd-client';

const clock = { now: Date.UTC(2026, 2, 16, 9, 30, 0) };
const standin = new PdndStandin({ now: () => clock.now, apiVoucherLifetimeSeconds: 300 });
let server: StandinServer;
beforeAll(async () => {
  server = await startStandinServer(standin);
});
afterAll(() => server.close());

function options(overrides: Partial<PdndClientOptions> = {}): PdndClientOptions {
  const env = standin.apiClientEnv(server.url);
  return {
    tokenUrl: env.PDND_TOKEN_URL!,
    clientId: env.PDND_CLIENT_ID!,
    keyId: env.PDND_CLIENT_KEY_ID!,
    privateKey: createPrivateKey(env.PDND_CLIENT_PRIVATE_KEY!),
    purposeId: env.PDND_CLIENT_PURPOSE_ID!,
    assertionAudience: env.PDND_TOKEN_AUDIENCE!,
    now: () => clock.now,
    ...overrides,
  };
}
const keyUrl = () => `${server.keysApiUrl}/keys/${standin.keys.consumer.kid}`;

describe('PdndClientVoucher', () => {
  it('the client assertion carries what PDND checks: kid, RS256, iss = sub = client id, aud, jti, purposeId, iat/exp', async () => {
    const o = options();
    const [h, p] = (await new PdndClientVoucher(o).clientAssertion()).split('.').slice(0, 2).map((s) => JSON.parse(Buffer.from(s!, 'base64url').toString()));
    expect(h).toEqual({ alg: 'RS256', kid: o.keyId, typ: 'JWT' });
    expect(p).toEqual({
      iss: o.clientId,
      sub: o.clientId,
      aud: o.assertionAudience,
      purposeId: o.purposeId,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iat: clock.now / 1000,
      exp: clock.now / 1000 + 60,
    });
  });

  it('asks once, shares the request between concurrent callers, reuses the voucher, renews it 60 s before it expires', async () => {
    const before = server.hits.token;
    const client = new PdndClientVoucher(options());
    const [a, b] = await Promise.all([client.get(), client.get()]);
    expect(a).toBe(b);
    clock.now += 239_000;
    expect(await client.get()).toBe(a);
    expect(server.hits.token - before).toBe(1);
    clock.now += 1_000;
    expect(await client.get()).not.toBe(a);
    expect(server.hits.token - before).toBe(2);
  });

  it('a refused assertion (key not registered on the client) is an error naming the status only', async () => {
    const client = new PdndClientVoucher(options({ privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }));
    await expect(client.get()).rejects.toEqual(new PdndClientError('PDND token endpoint answered 400'));
  });
});

describe('authenticatedFetchJson', () => {
  it('presents the voucher; on a 401 (voucher revoked) asks for a new one and retries once', async () => {
    const client = new PdndClientVoucher(options());
    const fetchJson = authenticatedFetchJson(client);
    expect((await fetchJson(keyUrl())).status).toBe(200);
    const tokens = server.hits.token;
    standin.tokenEndpoint.revokeAll();
    const refusedBefore = server.hits.keysRefused;
    expect(await fetchJson(keyUrl())).toMatchObject({ status: 200, body: { clientId: standin.clientId } });
    expect({ newVouchers: server.hits.token - tokens, refused: server.hits.keysRefused - refusedBefore }).toEqual({ newVouchers: 1, refused: 1 });
  });
});

describe('loadClientPrivateKey', () => {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  it('reads inline PEM; refuses both or neither, non-keys, weak and non-RSA keys without quoting them', () => {
    expect(loadClientPrivateKey({ pem }).asymmetricKeyType).toBe('rsa');
    expect(() => loadClientPrivateKey({})).toThrow(/not both or neither/);
    expect(() => loadClientPrivateKey({ pem, file: '/x' })).toThrow(/not both or neither/);
    expect(() => loadClientPrivateKey({ pem: 'secret-ish' })).toThrow(/^not a PEM private key$/);
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(() => loadClientPrivateKey({ pem: weak })).toThrow(/at least 2048/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(() => loadClientPrivateKey({ pem: ec })).toThrow(/RSA/);
  });
});
