import { DEFAULT_DPOP_IAT_TOLERANCE_SECONDS, DEFAULT_DPOP_MAX_AGE_SECONDS, DpopConfig } from './config';
import { isNumericDate, nonEmptyString } from './claims';
import { PdndErrorCode } from './error-codes';
import { PdndError } from './errors';
import { sha256 } from './digest';
import { importPublicJwk, jwkThumbprint, readProtectedHeader, refusedHeaderMember, verifyCompactJws } from './jws';
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

/**
 * RFC 9449 htu comparison: scheme, host and path; default ports dropped. With `strict` (the proof's
 * own htu) a query or fragment makes it invalid: RFC 9449 §4.2 says htu carries neither, and a proof
 * that names one was made for a URL we would otherwise compare loosely.
 */
export function normalizeHtu(url: string, strict = false): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    if (strict && (url.includes('?') || url.includes('#'))) return null;
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

  const header = readProtectedHeader(proof);
  if (!header) throw fail('DPOP_PROOF_MALFORMED');
  const { typ, alg, jwk } = header;
  const refused = refusedHeaderMember(header);
  if (refused) throw fail('DPOP_PROOF_MALFORMED', `${refused} header not accepted`);
  if (typeof typ !== 'string' || typ.toLowerCase() !== 'dpop+jwt') throw fail('DPOP_TYP_INVALID');
  if (alg !== 'RS256' && alg !== 'ES256') throw fail('DPOP_ALG_NOT_ALLOWED');
  const key = await importPublicJwk(jwk, alg);
  if (!key) throw fail('DPOP_JWK_INVALID');
  const outcome = await verifyCompactJws(proof, key, alg);
  if (!outcome.ok) throw fail(outcome.failure === 'signature' ? 'DPOP_SIGNATURE_INVALID' : 'DPOP_PROOF_MALFORMED');

  const { htm, htu, iat, jti, ath } = outcome.payload;
  if (!nonEmptyString(htm) || !nonEmptyString(htu) || !isNumericDate(iat) || !nonEmptyString(jti) || !nonEmptyString(ath)) {
    throw fail('DPOP_CLAIMS_MISSING');
  }
  if (htm !== input.method.toUpperCase()) throw fail('DPOP_HTM_MISMATCH');
  const expectedHtu = normalizeHtu(input.url);
  const proofHtu = normalizeHtu(htu, true);
  if (proofHtu === null) throw fail('DPOP_HTU_INVALID');
  if (expectedHtu === null || proofHtu !== expectedHtu) throw fail('DPOP_HTU_MISMATCH');

  const maxAge = cfg.maxAgeSeconds ?? DEFAULT_DPOP_MAX_AGE_SECONDS;
  const tolerance = cfg.iatToleranceSeconds ?? DEFAULT_DPOP_IAT_TOLERANCE_SECONDS;
  const now = (deps.now ?? Date.now)() / 1000;
  if (now - iat > maxAge) throw fail('DPOP_PROOF_EXPIRED');
  if (iat - now > tolerance) throw fail('DPOP_PROOF_IN_FUTURE');

  if (ath !== sha256(input.accessToken).toString('base64url')) throw fail('DPOP_ATH_MISMATCH');
  const jkt = await jwkThumbprint(jwk);
  if (jkt === null || jkt !== input.expectedJkt) throw fail('DPOP_JKT_MISMATCH');

  // Last, so that a rejected proof does not use up its jti. A proof is acceptable until
  // iat + maxAge, and iat can be up to `tolerance` ahead: remember it that long.
  const fresh = await claimOrFail(deps.replayStore, 'dpop', `${jkt}:${jti}`, maxAge + tolerance);
  if (!fresh) throw fail('DPOP_REPLAYED');
  return { jti, jkt, iat };
}
