// The registry of every error this library raises. Titles follow GovWay's vocabulary where one
// exists (the reference's §1.4); details are fixed sentences so that no response ever echoes request
// data, personal data, or hints about whether a citizen is known to the FSL.

export type AuthError = 'invalid_request' | 'invalid_token' | 'invalid_dpop_proof';

export interface ErrorSpec {
  status: 400 | 401 | 403 | 429 | 500 | 503;
  title: string;
  detail: string;
  /** RFC 6750 / RFC 9449 error for WWW-Authenticate; 'challenge' = credentials missing (no error param). */
  auth?: AuthError | 'challenge';
}

const voucher = (title: string, detail: string, auth: AuthError = 'invalid_token'): ErrorSpec => ({ status: 401, title, detail, auth });
const dpop = (detail: string): ErrorSpec => ({ status: 401, title: 'DPoPProofInvalid', detail, auth: 'invalid_dpop_proof' });
const forbidden = (detail: string): ErrorSpec => ({ status: 403, title: 'AuthorizationDeny', detail });
const modi = (detail: string): ErrorSpec => ({ status: 400, title: 'MessageSecurityRequestFailed', detail });

export const ERROR_REGISTRY = {
  // Voucher (ID_AUTH via PDND), reference §1.2 and §3 V1–V14.
  VOUCHER_MISSING: { status: 401, title: 'TokenAuthenticationRequired', detail: 'A PDND voucher is required.', auth: 'challenge' },
  VOUCHER_SCHEME_UNSUPPORTED: voucher('TokenAuthenticationFailed', 'The Authorization scheme must be Bearer or DPoP.', 'invalid_request'),
  VOUCHER_MALFORMED: voucher('TokenAuthenticationFailed', 'The voucher is not a single well-formed JWS.'),
  VOUCHER_ALG_NOT_ALLOWED: voucher('TokenAuthenticationFailed', 'The voucher signature algorithm is not accepted.'),
  VOUCHER_TYP_INVALID: voucher('TokenAuthenticationFailed', 'The voucher type must be at+jwt.'),
  VOUCHER_KID_MISSING: voucher('TokenAuthenticationFailed', 'The voucher does not name its signing key.'),
  VOUCHER_KID_UNKNOWN: voucher('TokenAuthenticationFailed', 'The voucher signing key is not a PDND key.'),
  VOUCHER_SIGNATURE_INVALID: voucher('TokenAuthenticationFailed', 'The voucher signature is not valid.'),
  VOUCHER_ISSUER_INVALID: voucher('TokenAuthenticationFailed', 'The voucher was not issued by the expected PDND environment.'),
  VOUCHER_EXPIRED: voucher('TokenExpired', 'The voucher has expired.'),
  VOUCHER_NOT_YET_VALID: voucher('TokenNotBefore', 'The voucher is not valid yet.'),
  VOUCHER_ISSUED_IN_FUTURE: voucher('TokenInTheFuture', 'The voucher was issued in the future.'),
  VOUCHER_CLAIMS_MISSING: voucher('TokenRequiredClaimsNotFound', 'The voucher lacks required claims.'),
  VOUCHER_CLAIM_INVALID: voucher('TokenAuthenticationFailed', 'A voucher claim has a value of the wrong type.'),
  VOUCHER_LIFESPAN_TOO_LONG: voucher('TokenAuthenticationFailed', 'The voucher lifespan exceeds the one agreed for this e-service.'),
  // Node keeps only the first of repeated Authorization headers: the api refuses the request instead.
  VOUCHER_HEADER_REPEATED: { status: 400, title: 'InteroperabilityInvalidRequest', detail: 'Exactly one Authorization header is accepted.', auth: 'invalid_request' },
  VOUCHER_PURPOSE_MISSING: voucher('TokenRequiredClaimsNotFound', 'The voucher does not carry a purposeId.'),
  VOUCHER_CLIENT_MISMATCH: voucher('TokenAuthenticationFailed', 'The voucher client_id and sub differ.'),
  VOUCHER_DPOP_BOUND_AS_BEARER: voucher('TokenAuthenticationFailed', 'A DPoP-bound voucher must be presented with the DPoP scheme.'),
  VOUCHER_NOT_DPOP_BOUND: voucher('TokenAuthenticationFailed', 'The voucher is not bound to a DPoP key.'),
  VOUCHER_AUDIENCE_INVALID: forbidden('The voucher is not intended for this e-service.'),
  VOUCHER_PRODUCER_MISMATCH: forbidden('The voucher was issued for another producer.'),
  VOUCHER_ESERVICE_MISMATCH: forbidden('The voucher was issued for another e-service.'),
  VOUCHER_DESCRIPTOR_MISMATCH: forbidden('The voucher was issued for another e-service version.'),
  // For the authorisation layer of the app (V13): same problem shape, raised by the wiring.
  PURPOSE_NOT_AUTHORISED: forbidden('The purpose is not authorised for this operation.'),

  // DPoP proof (RFC 9449), reference §1.3 and §3 D1–D9.
  DPOP_PROOF_MISSING: dpop('A DPoP proof is required with the DPoP scheme.'),
  DPOP_PROOF_MULTIPLE: dpop('Exactly one DPoP proof is accepted.'),
  DPOP_PROOF_MALFORMED: dpop('The DPoP proof is not a well-formed JWS.'),
  DPOP_TYP_INVALID: dpop('The DPoP proof type must be dpop+jwt.'),
  DPOP_ALG_NOT_ALLOWED: dpop('The DPoP proof signature algorithm is not accepted.'),
  DPOP_JWK_INVALID: dpop('The DPoP proof must carry one acceptable public key.'),
  DPOP_SIGNATURE_INVALID: dpop('The DPoP proof signature is not valid.'),
  DPOP_CLAIMS_MISSING: dpop('The DPoP proof lacks required claims.'),
  DPOP_HTM_MISMATCH: dpop('The DPoP proof was made for another HTTP method.'),
  DPOP_HTU_MISMATCH: dpop('The DPoP proof was made for another URL.'),
  DPOP_HTU_INVALID: dpop('The DPoP proof htu must be a URL without query or fragment.'),
  DPOP_PROOF_EXPIRED: dpop('The DPoP proof is too old.'),
  DPOP_PROOF_IN_FUTURE: dpop('The DPoP proof was issued in the future.'),
  DPOP_ATH_MISMATCH: dpop('The DPoP proof is not bound to this voucher.'),
  DPOP_JKT_MISMATCH: dpop('The DPoP proof key is not the key the voucher is bound to.'),
  DPOP_REPLAYED: dpop('The DPoP proof has already been used.'),

  // INTEGRITY_REST_02, reference §2.3 and §3 I1–I7.
  INTEGRITY_SIGNATURE_MISSING: modi('The Agid-JWT-Signature header is required.'),
  INTEGRITY_DIGEST_MISSING: modi('The Digest header is required.'),
  INTEGRITY_DIGEST_UNSUPPORTED: modi('The Digest header must carry a SHA-256 value.'),
  INTEGRITY_DIGEST_MISMATCH: modi('The Digest does not match the request body.'),
  INTEGRITY_TOKEN_MALFORMED: modi('The Agid-JWT-Signature is not a well-formed JWS.'),
  INTEGRITY_ALG_NOT_ALLOWED: modi('The Agid-JWT-Signature algorithm is not accepted.'),
  INTEGRITY_KID_UNKNOWN: modi('The Agid-JWT-Signature key is not registered on PDND.'),
  INTEGRITY_KEY_CLIENT_MISMATCH: modi('The Agid-JWT-Signature key does not belong to the client of the voucher.'),
  INTEGRITY_SIGNATURE_INVALID: modi('The Agid-JWT-Signature signature is not valid.'),
  INTEGRITY_AUDIENCE_INVALID: modi('The Agid-JWT-Signature is not intended for this e-service.'),
  INTEGRITY_EXPIRED: modi('The Agid-JWT-Signature has expired.'),
  INTEGRITY_NOT_YET_VALID: modi('The Agid-JWT-Signature is not valid yet.'),
  INTEGRITY_ISSUED_IN_FUTURE: modi('The Agid-JWT-Signature was issued in the future.'),
  INTEGRITY_CLAIMS_MISSING: modi('The Agid-JWT-Signature lacks required claims.'),
  INTEGRITY_SIGNED_HEADER_MISSING: modi('A header that must be signed is not in signed_headers.'),
  INTEGRITY_SIGNED_HEADER_MISMATCH: modi('A signed header differs from the header received.'),
  INTEGRITY_REPLAYED: modi('The Agid-JWT-Signature has already been used.'),

  // AUDIT_REST_02, reference §2.4 and §3 A1–A6.
  AUDIT_EVIDENCE_MISSING: modi('The Agid-JWT-TrackingEvidence header is required.'),
  AUDIT_TOKEN_MALFORMED: modi('The Agid-JWT-TrackingEvidence is not a well-formed JWS.'),
  AUDIT_ALG_NOT_ALLOWED: modi('The Agid-JWT-TrackingEvidence algorithm is not accepted.'),
  AUDIT_KID_UNKNOWN: modi('The Agid-JWT-TrackingEvidence key is not registered on PDND.'),
  AUDIT_KEY_CLIENT_MISMATCH: modi('The Agid-JWT-TrackingEvidence key does not belong to the client of the voucher.'),
  AUDIT_SIGNATURE_INVALID: modi('The Agid-JWT-TrackingEvidence signature is not valid.'),
  AUDIT_AUDIENCE_INVALID: modi('The Agid-JWT-TrackingEvidence is not intended for this e-service.'),
  AUDIT_EXPIRED: modi('The Agid-JWT-TrackingEvidence has expired.'),
  AUDIT_NOT_YET_VALID: modi('The Agid-JWT-TrackingEvidence is not valid yet.'),
  AUDIT_ISSUED_IN_FUTURE: modi('The Agid-JWT-TrackingEvidence was issued in the future.'),
  AUDIT_CLAIMS_MISSING: modi('The Agid-JWT-TrackingEvidence lacks agreed claims.'),
  AUDIT_PURPOSE_MISMATCH: modi('The Agid-JWT-TrackingEvidence purposeId differs from the voucher.'),
  AUDIT_VOUCHER_DIGEST_MISSING: modi('The voucher carries no digest of the tracking evidence.'),
  AUDIT_DIGEST_ALG_UNSUPPORTED: modi('The voucher digest algorithm must be SHA256.'),
  AUDIT_DIGEST_MISMATCH: modi('The tracking evidence does not match the voucher digest.'),
  AUDIT_REPLAYED: modi('The Agid-JWT-TrackingEvidence has already been used.'),

  // Infrastructure and quota; Retry-After is set on these.
  PDND_KEYS_UNAVAILABLE: { status: 503, title: 'ServiceUnavailable', detail: 'PDND keys cannot be retrieved right now.' },
  REPLAY_STORE_UNAVAILABLE: { status: 503, title: 'ServiceUnavailable', detail: 'The service is temporarily unavailable.' },
  RATE_LIMITED: { status: 429, title: 'TooManyRequests', detail: 'The request quota has been exhausted.' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'ServiceUnavailable', detail: 'The service is temporarily unavailable.' },
  INTERNAL_ERROR: { status: 500, title: 'InternalServerError', detail: 'An unexpected error occurred.' },
} as const satisfies Record<string, ErrorSpec>;

export type PdndErrorCode = keyof typeof ERROR_REGISTRY;
