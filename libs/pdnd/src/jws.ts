import type { KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { isPlainObject } from './claims';

// Compact JWS through jose (v5: it ships CommonJS, which this repository's jest runs): parsing,
// signature verification, JWK import and RFC 7638 thumbprints. What stays here is policy jose leaves
// to its caller: which header members are refused, which key types are accepted, and the answers
// (null) that let each caller raise its own error code.

export type JwsAlg = 'RS256' | 'ES256';

/** Tokens larger than this are rejected before any parsing (cheap DoS guard). */
export const MAX_TOKEN_LENGTH = 16 * 1024;
// Three base64url segments. An empty signature passes here so that `alg: none` gets its precise
// refusal from the callers' allow-list.
const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** The protected header of a compact JWS, or null when the token is not one (checked before any key lookup). */
export function readProtectedHeader(token: string): Record<string, unknown> | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !COMPACT.test(token)) return null;
  try {
    const header: unknown = decodeProtectedHeader(token);
    return isPlainObject(header) ? header : null;
  } catch {
    return null;
  }
}

/**
 * Header members no token of ours may carry, whatever its kind: `crit` names extensions we do not
 * implement (RFC 7515 §4.1.11 says refuse), `zip` is a JWE member that has no meaning on a JWS and
 * only invites decompression of attacker data, and `b64: false` changes what was signed (RFC 7797).
 * Returns the offending member, for the server-side log.
 */
export function refusedHeaderMember(header: Record<string, unknown>): string | undefined {
  return ['crit', 'zip', 'b64'].find((member) => header[member] !== undefined);
}

export type VerifyOutcome = { ok: true; payload: Record<string, unknown> } | { ok: false; failure: 'signature' | 'payload' };

/**
 * Verifies a compact JWS with `key` for one allow-listed algorithm (jose also refuses a key whose
 * type does not fit the algorithm, and RSA keys under 2048 bits). The payload must be a JSON object.
 */
export async function verifyCompactJws(token: string, key: KeyObject, alg: JwsAlg): Promise<VerifyOutcome> {
  let bytes: Uint8Array;
  try {
    ({ payload: bytes } = await compactVerify(token, key, { algorithms: [alg] }));
  } catch {
    return { ok: false, failure: 'signature' };
  }
  try {
    const payload: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return isPlainObject(payload) ? { ok: true, payload } : { ok: false, failure: 'payload' };
  } catch {
    return { ok: false, failure: 'payload' };
  }
}

/**
 * Imports a public JWK (RSA ≥ 2048 for RS256, EC P-256 for ES256). Returns null for anything else,
 * including JWKs that carry private members: a peer that sends those is broken or hostile.
 */
export async function importPublicJwk(jwk: unknown, alg: JwsAlg): Promise<KeyObject | null> {
  if (!isPlainObject(jwk) || PRIVATE_JWK_MEMBERS.some((m) => m in jwk)) return null;
  const members = requiredMembers(jwk);
  if (!members || (alg === 'RS256') !== (members.kty === 'RSA')) return null;
  try {
    const key = (await importJWK(members, alg)) as KeyObject;
    if (key.type !== 'public') return null;
    if (key.asymmetricKeyType === 'rsa') return (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048 ? key : null;
    return key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? key : null;
  } catch {
    return null;
  }
}

/** The required members of RFC 7638 §3.2, or null if the JWK is not a supported public key. */
function requiredMembers(jwk: Record<string, unknown>): JWK | null {
  const str = (k: string) => (typeof jwk[k] === 'string' && (jwk[k] as string).length > 0 ? (jwk[k] as string) : null);
  if (jwk.kty === 'RSA') {
    const [e, n] = [str('e'), str('n')];
    return e && n ? { e, kty: 'RSA', n } : null;
  }
  if (jwk.kty === 'EC') {
    const [crv, x, y] = [str('crv'), str('x'), str('y')];
    return crv === 'P-256' && x && y ? { crv, kty: 'EC', x, y } : null;
  }
  return null;
}

/** RFC 7638 SHA-256 thumbprint, base64url; null when the JWK is not a supported public key. */
export async function jwkThumbprint(jwk: unknown): Promise<string | null> {
  const members = isPlainObject(jwk) ? requiredMembers(jwk) : null;
  return members ? calculateJwkThumbprint(members, 'sha256') : null;
}
