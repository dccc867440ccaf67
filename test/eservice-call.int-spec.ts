// The dev call script (scripts/eservice-call.sh → eservice-call.js) against the api started as a process with
// the dev tables, and a PDND stand-in serving the keys the script's CLI mints with (its own keys folder): the
// voucher for the e-service's ids, the consumer's client and purpose, the ModI headers the registry entry
// requires, each signed with the consumer's own client key.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateKeys, PdndStandin, startStandinServer, type StandinServer } from '@fsl/pdnd-standin';
import { appDatabaseUrl, randomCf } from './support/env';
import { ROOT, startApp, type RunningApp } from './support/processes';

jest.setTimeout(120_000);

const REDIS_URL = process.env.FSL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const INPS_SOLO_REQUISITO = '6f1c0de0-0000-4000-8000-000000027f02';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  body: Record<string, unknown>;
}

describe('scripts/eservice-call.sh: an e-service call as a consumer of the dev tables', () => {
  const keysDir = mkdtempSync(join(tmpdir(), 'eservice-call-keys-'));
  let server: StandinServer;
  let api: RunningApp;

  beforeAll(async () => {
    const standin = new PdndStandin({ keys: loadOrCreateKeys(keysDir), keysDir });
    server = await startStandinServer(standin);
    api = await startApp('api', {
      DATABASE_URL: appDatabaseUrl('fsl_api'),
      REDIS_URL,
      PDND_JWKS_URL: server.jwksUrl,
      PDND_KEYS_API_URL: server.keysApiUrl,
      ...standin.apiClientEnv(server.url),
    });
  }, 60_000);

  afterAll(async () => {
    expect(await api?.stop()).toBe(0);
    await server?.close();
    rmSync(keysDir, { recursive: true, force: true });
  }, 60_000);

  const call = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile('bash', [join(ROOT, 'scripts', 'eservice-call.sh'), ...args], { env: { PATH: process.env.PATH ?? '', API_URL: api.url, PDND_STANDIN_DIR: keysDir } }, (err, stdout, stderr) => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(stdout) as Record<string, unknown>;
        } catch {
          body = {};
        }
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr, body });
      });
    });

  it('INTEGRITY_REST_02: the requirement check for the demo consumer', async () => {
    const res = await call('requisito-occupazionale', JSON.stringify({ codiceFiscale: randomCf(), dal: '2024-01-01', al: '2024-12-31' }));
    expect(res.stderr).toContain('HTTP 200 POST');
    expect(res.stderr).toContain('/rest/fsl/v1/verifiche/requisito-occupazionale/consultazioni');
    expect({ code: res.code, body: res.body }).toEqual({ code: 0, body: { esito: false, periodo: { dal: '2024-01-01', al: '2024-12-31' }, criteri: { giorniMinimi: 1 }, dataVerifica: expect.any(String) } });
  });

  it('AUDIT_REST_02 too: the fascicolo, with the tracking evidence the voucher is bound to', async () => {
    const res = await call('fascicolo', JSON.stringify({ codiceFiscale: randomCf() }));
    expect({ code: res.code, versione: res.body.versione }).toEqual({ code: 0, versione: 0 });
  });

  it('another consumer signs with its own client key: the citizen channel, with the userID of the evidence', async () => {
    const cf = randomCf();
    const res = await call('registro-accessi', JSON.stringify({ codiceFiscale: cf }), '--consumer', 'portale-cittadino-demo', '--evidence-claim', `userID=${cf}`);
    expect({ code: res.code, body: res.body }).toEqual({ code: 0, body: { accessi: [] } });
  });

  it('the purpose that has only the requirement check: the check answers, every other e-service is refused', async () => {
    const body = JSON.stringify({ codiceFiscale: randomCf(), dal: '2024-01-01', al: '2024-06-30' });
    const check = await call('requisito-occupazionale', body, '--consumer', 'inps-demo', '--purpose', INPS_SOLO_REQUISITO);
    expect({ code: check.code, esito: check.body.esito }).toEqual({ code: 0, esito: false });
    const rapporti = await call('rapporti-lavoro', JSON.stringify({ codiceFiscale: randomCf() }), '--consumer', 'inps-demo', '--purpose', INPS_SOLO_REQUISITO);
    expect({ code: rapporti.code, status: rapporti.body.status }).toEqual({ code: 1, status: 403 });
    expect(rapporti.stderr).toContain('HTTP 403');
  });

  it('a consumer without the e-service is told to expect the 403 it gets; an unknown kind is a usage error', async () => {
    const refused = await call('rapporti-lavoro', JSON.stringify({ codiceFiscale: randomCf() }), '--consumer', 'comune-roma-demo');
    expect(refused.stderr).toContain('no purpose of comune-roma-demo grants rapporti-lavoro');
    expect({ code: refused.code, status: refused.body.status }).toEqual({ code: 1, status: 403 });
    const unknown = await call('nessuno', '{}');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no e-service nessuno in the registry');
  });
});
