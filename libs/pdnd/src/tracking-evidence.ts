import { replayTtlSeconds, verifyAgidToken, AgidTokenDeps } from './agid-jwt';
import { headerValues, Headers } from './claims';
import { DEFAULT_AUDIT_CLAIMS } from './config';
import { trackingEvidenceDigest } from './digest';
import { PdndError } from './errors';
import { claimOrFail, ReplayStore } from './replay';
import { VerifiedCaller } from './voucher';

export interface TrackingEvidenceConfig {
  /** Expected `aud` of the tracking evidence. */
  audience: string | readonly string[];
  clockToleranceSeconds?: number;
  /** Claims agreed with the consumer; default purposeId, userID, userLocation, LoA. */
  requiredClaims?: readonly string[];
}

export interface TrackingEvidenceDeps extends AgidTokenDeps {
  replayStore: ReplayStore;
}

export interface VerifiedTrackingEvidence {
  kid: string;
  jti: string;
  /** Client owning the signing key, per the PDND keys API: always the voucher's client. */
  keyClientId: string;
  /**
   * The agreed claims (userID, userLocation, LoA, …). They describe a person in the consumer's
   * domain: store them only in the access audit, never in application logs.
   */
  claims: Readonly<Record<string, unknown>>;
}

/**
 * AUDIT_REST_02 (reference §2.4): the Agid-JWT-TrackingEvidence is verified with the consumer's
 * PDND key, its agreed claims must be present, and the hex SHA-256 of the exact header value must
 * equal the voucher `digest.value`, which is how PDND binds the voucher to this evidence.
 */
export async function verifyTrackingEvidence(
  req: { headers: Headers },
  caller: Pick<VerifiedCaller, 'clientId' | 'digest' | 'purposeId'>,
  cfg: TrackingEvidenceConfig,
  deps: TrackingEvidenceDeps,
): Promise<VerifiedTrackingEvidence> {
  const values = headerValues(req.headers, 'agid-jwt-trackingevidence');
  if (values.length === 0 || values[0]!.trim() === '') throw new PdndError('AUDIT_EVIDENCE_MISSING');
  if (values.length > 1) throw new PdndError('AUDIT_TOKEN_MALFORMED', { reason: 'several evidence headers' });
  const evidence = values[0]!;
  if (!caller.digest) throw new PdndError('AUDIT_VOUCHER_DIGEST_MISSING');
  if (caller.digest.alg !== 'SHA256') throw new PdndError('AUDIT_DIGEST_ALG_UNSUPPORTED');

  const token = await verifyAgidToken('AUDIT', evidence.trim(), caller.clientId, cfg.audience, cfg.clockToleranceSeconds, deps);
  const claims: Record<string, unknown> = {};
  for (const name of cfg.requiredClaims ?? DEFAULT_AUDIT_CLAIMS) {
    const value = token.payload[name];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      throw new PdndError('AUDIT_CLAIMS_MISSING', { reason: name });
    }
    claims[name] = value;
  }
  const purposeId = token.payload.purposeId;
  if (purposeId !== undefined && purposeId !== caller.purposeId) throw new PdndError('AUDIT_PURPOSE_MISMATCH');
  if (trackingEvidenceDigest(evidence) !== caller.digest.value.toLowerCase()) throw new PdndError('AUDIT_DIGEST_MISMATCH');

  const nowMs = (deps.now ?? Date.now)();
  const ttl = replayTtlSeconds(token.exp, nowMs, cfg.clockToleranceSeconds);
  if (!(await claimOrFail(deps.replayStore, 'agid-jwt-trackingevidence', `${token.key.kid}:${token.jti}`, ttl))) {
    throw new PdndError('AUDIT_REPLAYED');
  }
  return { kid: token.key.kid, jti: token.jti, keyClientId: token.key.clientId, claims: Object.freeze(claims) };
}
