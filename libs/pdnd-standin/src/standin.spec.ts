import { createPublicKey, verify } from 'node:crypto';
import { STANDIN_AUDIENCE, STANDIN_ISSUER } from './defaults';
import { sha256, thumbprint } from './jose-lite';
import { PdndStandin } from './standin';

const decode = (token: string) => {
  const [h, p] = token.split('.') as [string, string];
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()) };
};
const T = Date.UTC(2026, 0, 1);
const standin = new PdndStandin({ now: () => T });

describe('PdndStandin vouchers', () => {
  it('mint PDND-shaped vouchers (reference §1.1)', () => {
    const { header, payload } = decode(standin.voucher());
    expect(header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: standin.keys.pdnd.kid, use: 'sig' });
    expect(payload).toMatchObject({
      iss: STANDIN_ISSUER,
      aud: [STANDIN_AUDIENCE],
      sub: standin.clientId,
      client_id: standin.clientId,
      purposeId: standin.purposeId,
      iat: T / 1000,
      nbf: T / 1000,
      exp: T / 1000 + 600,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(payload).not.toHaveProperty('cnf');
  });

  it('are signed by the published PDND key', () => {
    const token = standin.voucher();
    const [h, p, s] = token.split('.') as [string, string, string];
    const key = createPublicKey({ key: standin.jwks().keys[0]!, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))).toBe(true);
  });

  it('override or remove any claim or header member', () => {
    const { header, payload } = decode(standin.voucher({ claims: { purposeId: undefined, exp: 1, extra: 'x' }, header: { typ: 'JWT' } }));
    expect(payload).not.toHaveProperty('purposeId');
    expect(payload).toMatchObject({ exp: 1, extra: 'x' });
    expect(header.typ).toBe('JWT');
  });

  it('bind to the DPoP key and to a tracking evidence', () => {
    const evidence = standin.trackingEvidence();
    const { payload } = decode(standin.voucher({ dpop: true, digest: evidence.digest.value }));
    expect(payload.cnf).toEqual({ jkt: standin.dpopJkt });
    expect(payload.digest).toEqual({ alg: 'SHA256', value: sha256(evidence.token).toString('hex') });
  });

  it.each([
    ['none', 'none'],
    ['hmac-public-key', 'HS256'],
    ['rogue', 'RS256'],
  ] as const)('signWith %s gives alg %s', (signWith, alg) => {
    const token = standin.voucher({ signWith });
    expect(decode(token).header.alg).toBe(alg);
    if (signWith === 'none') expect(token.endsWith('.')).toBe(true);
  });
});

describe('PdndStandin other tokens', () => {
  it('probing tokens carry no purposeId nor client_id', () => {
    const { payload } = decode(standin.probingToken());
    expect(payload).not.toHaveProperty('purposeId');
    expect(payload).not.toHaveProperty('client_id');
    expect(payload.exp - payload.iat).toBe(60);
  });

  it('DPoP proofs carry the public jwk, htm, htu and ath', () => {
    const voucher = standin.voucher({ dpop: true });
    const { header, payload } = decode(standin.dpopProof({ method: 'GET', url: 'https://x/y', accessToken: voucher }));
    expect(header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256' } });
    expect(header.jwk).not.toHaveProperty('d');
    expect(thumbprint(header.jwk)).toBe(standin.dpopJkt);
    expect(payload).toMatchObject({ htm: 'GET', htu: 'https://x/y', ath: sha256(voucher).toString('base64url'), iat: T / 1000 });
  });

  it('Agid-JWT-Signature signs Digest and Content-Type', () => {
    const { headers } = standin.integrity({ body: '{"hello": "world"}', contentEncoding: 'identity' });
    expect(headers.Digest).toBe('SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=');
    const { header, payload } = decode(headers['Agid-JWT-Signature']!);
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: standin.keys.consumer.kid });
    expect(payload.signed_headers).toEqual([
      { digest: headers.Digest },
      { 'content-type': 'application/json' },
      { 'content-encoding': 'identity' },
    ]);
    expect(payload).toMatchObject({ iss: standin.clientId, sub: standin.clientId, aud: STANDIN_AUDIENCE });
  });

  it('can send no Content-Type and a Digest that differs from the signed one', () => {
    const { headers } = standin.integrity({ body: 'x', contentType: null, digestHeader: 'SHA-256=wrong' });
    expect(headers).not.toHaveProperty('Content-Type');
    expect(headers.Digest).toBe('SHA-256=wrong');
  });

  it('publishes the consumer key as the PDND keys API would', () => {
    expect(standin.consumerKey(standin.keys.consumer.kid)).toEqual({ clientId: standin.clientId, jwk: standin.keys.consumer.publicJwk });
    expect(standin.consumerKey(standin.rogue.kid)).toBeUndefined();
  });

  it('rotates the PDND key and keeps the old one in the JWKS', () => {
    const s = new PdndStandin();
    const old = s.keys.pdnd.kid;
    const next = s.rotatePdndKey();
    expect(s.jwks().keys.map((k) => k.kid)).toEqual([next.kid, old]);
    expect(decode(s.voucher()).header.kid).toBe(next.kid);
  });
});
