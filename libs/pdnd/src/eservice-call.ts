import { headerValues, Headers } from './claims';
import { ModiConfig, VoucherConfig } from './config';
import { ConsumerKeyResolver } from './consumer-keys';
import { verifyIntegrityRest02, VerifiedIntegrity } from './integrity';
import { VoucherKeyResolver } from './key-set';
import { ReplayStore } from './replay';
import { verifyTrackingEvidence, VerifiedTrackingEvidence } from './tracking-evidence';
import { VerifiedTokens } from './verified-tokens';
import { authenticateVoucher, checkVoucherScope, VerifiedCaller } from './voucher';

/** Which ModI patterns an operation declares (also stated in its OpenAPI operation). */
export interface EservicePolicy {
  integrity?: boolean;
  audit?: boolean;
}

export interface EserviceRequest {
  method: string;
  /** Absolute public URL (scheme + host + path) as the consumer addressed it; used for DPoP htu. */
  url: string;
  headers: Headers;
  /** Raw body bytes; required when the policy asks for INTEGRITY_REST_02. */
  rawBody?: Buffer | Uint8Array | string;
}

export interface PdndDeps {
  keySet: VoucherKeyResolver;
  consumerKeys: ConsumerKeyResolver;
  replayStore: ReplayStore;
  /** Vouchers already verified (see VerifiedTokens); without it every call verifies its voucher's signature. */
  verifiedTokens?: VerifiedTokens;
  now?: () => number;
}

export interface VerifiedEserviceCall {
  caller: VerifiedCaller;
  integrity?: VerifiedIntegrity;
  audit?: VerifiedTrackingEvidence;
}

/**
 * One call for an HTTP guard: the voucher first (401/403), then the ModI patterns the operation
 * declares (400), then `alongside`'s refusal if any. `alongside` starts as soon as the caller is
 * authenticated (before the 403-class voucher checks), so it sees every call PDND vouches for. Throws PdndError; turn it into a response with
 * problemResponse().
 */
export async function verifyEserviceCall(
  req: EserviceRequest,
  policy: EservicePolicy,
  cfg: { voucher: VoucherConfig; modi?: ModiConfig },
  deps: PdndDeps,
  alongside?: (caller: VerifiedCaller) => Promise<void>,
): Promise<VerifiedEserviceCall> {
  const first = (name: string) => {
    const values = headerValues(req.headers, name);
    return values.length <= 1 ? values[0] : values;
  };
  const caller = await authenticateVoucher(
    { authorization: first('authorization'), dpop: first('dpop'), method: req.method, url: req.url },
    cfg.voucher,
    deps,
  );
  // Work that needs only the authenticated caller (the api's quota: a Redis round trip) runs while the
  // remaining checks verify signatures and claim their jti, so the two round trips overlap instead of
  // adding up. Both are settled before answering, and a refusal of ours still wins over the other's.
  const side = alongside?.(caller).then(
    () => undefined,
    (err: unknown) => ({ err }),
  );
  let result: VerifiedEserviceCall;
  try {
    checkVoucherScope(caller, cfg.voucher);
    result = await verifyModi(req, policy, cfg, deps, caller);
  } catch (err) {
    await side;
    throw err;
  }
  const failed = await side;
  if (failed) throw failed.err;
  return result;
}

async function verifyModi(
  req: EserviceRequest,
  policy: EservicePolicy,
  cfg: { voucher: VoucherConfig; modi?: ModiConfig },
  deps: PdndDeps,
  caller: VerifiedCaller,
): Promise<VerifiedEserviceCall> {
  const modi = cfg.modi ?? {};
  const audience = modi.audience ?? cfg.voucher.audience;
  const tolerance = modi.clockToleranceSeconds ?? cfg.voucher.clockToleranceSeconds;
  const result: VerifiedEserviceCall = { caller };
  if (policy.audit) {
    result.audit = await verifyTrackingEvidence(
      { headers: req.headers },
      caller,
      { audience, clockToleranceSeconds: tolerance, requiredClaims: modi.auditRequiredClaims },
      deps,
    );
  }
  if (policy.integrity) {
    result.integrity = await verifyIntegrityRest02(
      { headers: req.headers, rawBody: req.rawBody ?? Buffer.alloc(0) },
      caller,
      { audience, clockToleranceSeconds: tolerance },
      deps,
    );
  }
  return result;
}
