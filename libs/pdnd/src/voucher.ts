import { isPlainObject, nonEmptyString, sameId } from './claims';
import { VoucherConfig } from './config';
import { verifyDpopProof } from './dpop';
import { AuthScheme, PdndError } from './errors';
import { VoucherKeyResolver } from './key-set';
import { checkAudience, verifyPdndSignedToken } from './pdnd-token';
import { ReplayStore } from './replay';
import { VerifiedTokens } from './verified-tokens';

export interface VoucherRequest {
  authorization?: string | string[];
  dpop?: string | string[];
  method: string;
  /** Absolute public URL of the request (scheme + host + path), as the consumer addressed it. */
  url: string;
}

export interface VoucherDeps {
  keySet: VoucherKeyResolver;
  replayStore: ReplayStore;
  verifiedTokens?: VerifiedTokens;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

/** The authenticated consumer, as stated by a verified PDND voucher. No personal data. */
export interface VerifiedCaller {
  tokenType: AuthScheme;
  clientId: string;
  purposeId: string;
  consumerId?: string;
  producerId?: string;
  eserviceId?: string;
  descriptorId?: string;
  /** Voucher jti; for logs. Voucher jtis are not replay-checked: a Bearer voucher is reused until expiry. */
  jti: string;
  issuedAt: number;
  expiresAt: number;
  /** AUDIT_REST_02 binding to the tracking evidence, when the consumer asked PDND for one. */
  digest?: { alg: string; value: string };
  /** Thumbprint of the consumer's DPoP key, for DPoP-bound vouchers. */
  dpopJkt?: string;
  claims: Readonly<Record<string, unknown>>;
}

/** Splits `Authorization` into scheme and token: exactly one header, one scheme, one token. */
export function parseAuthorization(value: string | string[] | undefined): { scheme: AuthScheme; token: string } {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (values.length === 0 || values[0]!.trim() === '') throw new PdndError('VOUCHER_MISSING');
  if (values.length > 1) throw new PdndError('VOUCHER_HEADER_REPEATED');
  const [rawScheme = '', ...rest] = values[0]!.trim().split(/\s+/);
  const scheme = rawScheme.toLowerCase() === 'bearer' ? 'Bearer' : rawScheme.toLowerCase() === 'dpop' ? 'DPoP' : undefined;
  if (!scheme) throw new PdndError('VOUCHER_SCHEME_UNSUPPORTED');
  // "Bearer a b", "Bearer a, Bearer b" and "Bearer" alone are all refused.
  if (rest.length !== 1 || rest[0]!.includes(',')) throw new PdndError('VOUCHER_MALFORMED', { scheme, reason: 'not exactly one token' });
  return { scheme, token: rest[0]! };
}

/**
 * Verifies a PDND voucher presented as `Bearer` or `DPoP` (reference §0 items 1–4, §1.2, §1.3).
 * Throws PdndError: 401-class failures first (the caller is not authenticated), then the
 * 403-class ones (audience, producer, e-service, descriptor).
 */
export async function verifyVoucher(req: VoucherRequest, cfg: VoucherConfig, deps: VoucherDeps): Promise<VerifiedCaller> {
  const caller = await authenticateVoucher(req, cfg, deps);
  checkVoucherScope(caller, cfg);
  return caller;
}

/**
 * The 401-class half of verifyVoucher: once it returns, PDND vouches for the caller (signature, times,
 * and for DPoP the holder's key), so its quota can be charged even if the voucher is for another
 * e-service; before that, nothing in the token can be trusted to name anyone.
 */
export async function authenticateVoucher(req: VoucherRequest, cfg: VoucherConfig, deps: VoucherDeps): Promise<VerifiedCaller> {
  const { scheme, token } = parseAuthorization(req.authorization);
  if (scheme === 'DPoP' && (req.dpop === undefined || req.dpop.length === 0)) {
    throw new PdndError('DPOP_PROOF_MISSING', { scheme });
  }
  const payload = await verifyPdndSignedToken(token, scheme, cfg, deps);
  const fail = (code: 'VOUCHER_CLAIMS_MISSING' | 'VOUCHER_CLIENT_MISMATCH', reason?: string) =>
    new PdndError(code, { scheme, reason });

  const { sub, client_id: clientId, purposeId } = payload;
  if (!nonEmptyString(sub) || !nonEmptyString(clientId)) throw fail('VOUCHER_CLAIMS_MISSING', 'sub/client_id');
  if (sub !== clientId) throw fail('VOUCHER_CLIENT_MISMATCH');
  if (!nonEmptyString(purposeId)) throw new PdndError('VOUCHER_PURPOSE_MISSING', { scheme });

  const jkt = isPlainObject(payload.cnf) && nonEmptyString(payload.cnf.jkt) ? payload.cnf.jkt : undefined;
  // RFC 9449 §7: a DPoP-bound voucher used as Bearer would let a thief skip the key proof.
  if (scheme === 'Bearer' && payload.cnf !== undefined) throw new PdndError('VOUCHER_DPOP_BOUND_AS_BEARER', { scheme });
  if (scheme === 'DPoP') {
    if (!jkt) throw new PdndError('VOUCHER_NOT_DPOP_BOUND', { scheme });
    await verifyDpopProof(
      { proof: req.dpop, method: req.method, url: req.url, accessToken: token, expectedJkt: jkt },
      cfg.dpop ?? {},
      deps,
    );
  }

  return {
    tokenType: scheme,
    clientId,
    purposeId,
    ...optionalStrings(payload, ['consumerId', 'producerId', 'eserviceId', 'descriptorId'] as const),
    jti: payload.jti as string,
    issuedAt: payload.iat as number,
    expiresAt: payload.exp as number,
    ...(parseDigest(payload.digest) ? { digest: parseDigest(payload.digest) } : {}),
    ...(jkt ? { dpopJkt: jkt } : {}),
    claims: Object.freeze({ ...payload }),
  };
}

/** The 403-class half of verifyVoucher: the voucher was issued for this e-service (version, producer). */
export function checkVoucherScope(caller: VerifiedCaller, cfg: VoucherConfig): void {
  const scheme = caller.tokenType;
  checkAudience(caller.claims, cfg, scheme);
  const expected = [
    ['producerId', cfg.producerId, 'VOUCHER_PRODUCER_MISMATCH'],
    ['eserviceId', cfg.eserviceId, 'VOUCHER_ESERVICE_MISMATCH'],
    ['descriptorId', cfg.descriptorId, 'VOUCHER_DESCRIPTOR_MISMATCH'],
  ] as const;
  for (const [claim, wanted, code] of expected) {
    if (wanted !== undefined && !sameId(caller.claims[claim], wanted)) throw new PdndError(code, { scheme });
  }
}

function optionalStrings<K extends string>(payload: Record<string, unknown>, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) if (nonEmptyString(payload[k])) out[k] = payload[k] as string;
  return out;
}

