import { replayTtlSeconds, verifyAgidToken, AgidTokenDeps } from './agid-jwt';
import { headerValues, Headers } from './claims';
import { digestMatches, parseSha256Digest } from './digest';
import { PdndError } from './errors';
import { isPlainObject } from './claims';
import type { VerifiedCaller } from './voucher';
import { claimOrFail, ReplayStore } from './replay';

export interface IntegrityRequest {
  headers: Headers;
  /** The body bytes exactly as received: re-serialised JSON would not match the consumer's digest. */
  rawBody: Buffer | Uint8Array | string;
}

export interface IntegrityConfig {
  /** Expected `aud` of the Agid-JWT-Signature (our e-service audience or endpoint URL). */
  audience: string | readonly string[];
  clockToleranceSeconds?: number;
}

export interface IntegrityDeps extends AgidTokenDeps {
  replayStore: ReplayStore;
}

export interface VerifiedIntegrity {
  kid: string;
  jti: string;
  /** Client owning the signing key, per the PDND keys API: always the voucher's client. */
  keyClientId: string;
  signedHeaders: Readonly<Record<string, string>>;
}

// Headers that, when present in the request, must be covered by the signature (reference §2.3).
const MUST_SIGN_IF_PRESENT = ['content-type', 'content-encoding'];

/** INTEGRITY_REST_02 on a request: Agid-JWT-Signature + Digest over the raw body (reference §0 item 5). */
export async function verifyIntegrityRest02(
  req: IntegrityRequest,
  caller: Pick<VerifiedCaller, 'clientId'>,
  cfg: IntegrityConfig,
  deps: IntegrityDeps,
): Promise<VerifiedIntegrity> {
  const tokens = headerValues(req.headers, 'agid-jwt-signature');
  if (tokens.length === 0 || tokens[0]!.trim() === '') throw new PdndError('INTEGRITY_SIGNATURE_MISSING');
  if (tokens.length > 1) throw new PdndError('INTEGRITY_TOKEN_MALFORMED', { reason: 'several signature headers' });
  const digests = headerValues(req.headers, 'digest');
  if (digests.length === 0 || digests.join('').trim() === '') throw new PdndError('INTEGRITY_DIGEST_MISSING');
  const digestHeader = digests.join(', ');

  const token = await verifyAgidToken('INTEGRITY', tokens[0]!.trim(), caller.clientId, cfg.audience, cfg.clockToleranceSeconds, deps);
  const signed = parseSignedHeaders(token.payload.signed_headers);

  if (!('digest' in signed)) throw new PdndError('INTEGRITY_SIGNED_HEADER_MISSING', { reason: 'digest' });
  for (const name of MUST_SIGN_IF_PRESENT) {
    if (headerValues(req.headers, name).length > 0 && !(name in signed)) {
      throw new PdndError('INTEGRITY_SIGNED_HEADER_MISSING', { reason: name });
    }
  }
  for (const [name, value] of Object.entries(signed)) {
    const actual = headerValues(req.headers, name).join(', ').trim();
    if (actual !== value.trim()) throw new PdndError('INTEGRITY_SIGNED_HEADER_MISMATCH', { reason: name });
  }

  const expected = parseSha256Digest(digestHeader);
  if (!expected) throw new PdndError('INTEGRITY_DIGEST_UNSUPPORTED');
  if (!digestMatches(expected, req.rawBody)) throw new PdndError('INTEGRITY_DIGEST_MISMATCH');

  const nowMs = (deps.now ?? Date.now)();
  const ttl = replayTtlSeconds(token.exp, nowMs, cfg.clockToleranceSeconds);
  if (!(await claimOrFail(deps.replayStore, 'agid-jwt-signature', `${token.key.kid}:${token.jti}`, ttl))) {
    throw new PdndError('INTEGRITY_REPLAYED');
  }
  return { kid: token.key.kid, jti: token.jti, keyClientId: token.key.clientId, signedHeaders: Object.freeze(signed) };
}

/** `signed_headers` is an array of single-member objects with lowercase names (ModI). */
function parseSignedHeaders(value: unknown): Record<string, string> {
  if (!Array.isArray(value) || value.length === 0) throw new PdndError('INTEGRITY_CLAIMS_MISSING', { reason: 'signed_headers' });
  const signed: Record<string, string> = {};
  for (const entry of value) {
    const members = isPlainObject(entry) ? Object.entries(entry) : [];
    if (members.length !== 1 || typeof members[0]![1] !== 'string') {
      throw new PdndError('INTEGRITY_TOKEN_MALFORMED', { reason: 'signed_headers entry' });
    }
    const [name, headerValue] = members[0] as [string, string];
    const lower = name.toLowerCase();
    if (lower in signed) throw new PdndError('INTEGRITY_TOKEN_MALFORMED', { reason: 'duplicate signed header' });
    signed[lower] = headerValue;
  }
  return signed;
}
