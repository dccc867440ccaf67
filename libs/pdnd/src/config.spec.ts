import { pdndConfigFromEnv } from './config';

const base = {
  PDND_ISSUER: 'interop.pagopa.it',
  PDND_AUDIENCE: 'https://api.fsl.example/a, https://api.fsl.example/b',
  PDND_JWKS_URL: 'https://interop.pagopa.it/.well-known/jwks.json',
  PDND_KEYS_API_URL: 'https://api.interop.pagopa.it/v3',
};

describe('pdndConfigFromEnv', () => {
  it('reads lists and applies the defaults of the reference', () => {
    const cfg = pdndConfigFromEnv(base);
    expect(cfg.voucher).toMatchObject({
      issuer: ['interop.pagopa.it'],
      audience: ['https://api.fsl.example/a', 'https://api.fsl.example/b'],
      clockToleranceSeconds: 10,
      dpop: { maxAgeSeconds: 60, iatToleranceSeconds: 10 },
    });
    expect(cfg.jwksUrl).toBe(base.PDND_JWKS_URL);
  });
  it('refuses a missing issuer, a bad URL and a large tolerance', () => {
    expect(() => pdndConfigFromEnv({ ...base, PDND_ISSUER: '' })).toThrow();
    expect(() => pdndConfigFromEnv({ ...base, PDND_JWKS_URL: 'not a url' })).toThrow();
    expect(() => pdndConfigFromEnv({ ...base, PDND_CLOCK_TOLERANCE_SECONDS: '3600' })).toThrow();
  });
});
