import { DEFAULT_DPOP_IAT_TOLERANCE_SECONDS, DEFAULT_DPOP_MAX_AGE_SECONDS, DpopConfig } from './config';
import { isNumericDate, nonEmptyString } from './claims';
import { PdndErrorCode } from './error-codes';
import { PdndError } from './errors';
import { b64url, decodeCompactJws, importPublicJwk, jwkThumbprint, sha256, verifySignature } from './jws';
import { claimOrFail, ReplayStore } from './replay';

export interface DpopProofInput {
  /** The DPoP header value(s) as received. */
  proof: string | string[] | undefined;
  method: string;
  /** Absolute URL of the request as the consumer addressed it (public scheme, host and path). */
  url: string;
  /** The voucher the proof must be bound to (ath). */
  accessToken: string;
  /** The voucher's cnf.jkt. */
  expectedJkt: string;
}

export interface VerifiedDpopProof {
  jti: string;
  jkt: string;
  iat: number;
}

const fail = (code: PdndErrorCode, reason?: string) => new PdndError(code, { scheme: 'DPoP', reason });

/** RFC 9449 htu comparison: scheme, host and path; no query or fragment; default ports dropped. */
export function normalizeHtu(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return null;
  }
}

/** DPoP proof checks of the reference §1.3, in the order that gives the most precise error. */
export async function verifyDpopProof(
  input: DpopProofInput,
  cfg: DpopConfig,
  deps: { replayStore: ReplayStore; now?: () => number },
): Promise<VerifiedDpopProof> {
  const values = input.proof === undefined ? [] : Array.isArray(input.proof) ? input.proof : [input.proof];
  if (values.length === 0 || values[0]!.trim() === '') throw fail('DPOP_PROOF_MISSING');
  // Node joins repeated headers with ", "; a compact JWS never contains a comma.
  if (values.length > 1 || values[0]!.includes(',')) throw fail('DPOP_PROOF_MULTIPLE');
  const proof = values[0]!.trim();

  const jws = decodeCompactJws(proof);
  if (!jws) throw fail('DPOP_PROOF_MALFORMED');
  const { typ, alg, jwk, crit } = jws.header;
  if (crit !== undefined) throw fail('DPOP_PROOF_MALFORMED', 'crit header not supported');
  if (typeof typ !== 'string' || typ.toLowerCase() !== 'dpop+jwt') throw fail('DPOP_TYP_INVALID');
  if (alg !== 'RS256' && alg !== 'ES256') throw fail('DPOP_ALG_NOT_ALLOWED');
  const key = importPublicJwk(jwk);
  if (!key) throw fail('DPOP_JWK_INVALID');
  if ((alg === 'RS256') !== (key.asymmetricKeyType === 'rsa')) throw fail('DPOP_JWK_INVALID', 'key type does not match alg');
  if (!verifySignature(alg, key, jws.signingInput, jws.signature)) throw fail('DPOP_SIGNATURE_INVALID');

  const { htm, htu, iat, jti, ath } = jws.payload;
  if (!nonEmptyString(htm) || !nonEmptyString(htu) || !isNumericDate(iat) || !nonEmptyString(jti) || !nonEmptyString(ath)) {
    throw fail('DPOP_CLAIMS_MISSING');
  }
  if (htm !== input.method.toUpperCase()) throw fail('DPOP_HTM_MISMATCH');
  const expectedHtu = normalizeHtu(input.url);
  if (expectedHtu === null || normalizeHtu(htu) !== expectedHtu) throw fail('DPOP_HTU_MISMATCH');

  const maxAge = cfg.maxAgeSeconds ?? DEFAULT_DPOP_MAX_AGE_SECONDS;
  const tolerance = cfg.iatToleranceSeconds ?? DEFAULT_DPOP_IAT_TOLERANCE_SECONDS;
  const now = (deps.now ?? Date.now)() / 1000;
  if (now - iat > maxAge) throw fail('DPOP_PROOF_EXPIRED');
  if (iat - now > tolerance) throw fail('DPOP_PROOF_IN_FUTURE');

  if (ath !== b64url(sha256(input.accessToken))) throw fail('DPOP_ATH_MISMATCH');
  const jkt = jwkThumbprint(jwk);
  if (jkt === null || jkt !== input.expectedJkt) throw fail('DPOP_JKT_MISMATCH');

  // Last, so that a rejected proof does not use up its jti. A proof is acceptable until
  // iat + maxAge, and iat can be up to `tolerance` ahead: remember it that long.
  const fresh = await claimOrFail(deps.replayStore, 'dpop', `${jkt}:${jti}`, maxAge + tolerance);
  if (!fresh) throw fail('DPOP_REPLAYED');
  return { jti, jkt, iat };
}
