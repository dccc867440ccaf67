import { asList, audienceMatches, checkTimes, isAudienceClaim, nonEmptyString } from './claims';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, DEFAULT_MAX_VOUCHER_LIFESPAN_SECONDS, VoucherConfig } from './config';
import { AuthScheme, PdndError } from './errors';
import { PdndErrorCode } from './error-codes';
import { readProtectedHeader, refusedHeaderMember, verifyCompactJws } from './jws';
import { VoucherKeyResolver } from './key-set';
import { VerifiedTokens } from './verified-tokens';

const TIME_ERRORS = {
  missing: 'VOUCHER_CLAIMS_MISSING',
  expired: 'VOUCHER_EXPIRED',
  'not-yet-valid': 'VOUCHER_NOT_YET_VALID',
  'issued-in-future': 'VOUCHER_ISSUED_IN_FUTURE',
} as const;

/**
 * Verifies what every PDND-signed token shares (vouchers and probing tokens): a compact JWS,
 * alg RS256 only, typ at+jwt, no crit/zip/b64, a kid from the PDND key set, the signature (jose), iss,
 * exp/nbf/iat, a lifespan (exp − iat) within the configured maximum, jti, and an `aud` of the right type.
 * The audience is checked by the callers, after the 401-class checks, because a wrong audience
 * is a 403 (reference §1.4).
 */
export async function verifyPdndSignedToken(
  token: string,
  scheme: AuthScheme,
  cfg: VoucherConfig,
  deps: { keySet: VoucherKeyResolver; now?: () => number; verifiedTokens?: VerifiedTokens },
): Promise<Record<string, unknown>> {
  const fail = (code: PdndErrorCode, reason?: string) => new PdndError(code, { scheme, reason });
  // A consumer reuses its voucher until it expires: the cache saves the decoding and the RSA check.
  const known = deps.verifiedTokens?.get(token);
  const header = known?.header ?? readProtectedHeader(token);
  if (!header) throw fail('VOUCHER_MALFORMED');
  const { alg, typ, kid } = header;
  // Allow-list first: `none`, HS* and anything else never reach key lookup or verification.
  if (alg !== 'RS256') throw fail('VOUCHER_ALG_NOT_ALLOWED', `alg ${String(alg).slice(0, 16)}`);
  const refused = refusedHeaderMember(header);
  if (refused) throw fail('VOUCHER_MALFORMED', `${refused} header not accepted`);
  if (typeof typ !== 'string' || !['at+jwt', 'application/at+jwt'].includes(typ.toLowerCase())) throw fail('VOUCHER_TYP_INVALID');
  if (!nonEmptyString(kid)) throw fail('VOUCHER_KID_MISSING');
  const key = await deps.keySet.get(kid);
  if (!key) throw fail('VOUCHER_KID_UNKNOWN');
  let payload = known?.key === key ? known.payload : undefined;
  if (!payload) {
    const outcome = await verifyCompactJws(token, key, 'RS256');
    if (!outcome.ok) throw fail(outcome.failure === 'signature' ? 'VOUCHER_SIGNATURE_INVALID' : 'VOUCHER_MALFORMED');
    payload = outcome.payload;
    deps.verifiedTokens?.remember(token, { header, payload, key });
  }

  if (!nonEmptyString(payload.iss)) throw fail('VOUCHER_CLAIMS_MISSING', 'iss');
  if (!asList(cfg.issuer).includes(payload.iss)) throw fail('VOUCHER_ISSUER_INVALID');
  const nowSeconds = (deps.now ?? Date.now)() / 1000;
  const timeFailure = checkTimes(payload, nowSeconds, cfg.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS);
  if (timeFailure) throw fail(TIME_ERRORS[timeFailure]);
  // A voucher lives as long as the e-service's agreed lifespan; a longer one was not minted for us
  // (or its issuer is compromised), and a stolen one would stay usable too long.
  const maxLifespan = cfg.maxLifespanSeconds ?? DEFAULT_MAX_VOUCHER_LIFESPAN_SECONDS;
  if ((payload.exp as number) - (payload.iat as number) > maxLifespan) throw fail('VOUCHER_LIFESPAN_TOO_LONG');
  if (!nonEmptyString(payload.jti)) throw fail('VOUCHER_CLAIMS_MISSING', 'jti');
  if (payload.aud === undefined) throw fail('VOUCHER_CLAIMS_MISSING', 'aud');
  // A malformed aud is a bad token (401), not a token for someone else (403).
  if (!isAudienceClaim(payload.aud)) throw fail('VOUCHER_CLAIM_INVALID', 'aud');
  return payload;
}

/** 403 unless the voucher `aud` (string or array) contains one of our audiences. */
export function checkAudience(payload: Record<string, unknown>, cfg: VoucherConfig, scheme: AuthScheme): void {
  if (!audienceMatches(payload.aud, cfg.audience)) throw new PdndError('VOUCHER_AUDIENCE_INVALID', { scheme });
}
