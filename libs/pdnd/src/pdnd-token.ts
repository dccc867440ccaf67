import { asList, audienceMatches, checkTimes, nonEmptyString } from './claims';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, VoucherConfig } from './config';
import { AuthScheme, PdndError } from './errors';
import { PdndErrorCode } from './error-codes';
import { decodeCompactJws, verifySignature } from './jws';
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
 * alg RS256 only, typ at+jwt, a kid from the PDND key set, the signature, iss, exp/nbf/iat and jti.
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
  const known = deps.verifiedTokens?.decoded(token);
  const jws = known?.jws ?? decodeCompactJws(token);
  if (!jws) throw fail('VOUCHER_MALFORMED');
  const { alg, typ, kid, crit } = jws.header;
  // Allow-list first: `none`, HS* and anything else never reach key lookup or verification.
  if (alg !== 'RS256') throw fail('VOUCHER_ALG_NOT_ALLOWED', `alg ${String(alg).slice(0, 16)}`);
  if (crit !== undefined) throw fail('VOUCHER_MALFORMED', 'crit header not supported');
  if (typeof typ !== 'string' || !['at+jwt', 'application/at+jwt'].includes(typ.toLowerCase())) throw fail('VOUCHER_TYP_INVALID');
  if (!nonEmptyString(kid)) throw fail('VOUCHER_KID_MISSING');
  const key = await deps.keySet.get(kid);
  if (!key) throw fail('VOUCHER_KID_UNKNOWN');
  if (known?.key !== key) {
    if (!verifySignature('RS256', key, jws.signingInput, jws.signature)) throw fail('VOUCHER_SIGNATURE_INVALID');
    deps.verifiedTokens?.remember(token, jws, key);
  }

  const payload = jws.payload;
  if (!nonEmptyString(payload.iss)) throw fail('VOUCHER_CLAIMS_MISSING', 'iss');
  if (!asList(cfg.issuer).includes(payload.iss)) throw fail('VOUCHER_ISSUER_INVALID');
  const nowSeconds = (deps.now ?? Date.now)() / 1000;
  const timeFailure = checkTimes(payload, nowSeconds, cfg.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS);
  if (timeFailure) throw fail(TIME_ERRORS[timeFailure]);
  if (!nonEmptyString(payload.jti)) throw fail('VOUCHER_CLAIMS_MISSING', 'jti');
  if (payload.aud === undefined) throw fail('VOUCHER_CLAIMS_MISSING', 'aud');
  return payload;
}

/** 403 unless the voucher `aud` (string or array) contains one of our audiences. */
export function checkAudience(payload: Record<string, unknown>, cfg: VoucherConfig, scheme: AuthScheme): void {
  if (!audienceMatches(payload.aud, cfg.audience)) throw new PdndError('VOUCHER_AUDIENCE_INVALID', { scheme });
}
