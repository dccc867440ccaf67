import { createHash, createHmac, KeyObject, sign as cryptoSign, constants } from 'node:crypto';

// Signing side of compact JWS on node:crypto (jose 6 is ESM-only and cannot be loaded by this
// repository's jest). Deliberately independent of @fsl/pdnd's verifier so that the tests compare
// two implementations, not one with itself. It can sign with algorithms a provider must refuse
// (none, HS*, RS512, …): negative tests need them.

export type Jwk = Record<string, string>;

export function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function sha256(data: Buffer | string): Buffer {
  return createHash('sha256').update(data).digest();
}

/** A header/payload value of `undefined` removes that member: how tests drop a claim. */
export function merge(base: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Signs `header.payload`; the algorithm is taken from header.alg. */
export function signCompact(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject | Buffer | null): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(signature(String(header.alg), input, key))}`;
}

function signature(alg: string, input: string, key: KeyObject | Buffer | null): Buffer {
  const data = Buffer.from(input, 'ascii');
  if (alg === 'none') return Buffer.alloc(0);
  if (key === null) throw new Error(`alg ${alg} needs a key`);
  const bits = alg.slice(2);
  if (alg.startsWith('HS')) return createHmac(`sha${bits}`, key as Buffer).update(data).digest();
  if (!(key instanceof KeyObject)) throw new Error(`alg ${alg} needs a private key`);
  if (alg.startsWith('RS')) return cryptoSign(`sha${bits}`, data, key);
  if (alg.startsWith('PS')) {
    return cryptoSign(`sha${bits}`, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 });
  }
  if (alg === 'ES256') return cryptoSign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
  throw new Error(`unsupported alg ${alg}`);
}

/** RFC 7638 thumbprint over the required members in lexicographic order. */
export function thumbprint(jwk: Jwk): string {
  const members = jwk.kty === 'EC' ? { crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y } : { e: jwk.e, kty: 'RSA', n: jwk.n };
  return b64url(sha256(JSON.stringify(members)));
}
