import { audienceMatches, checkTimes, isAudienceClaim, nonEmptyString, sameId } from './claims';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS } from './config';
import { ConsumerKey, ConsumerKeyResolver } from './consumer-keys';
import { PdndErrorCode } from './error-codes';
import { PdndError } from './errors';
import { readProtectedHeader, refusedHeaderMember, verifyCompactJws } from './jws';

/** The two consumer-signed ModI headers; their error codes share these prefixes. */
export type AgidTokenKind = 'INTEGRITY' | 'AUDIT';

export interface AgidTokenDeps {
  consumerKeys: ConsumerKeyResolver;
  now?: () => number;
}

export interface VerifiedAgidToken {
  key: ConsumerKey;
  payload: Record<string, unknown>;
  jti: string;
  exp: number;
}

const TIME_SUFFIX = {
  missing: 'CLAIMS_MISSING',
  expired: 'EXPIRED',
  'not-yet-valid': 'NOT_YET_VALID',
  'issued-in-future': 'ISSUED_IN_FUTURE',
} as const;

/**
 * Common checks of Agid-JWT-Signature and Agid-JWT-TrackingEvidence with PDND trust (reference
 * §2.3–2.4): RS256 only, kid of a consumer key registered on PDND and owned by the voucher's client,
 * signature, aud, exp/nbf/iat, jti.
 * Replay is claimed by the callers, after their own checks.
 */
export async function verifyAgidToken(
  kind: AgidTokenKind,
  token: string,
  /** The client the voucher names: only its own keys may sign its ModI headers. */
  callerClientId: string,
  audience: string | readonly string[],
  toleranceSeconds: number | undefined,
  deps: AgidTokenDeps,
): Promise<VerifiedAgidToken> {
  const fail = (suffix: string, reason?: string) => new PdndError(`${kind}_${suffix}` as PdndErrorCode, { reason });
  const header = readProtectedHeader(token);
  if (!header) throw fail('TOKEN_MALFORMED');
  const { alg, kid } = header;
  if (alg !== 'RS256') throw fail('ALG_NOT_ALLOWED');
  const refused = refusedHeaderMember(header);
  if (refused) throw fail('TOKEN_MALFORMED', `${refused} header not accepted`);
  if (!nonEmptyString(kid)) throw fail('TOKEN_MALFORMED', 'kid missing');
  // x5c/x5u trust (INTEGRITY_REST_01) is not accepted: with PDND the key comes from PDND only.
  const key = await deps.consumerKeys.get(kid);
  if (!key) throw fail('KID_UNKNOWN');
  // PDND vouches for the client through the voucher and for the key through its keys API; a key of
  // another client would let one consumer sign requests in another's name (or with a stolen key).
  if (!sameId(key.clientId, callerClientId)) throw fail('KEY_CLIENT_MISMATCH');
  const outcome = await verifyCompactJws(token, key.key, 'RS256');
  if (!outcome.ok) throw fail(outcome.failure === 'signature' ? 'SIGNATURE_INVALID' : 'TOKEN_MALFORMED');
  const payload = outcome.payload;
  if (payload.aud === undefined) throw fail('CLAIMS_MISSING', 'aud');
  if (!isAudienceClaim(payload.aud)) throw fail('TOKEN_MALFORMED', 'aud type');
  if (!audienceMatches(payload.aud, audience)) throw fail('AUDIENCE_INVALID');
  const nowSeconds = (deps.now ?? Date.now)() / 1000;
  const timeFailure = checkTimes(payload, nowSeconds, toleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS);
  if (timeFailure) throw fail(TIME_SUFFIX[timeFailure]);
  if (!nonEmptyString(payload.jti)) throw fail('CLAIMS_MISSING', 'jti');
  return { key, payload, jti: payload.jti, exp: payload.exp as number };
}

/** Replay window of an Agid token: until it expires, plus the skew we accept on exp. */
export function replayTtlSeconds(exp: number, nowMs: number, toleranceSeconds: number | undefined): number {
  return exp - nowMs / 1000 + (toleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS);
}
