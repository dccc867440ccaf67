import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ephemeralKeys, loadOrCreateKeys } from './keys';

describe('stand-in keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdnd-standin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are created on first use, owner-only, marked dev-only, and reloaded identically', () => {
    const first = loadOrCreateKeys(join(dir, 'k'));
    const second = loadOrCreateKeys(join(dir, 'k'));
    expect(second.pdnd.kid).toBe(first.pdnd.kid);
    expect(second.consumer.publicJwk).toEqual(first.consumer.publicJwk);
    expect(statSync(join(dir, 'k', 'pdnd.key.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'k', 'DEV-ONLY-KEYS.txt'), 'utf8')).toContain('DEV ONLY');
  });

  it('ephemeral keys: RSA 2048 for PDND and the consumer, P-256 for DPoP, public JWKs only', () => {
    const keys = ephemeralKeys();
    expect(keys.pdnd.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(keys.dpop.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    for (const k of [keys.pdnd, keys.consumer, keys.dpop]) expect(k.publicJwk).not.toHaveProperty('d');
  });
});
