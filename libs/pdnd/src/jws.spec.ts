import { generateKeyPairSync } from 'node:crypto';
import { signCompact } from '@fsl/pdnd-standin';
import { importPublicJwk, jwkThumbprint, MAX_TOKEN_LENGTH, readProtectedHeader, refusedHeaderMember, verifyCompactJws } from './jws';

// RFC 7638 §3.1 example key and its thumbprint.
const RFC7638_JWK = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};

describe('jwkThumbprint', () => {
  it('matches the RFC 7638 example', async () => {
    expect(await jwkThumbprint(RFC7638_JWK)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });
  it('ignores non-required members and refuses unsupported keys', async () => {
    expect(await jwkThumbprint({ ...RFC7638_JWK, use: 'sig', x5c: ['x'] })).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(await jwkThumbprint({ kty: 'oct', k: 'c2VjcmV0' })).toBeNull();
    expect(await jwkThumbprint({ kty: 'EC', crv: 'P-384', x: 'a', y: 'b' })).toBeNull();
  });
});

describe('readProtectedHeader', () => {
  const seg = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  it.each([
    ['two segments', `${seg({ alg: 'RS256' })}.${seg({})}`],
    ['four segments', `${seg({ alg: 'RS256' })}.${seg({})}.a.b`],
    ['an array header', `${seg([1])}.${seg({})}.AA`],
    ['a non-JSON header', `bm90IGpzb24.${seg({})}.AA`],
    ['characters outside base64url', `${seg({ alg: 'RS256' })}.${seg({})}.A+A=`],
    ['an oversized token', `${seg({ alg: 'RS256' })}.${'A'.repeat(MAX_TOKEN_LENGTH)}.AA`],
  ])('refuses %s', (_name, token) => {
    expect(readProtectedHeader(token)).toBeNull();
  });
  it('reads the header of a well-formed token', () => {
    expect(readProtectedHeader(`${seg({ alg: 'RS256', kid: 'k' })}.${seg({})}.AA`)).toEqual({ alg: 'RS256', kid: 'k' });
  });
  it('names the members refused on every token', () => {
    expect(refusedHeaderMember({ alg: 'RS256', zip: 'DEF' })).toBe('zip');
    expect(refusedHeaderMember({ alg: 'RS256', crit: ['x'] })).toBe('crit');
    expect(refusedHeaderMember({ alg: 'RS256', b64: false })).toBe('b64');
    expect(refusedHeaderMember({ alg: 'RS256', kid: 'k', typ: 'JWT' })).toBeUndefined();
  });
});

describe('verifyCompactJws / importPublicJwk', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rsToken = signCompact({ alg: 'RS256' }, { a: 1 }, rsa.privateKey);
  const esToken = signCompact({ alg: 'ES256' }, { a: 1 }, ec.privateKey);

  it('verifies with the right key and algorithm only', async () => {
    expect(await verifyCompactJws(rsToken, rsa.publicKey, 'RS256')).toEqual({ ok: true, payload: { a: 1 } });
    expect(await verifyCompactJws(rsToken, rsa.publicKey, 'ES256')).toEqual({ ok: false, failure: 'signature' });
    expect(await verifyCompactJws(esToken, ec.publicKey, 'ES256')).toEqual({ ok: true, payload: { a: 1 } });
    expect(await verifyCompactJws(esToken, ec.publicKey, 'RS256')).toEqual({ ok: false, failure: 'signature' });
    expect(await verifyCompactJws(rsToken, generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey, 'RS256')).toEqual({ ok: false, failure: 'signature' });
  });
  it('refuses an RSA key under 2048 bits even when the signature matches', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(await verifyCompactJws(signCompact({ alg: 'RS256' }, {}, weak.privateKey), weak.publicKey, 'RS256')).toEqual({ ok: false, failure: 'signature' });
  });
  it('a signed payload that is not a JSON object is a malformed token', async () => {
    const token = signCompact({ alg: 'RS256' }, [1] as unknown as Record<string, unknown>, rsa.privateKey);
    expect(await verifyCompactJws(token, rsa.publicKey, 'RS256')).toEqual({ ok: false, failure: 'payload' });
  });
  it('imports public RSA ≥ 2048 (RS256) and P-256 (ES256) keys only', async () => {
    expect(await importPublicJwk(rsa.publicKey.export({ format: 'jwk' }), 'RS256')).not.toBeNull();
    expect(await importPublicJwk(ec.publicKey.export({ format: 'jwk' }), 'ES256')).not.toBeNull();
    expect(await importPublicJwk(ec.publicKey.export({ format: 'jwk' }), 'RS256')).toBeNull();
    expect(await importPublicJwk(rsa.privateKey.export({ format: 'jwk' }), 'RS256')).toBeNull();
    expect(await importPublicJwk({ kty: 'oct', k: 'c2VjcmV0' }, 'RS256')).toBeNull();
    expect(await importPublicJwk(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }), 'RS256')).toBeNull();
    expect(await importPublicJwk(generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' }), 'ES256')).toBeNull();
    expect(await importPublicJwk({ kty: 'RSA', n: 'not base64!', e: 'AQAB' }, 'RS256')).toBeNull();
  });
});