function parseDigest(value: unknown): { alg: string; value: string } | undefined {
  if (!isPlainObject(value) || typeof value.alg !== 'string' || typeof value.value !== 'string') return undefined;
  return { alg: value.alg, value: value.value };
}

export interface VerifiedProbe {
  jti: string;
  sub?: string;
  expiresAt: number;
}

/**
 * PDND probing token for `GET <basePath>/interop/probing` (reference §1.5): PDND-signed like a
 * voucher, but without purposeId / client_id. Use it on that route only.
 */
export async function verifyProbingToken(
  req: Pick<VoucherRequest, 'authorization'>,
  cfg: VoucherConfig,
  deps: Pick<VoucherDeps, 'keySet' | 'now'>,
): Promise<VerifiedProbe> {
  const { scheme, token } = parseAuthorization(req.authorization);
  if (scheme !== 'Bearer') throw new PdndError('VOUCHER_SCHEME_UNSUPPORTED', { scheme });
  const payload = await verifyPdndSignedToken(token, scheme, cfg, deps);
  checkAudience(payload, cfg, scheme);
  const probe: VerifiedProbe = { jti: payload.jti as string, expiresAt: payload.exp as number };
  if (nonEmptyString(payload.sub)) probe.sub = payload.sub;
  return probe;
}
