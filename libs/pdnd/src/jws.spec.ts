import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { b64urlDecode, decodeCompactJws, importPublicJwk, jwkThumbprint, MAX_TOKEN_LENGTH, verifySignature } from './jws';

// RFC 7638 §3.1 example key and its thumbprint.
const RFC7638_JWK = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};

describe('jwkThumbprint', () => {
  it('matches the RFC 7638 example', () => {
    expect(jwkThumbprint(RFC7638_JWK)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });
  it('ignores non-required members and refuses unsupported keys', () => {
    expect(jwkThumbprint({ ...RFC7638_JWK, use: 'sig', x5c: ['x'] })).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(jwkThumbprint({ kty: 'oct', k: 'c2VjcmV0' })).toBeNull();
    expect(jwkThumbprint({ kty: 'EC', crv: 'P-384', x: 'a', y: 'b' })).toBeNull();
  });
});

describe('b64urlDecode', () => {
  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const enc = Buffer.from(bytes).toString('base64url');
      expect(b64urlDecode(enc)?.equals(Buffer.from(bytes))).toBe(true);
    }));
  });
  it('refuses padding, standard-alphabet and non-canonical encodings', () => {
    expect(b64urlDecode('YQ==')).toBeNull();
    expect(b64urlDecode('a+b/')).toBeNull();
    expect(b64urlDecode('YR')).toBeNull(); // "YQ" is the canonical spelling of "a"
    expect(b64urlDecode('Y')).toBeNull();
  });
});

describe('decodeCompactJws', () => {
  const seg = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  it.each([
    ['two segments', `${seg({ alg: 'RS256' })}.${seg({})}`],
    ['four segments', `${seg({ alg: 'RS256' })}.${seg({})}.a.b`],
    ['array payload', `${seg({ alg: 'RS256' })}.${seg([1])}.AA`],
    ['non-JSON header', `bm90IGpzb24.${seg({})}.AA`],
    ['oversized', `${seg({ alg: 'RS256' })}.${'A'.repeat(MAX_TOKEN_LENGTH)}.AA`],
  ])('refuses %s', (_name, token) => {
    expect(decodeCompactJws(token)).toBeNull();
  });
});

describe('verifySignature / importPublicJwk', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const input = 'a.b';
  it('refuses a key whose type does not match the algorithm', () => {
    const rsSig = sign('sha256', Buffer.from(input), rsa.privateKey);
    expect(verifySignature('RS256', rsa.publicKey, input, rsSig)).toBe(true);
    expect(verifySignature('ES256', rsa.publicKey, input, rsSig)).toBe(false);
    const esSig = sign('sha256', Buffer.from(input), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(verifySignature('ES256', ec.publicKey, input, esSig)).toBe(true);
    expect(verifySignature('RS256', ec.publicKey, input, esSig)).toBe(false);
  });
  it('imports public RSA ≥ 2048 and P-256 keys only', () => {
    expect(importPublicJwk(rsa.publicKey.export({ format: 'jwk' }))).not.toBeNull();
    expect(importPublicJwk(ec.publicKey.export({ format: 'jwk' }))).not.toBeNull();
    expect(importPublicJwk(rsa.privateKey.export({ format: 'jwk' }))).toBeNull();
    expect(importPublicJwk({ kty: 'oct', k: 'c2VjcmV0' })).toBeNull();
    expect(importPublicJwk(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }))).toBeNull();
    expect(importPublicJwk(generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' }))).toBeNull();
    expect(importPublicJwk({ kty: 'RSA', n: 'not base64!', e: 'AQAB' })).toBeNull();
  });
});
