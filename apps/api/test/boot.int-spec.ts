// The built api as a process, as the stack runs it: its dev configuration (e-service registry and
// authorisation table shipped in apps/api/config) serves a stand-in voucher end to end, and a bad or
// dev-only PDND configuration stops it at boot (exit 78) naming the variable.
import { PdndStandin, startStandinServer, STANDIN_PRODUCER_ID, type StandinServer } from '@fsl/pdnd-standin';
import { appDatabaseUrl, randomCf } from '../../../test/support/env';
import { runToExit, startApp, type RunningApp } from '../../../test/support/processes';
import { HOOK_TIMEOUT_MS } from './support/harness';

let server: StandinServer;
let api: RunningApp;
const standin = new PdndStandin();
const PUBLIC = 'https://api.fsl.test';

beforeAll(async () => {
  server = await startStandinServer(standin);
  api = await startApp('api', {
    DATABASE_URL: appDatabaseUrl('fsl_api'),
    PDND_JWKS_URL: server.jwksUrl,
    PDND_KEYS_API_URL: server.keysApiUrl,
    PDND_PUBLIC_BASE_URL: PUBLIC,
    PDND_PRODUCER_ID: STANDIN_PRODUCER_ID,
    ...standin.apiClientEnv(server.url),
  });
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await api?.stop();
  await server?.close();
}, HOOK_TIMEOUT_MS);

it("the stand-in's default consumer reads a fascicolo with DPoP, INTEGRITY_REST_02 and AUDIT_REST_02", async () => {
  const cf = randomCf();
  const body = JSON.stringify({ codiceFiscale: cf });
  const path = '/rest/fsl/v1/fascicoli/consultazioni';
  const evidence = standin.trackingEvidence();
  const voucher = standin.voucher({ dpop: true, digest: evidence.digest });
  const res = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `DPoP ${voucher}`,
      DPoP: standin.dpopProof({ method: 'POST', url: `${PUBLIC}${path}`, accessToken: voucher }),
      'Agid-JWT-TrackingEvidence': evidence.token,
      ...standin.integrity({ body }).headers,
    },
    body,
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ versione: 0, cartellaLavorativa: null, cartellaSociale: { casiPais: [], misureInclusione: [], partecipazioniPuc: [], prestazioniSociali: [] }, cartellaFormativa: { iscrizioni: [], manifestazioniInteresse: [] } });
  expect(res.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
  expect(api.output()).not.toContain(cf);
});

it('PDND probing works without purposeId', async () => {
  const res = await fetch(`${api.url}/rest/fsl/v1/cartelle-lavorative/interop/probing`, { headers: { Authorization: `Bearer ${standin.probingToken()}` } });
  expect(res.status).toBe(200);
});

describe('boot refuses a bad PDND configuration', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['dev defaults in production', { NODE_ENV: 'production' }, ['PDND_ISSUER', 'PDND_AUDIENCE', 'PDND_JWKS_URL', 'PDND_KEYS_API_URL', 'PDND_PUBLIC_BASE_URL', 'ACCESS_AUDIT_PSEUDONYM_KEY', 'PSEUDONYM_KEY']],
    ['a JWKS URL that is not a URL', { PDND_JWKS_URL: 'jwks' }, ['PDND_JWKS_URL']],
    ['a missing authorisation table', { PDND_AUTHORIZATIONS_FILE: '/nonexistent/authorizations.json' }, ['PDND_AUTHORIZATIONS_FILE']],
  ])('%s → exit 78', async (_name, env, variables) => {
    const { code, output } = await runToExit('api', env);
    expect(code).toBe(78);
    const line = JSON.parse(output.trim().split('\n').pop() as string);
    expect(line.problems.map((p: { variable: string }) => p.variable)).toEqual(expect.arrayContaining(variables));
  }, HOOK_TIMEOUT_MS);

  const production = {
    NODE_ENV: 'production',
    PDND_ISSUER: 'interop.pagopa.it',
    PDND_AUDIENCE: 'https://api.fsl.example/rest/fsl/v1',
    PDND_JWKS_URL: 'https://interop.pagopa.it/.well-known/jwks.json',
    PDND_KEYS_API_URL: 'https://api.interop.pagopa.it/v3',
    PDND_PUBLIC_BASE_URL: 'https://api.fsl.example',
    ACCESS_AUDIT_PSEUDONYM_KEY: 'k'.repeat(40),
    ACCESS_AUDIT_ANCHOR_KEY: 'a'.repeat(40),
    DATABASE_URL: 'postgres://fsl_api:secret@db.example:5432/fsl',
    // The key of the message keys of the write e-services' events (ADR 0007).
    PSEUDONYM_KEY: 'p'.repeat(40),
  };
  const productionClient = {
    PDND_CLIENT_ID: '0e8b6c1a-4d1f-4f5e-9a55-2f4f1b6a0c11',
    PDND_CLIENT_KEY_ID: 'fsl-api-key-1',
    PDND_CLIENT_PRIVATE_KEY: standin.keys.api.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    PDND_CLIENT_PURPOSE_ID: '7c9b1f0e-2a3d-4c5b-8e6f-0a1b2c3d4e5f',
    PDND_TOKEN_URL: 'https://auth.interop.pagopa.it/token.oauth2',
    PDND_TOKEN_AUDIENCE: 'auth.interop.pagopa.it/client-assertion',
  };
  const problemVariables = (output: string) => JSON.parse(output.trim().split('\n').pop() as string).problems.map((p: { variable: string }) => p.variable).sort();

  it('dev-only registry and table are refused in production even with real PDND settings', async () => {
    const { code, output } = await runToExit('api', { ...production, ...productionClient });
    expect(code).toBe(78);
    expect(problemVariables(output)).toEqual(['PDND_AUTHORIZATIONS_FILE', 'PDND_ESERVICES_FILE']);
    expect(output).not.toContain('k'.repeat(40));
    expect(output).not.toContain('PRIVATE KEY');
  }, HOOK_TIMEOUT_MS);

  it("production refuses to start without the api's own PDND client: id, key, purpose, token endpoint", async () => {
    const { code, output } = await runToExit('api', production);
    expect(code).toBe(78);
    expect(problemVariables(output)).toEqual(
      expect.arrayContaining(['PDND_CLIENT_ID', 'PDND_CLIENT_KEY_ID', 'PDND_CLIENT_PRIVATE_KEY_FILE', 'PDND_CLIENT_PURPOSE_ID', 'PDND_TOKEN_AUDIENCE', 'PDND_TOKEN_URL']),
    );
  }, HOOK_TIMEOUT_MS);

  it('a client key that is not an RSA private key is refused at boot without being quoted', async () => {
    const { code, output } = await runToExit('api', { ...productionClient, PDND_CLIENT_PRIVATE_KEY: 'not-a-key-7f3a9c' });
    expect(code).toBe(78);
    expect(problemVariables(output)).toEqual(['PDND_CLIENT_PRIVATE_KEY']);
    expect(output).not.toContain('not-a-key-7f3a9c');
  }, HOOK_TIMEOUT_MS);
});
