import { createHash, createPublicKey, JsonWebKey, KeyObject, verify as cryptoVerify } from 'node:crypto';

// The JOSE subset the provider needs (compact JWS, RS256/ES256, public JWKs, RFC 7638 thumbprints),
// on node:crypto. Why not jose: jose 6 is ESM-only and this repository's jest runs CommonJS on
// Node 20, where it cannot be loaded. The subset is small, covered by tests (RFC vectors included)
// and cross-checked against jose outside jest (see README).

export type JwsAlg = 'RS256' | 'ES256';

export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Tokens larger than this are rejected before any parsing (cheap DoS guard). */
export const MAX_TOKEN_LENGTH = 16 * 1024;
const SEGMENT = /^[A-Za-z0-9_-]*$/;
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** Strict base64url: only canonical encodings are accepted, so one token has one spelling. */
export function b64urlDecode(segment: string): Buffer | null {
  if (!SEGMENT.test(segment) || segment.length % 4 === 1) return null;
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : null;
}

export function b64url(bytes: Buffer | string): string {
  return Buffer.from(bytes).toString('base64url');
}

export function sha256(data: Buffer | Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

function parseJsonObject(bytes: Buffer | null): Record<string, unknown> | null {
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return isPlainObject(value) ? value : null;
  } catch {
    return null;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits and decodes a compact JWS whose payload is a JSON object; null when malformed. */
export function decodeCompactJws(token: string): DecodedJws | null {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [h, p, s] = parts as [string, string, string];
  const header = parseJsonObject(b64urlDecode(h));
  const payload = parseJsonObject(b64urlDecode(p));
  const signature = b64urlDecode(s);
  if (!header || !payload || !signature) return null;
  return { header, payload, signingInput: `${h}.${p}`, signature };
}

/**
 * Verifies a signature for an allow-listed algorithm. The key type is checked against the algorithm,
 * so an HMAC or a mismatched key can never be used, whatever the token header claims.
 */
export function verifySignature(alg: JwsAlg, key: KeyObject, signingInput: string, signature: Buffer): boolean {
  try {
    const data = Buffer.from(signingInput, 'ascii');
    if (alg === 'RS256') {
      if (!isStrongRsa(key)) return false;
      return cryptoVerify('sha256', data, key, signature);
    }
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return false;
    if (signature.length !== 64) return false;
    return cryptoVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

function isStrongRsa(key: KeyObject): boolean {
  return key.type === 'public' && key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
}

/**
 * Imports a public JWK (RSA ≥ 2048 or EC P-256). Returns null for anything else, including JWKs that
 * carry private members: a peer that sends those is broken or hostile.
 */
export function importPublicJwk(jwk: unknown): KeyObject | null {
  if (!isPlainObject(jwk)) return null;
  if (PRIVATE_JWK_MEMBERS.some((m) => m in jwk)) return null;
  const minimal = thumbprintMembers(jwk);
  if (!minimal) return null;
  try {
    const key = createPublicKey({ key: minimal as JsonWebKey, format: 'jwk' });
    if (key.asymmetricKeyType === 'rsa') return isStrongRsa(key) ? key : null;
    return key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? key : null;
  } catch {
    return null;
  }
}

/** The required members of RFC 7638 §3.2, or null if the JWK is not a supported public key. */
function thumbprintMembers(jwk: Record<string, unknown>): Record<string, string> | null {
  const str = (k: string) => (typeof jwk[k] === 'string' && (jwk[k] as string).length > 0 ? (jwk[k] as string) : null);
  if (jwk.kty === 'RSA') {
    const e = str('e');
    const n = str('n');
    return e && n ? { e, kty: 'RSA', n } : null;
  }
  if (jwk.kty === 'EC') {
    const crv = str('crv');
    const x = str('x');
    const y = str('y');
    return crv === 'P-256' && x && y ? { crv, kty: 'EC', x, y } : null;
  }
  return null;
}

/** RFC 7638 SHA-256 thumbprint, base64url; null when the JWK is not a supported public key. */
export function jwkThumbprint(jwk: unknown): string | null {
  if (!isPlainObject(jwk)) return null;
  const members = thumbprintMembers(jwk);
  // Keys are already in lexicographic order, and JSON.stringify emits no whitespace.
  return members ? b64url(sha256(JSON.stringify(members))) : null;
}
