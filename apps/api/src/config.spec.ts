import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@fsl/config';
import { configSchema } from './config';

const variablesOf = (env: Record<string, string>) => {
  try {
    parseConfig('api', configSchema, env);
    return [];
  } catch (err) {
    return (err as { problems: { variable: string }[] }).problems.map((p) => p.variable).sort();
  }
};

describe('api configuration', () => {
  it('boots on the dev defaults: the local PDND stand-in and the dev-only files', () => {
    const cfg = configSchema.parse({});
    expect(cfg.PDND_ISSUER).toEqual(['pdnd-standin.invalid']);
    expect(cfg.eservices.get('fascicolo')?.basePath).toBe('/rest/fsl/v1/fascicoli');
    expect(cfg.authorizations.file.devOnly).toBe(true);
  });

  it('refuses every dev default in production, naming the variables', () => {
    expect(variablesOf({ NODE_ENV: 'production' })).toEqual([
      'ACCESS_AUDIT_ANCHOR_KEY',
      'ACCESS_AUDIT_PSEUDONYM_KEY',
      'DATABASE_URL',
      'PDND_AUDIENCE',
      'PDND_CLIENT_ID',
      'PDND_CLIENT_KEY_ID',
      'PDND_CLIENT_PRIVATE_KEY_FILE',
      'PDND_CLIENT_PURPOSE_ID',
      'PDND_ISSUER',
      'PDND_JWKS_URL',
      'PDND_KEYS_API_URL',
      'PDND_PUBLIC_BASE_URL',
      'PDND_TOKEN_AUDIENCE',
      'PDND_TOKEN_URL',
      'PSEUDONYM_KEY',
    ]);
  });

  it('trusted proxies are addresses or CIDR ranges', () => {
    expect(variablesOf({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.1, ::1' })).toEqual([]);
    expect(variablesOf({ TRUSTED_PROXIES: 'proxy.internal' })).toEqual(['TRUSTED_PROXIES']);
  });

  it("the api's own PDND client key: a named file must be readable, inline PEM must be an RSA key, not both", () => {
    expect(variablesOf({ PDND_CLIENT_PRIVATE_KEY_FILE: '/nonexistent/key.pem' })).toEqual(['PDND_CLIENT_PRIVATE_KEY_FILE']);
    expect(variablesOf({ PDND_CLIENT_PRIVATE_KEY: 'not a key' })).toEqual(['PDND_CLIENT_PRIVATE_KEY']);
    expect(variablesOf({ PDND_CLIENT_PRIVATE_KEY: 'x', PDND_CLIENT_PRIVATE_KEY_FILE: '/x' })).toEqual(['PDND_CLIENT_PRIVATE_KEY']);
  });

  describe('the two files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsl-api-config-'));
    const write = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    };

    it('a file that is missing, not JSON or not valid is named, without echoing its values', () => {
      expect(variablesOf({ PDND_ESERVICES_FILE: join(dir, 'none.json') })).toEqual(['PDND_ESERVICES_FILE']);
      expect(variablesOf({ PDND_AUTHORIZATIONS_FILE: write('bad.json', '{') })).toEqual(['PDND_AUTHORIZATIONS_FILE']);
      const secretish = 'RSSMRA85C52H501N';
      const path = write('invalid.json', { consumers: [{ id: secretish }] });
      expect(() => parseConfig('api', configSchema, { PDND_AUTHORIZATIONS_FILE: path })).toThrow(/PDND_AUTHORIZATIONS_FILE/);
      expect(() => parseConfig('api', configSchema, { PDND_AUTHORIZATIONS_FILE: path })).not.toThrow(new RegExp(secretish));
    });

    it('e-services need kebab-case versioned basePaths, unique ids and known patterns', () => {
      const eservice = { kind: 'fascicolo', name: 'F', basePath: '/rest/fsl/v1/fascicoli', eserviceId: '6f1c0de0-0000-4000-8000-00000000b001', descriptorId: '6f1c0de0-0000-4000-8000-00000000d001' };
      const with_ = (e: object[]) => variablesOf({ PDND_ESERVICES_FILE: write(`e${Math.random()}.json`, { eservices: e }) });
      expect(with_([eservice])).toEqual([]);
      expect(with_([{ ...eservice, basePath: '/rest/FSL/fascicoli' }])).toEqual(['PDND_ESERVICES_FILE']);
      expect(with_([{ ...eservice, basePath: '/rest/fsl/fascicoli' }])).toEqual(['PDND_ESERVICES_FILE']);
      expect(with_([{ ...eservice, patterns: ['INTEGRITY_REST_01'] }])).toEqual(['PDND_ESERVICES_FILE']);
      expect(with_([eservice, { ...eservice, kind: 'cartella-lavorativa' }])).toEqual(['PDND_ESERVICES_FILE']);
    });

    it('a citizen-only grant needs AUDIT_REST_02 on its e-service (the evidence names the citizen)', () => {
      const registry = write('registry.json', {
        eservices: [{ kind: 'registro-accessi', name: 'R', basePath: '/rest/fsl/v1/registri-accessi', eserviceId: '6f1c0de0-0000-4000-8000-00000000b005', descriptorId: '6f1c0de0-0000-4000-8000-00000000d005', patterns: ['INTEGRITY_REST_02'] }],
      });
      const table = write('table.json', {
        consumers: [{ id: 'io', name: 'IO', clientIds: ['6f1c0de0-0000-4000-8000-00000000c005'], purposes: [{ purposeId: '6f1c0de0-0000-4000-8000-00000000f005', description: 'x', eservices: ['registro-accessi'], soloInteressato: true }] }],
      });
      expect(variablesOf({ PDND_ESERVICES_FILE: registry, PDND_AUTHORIZATIONS_FILE: table })).toEqual(['PDND_AUTHORIZATIONS_FILE']);
    });

    it('a citizen-only grant needs userID among the agreed AUDIT_REST_02 claims', () => {
      expect(variablesOf({ PDND_AUDIT_REQUIRED_CLAIMS: 'purposeId,LoA' })).toEqual(['PDND_AUDIT_REQUIRED_CLAIMS']);
      expect(variablesOf({ PDND_AUDIT_REQUIRED_CLAIMS: 'purposeId,userID' })).toEqual([]);
    });
  });
});
