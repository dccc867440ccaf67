import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, DEV_REGISTRY_FILE } from './config';

// The gateway's configuration: the dev registry and the PDND stand-in client work by default and are refused
// in production, each refusal naming its variable (never a value); a bad registry names its fields.
const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const ente = (over: Record<string, unknown> = {}) => ({ codice: 'H501', denominazione: 'Roma', baseUrl: 'https://roma.example/waas/v1', pdnd: { purposeId: '6f1c0de0-0000-4000-8000-0000000fb501' }, ...over });
const variablesOf = (env: Record<string, string>) => {
  const r = configSchema.safeParse(env);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => String(i.path[0])))].sort();
};
const PROD_OK = {
  NODE_ENV: 'production',
  PSEUDONYM_KEY: 'a-production-pseudonym-key-of-enough-length',
  DATABASE_URL: 'postgres://fsl_ingest:secret@db:5432/fsl',
  ENTI_REGISTRY_FILE: file('prod.json', { enti: [ente({ esiti: true })] }),
  PDND_CLIENT_ID: 'our-client',
  PDND_CLIENT_KEY_ID: 'our-kid',
  PDND_CLIENT_PRIVATE_KEY: pem,
  PDND_TOKEN_URL: 'https://auth.interop.pagopa.it/token.oauth2',
  PDND_TOKEN_AUDIENCE: 'auth.interop.pagopa.it/client-assertion',
};

describe('the gateway configuration', () => {
  it('development: the dev registry of two stand-in municipalities, outcomes on for one only', () => {
    const c = configSchema.parse({});
    expect(c.ENTI_REGISTRY_FILE).toBe(DEV_REGISTRY_FILE);
    expect(c.registro.devOnly).toBe(true);
    expect(c.registro.enti.map((e) => [e.codice, e.esiti, e.codiciEnteAmmessi])).toEqual([
      ['H501', true, ['H501']],
      ['F205', false, ['F205']],
    ]);
    expect(c.ENTI_PAGE_LIMIT).toBe(100);
  });

  it('production with real settings parses', () => {
    expect(variablesOf(PROD_OK)).toEqual([]);
  });

  it('production refuses the dev registry, the stand-in client and plain http, naming each variable', () => {
    const { PDND_CLIENT_ID: _a, PDND_CLIENT_KEY_ID: _b, PDND_CLIENT_PRIVATE_KEY: _c, PDND_TOKEN_AUDIENCE: _d, ENTI_REGISTRY_FILE: _e, ...rest } = PROD_OK;
    expect(variablesOf({ ...rest, PDND_TOKEN_URL: 'http://127.0.0.1:8911/token.oauth2' })).toEqual([
      'ENTI_REGISTRY_FILE',
      'PDND_CLIENT_ID',
      'PDND_CLIENT_KEY_ID',
      'PDND_CLIENT_PRIVATE_KEY_FILE',
      'PDND_TOKEN_AUDIENCE',
      'PDND_TOKEN_URL',
    ]);
    expect(variablesOf({ ...PROD_OK, ENTI_REGISTRY_FILE: file('http.json', { enti: [ente({ baseUrl: 'http://roma.example/waas/v1' })] }) })).toEqual(['ENTI_REGISTRY_FILE']);
  });

  it('a registry with a bad entry is refused with its field named, never its value', () => {
    const bad = file('bad.json', { enti: [ente(), ente({ denominazione: 'x' }), ente({ codice: 'h501x', pdnd: { purposeId: 'not-a-uuid' } })] });
    const r = configSchema.safeParse({ ENTI_REGISTRY_FILE: bad });
    expect(r.success).toBe(false);
    const message = r.success ? '' : r.error.issues.map((i) => i.message).join(' ');
    expect(message).toContain('enti.1.codice: registered twice');
    expect(message).toContain('enti.2.codice');
    expect(message).toContain('enti.2.pdnd.purposeId');
    expect(message).not.toContain('h501x');
    expect(variablesOf({ ENTI_REGISTRY_FILE: file('notjson.json', '{') })).toEqual(['ENTI_REGISTRY_FILE']);
    expect(variablesOf({ ENTI_REGISTRY_FILE: join(dir, 'missing.json') })).toEqual(['ENTI_REGISTRY_FILE']);
  });

  it('limit is the interface\'s: at most 100', () => {
    expect(variablesOf({ ENTI_PAGE_LIMIT: '101' })).toEqual(['ENTI_PAGE_LIMIT']);
  });
});
