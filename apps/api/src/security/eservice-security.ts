import type { IncomingMessage } from 'node:http';
import { normalizeCf } from '@fsl/codice-fiscale';
import type { Logger } from '@fsl/logging';
import { isPdndError, PdndError, verifyEserviceCall, verifyProbingToken, type ModiConfig, type PdndDeps, type VoucherConfig } from '@fsl/pdnd';
import type { AccessAuditService } from '../audit/access-audit.service';
import type { AuthorizationTable } from '../registry/authorizations';
import type { EserviceDef, EserviceRegistry, EserviceKind } from '../registry/eservices';
import { toAppError } from './errors';
import type { EserviceCall } from './eservice-call';
import { rateLimitHeaders, type RateLimitPolicy, type RedisRateLimiter } from './rate-limiter';
import { sourceAddressOf } from './source-address';
import { requestedCf } from './subject';

/** What the guard hands over from Express; kept narrow so this class is testable without Nest. */
export interface IncomingCall {
  method: string;
  /** Path as received, e.g. /rest/fsl/v1/fascicoli/consultazioni. */
  path: string;
  /** Route template, e.g. /v1/cartelle-lavorative/:codiceFiscale. */
  route: string;
  headers: Record<string, string | string[] | undefined>;
  /** Where the request comes from (see sourceAddressOf), for the anonymous quota. */
  sourceAddress: string;
  rawBody?: Buffer;
  body?: unknown;
  params?: Record<string, string>;
  requestId?: string;
  setHeaders(headers: Record<string, string>): void;
}

export interface EserviceSecurityOptions {
  registry: EserviceRegistry;
  table: AuthorizationTable;
  pdnd: { voucher: VoucherConfig; modi: ModiConfig };
  deps: PdndDeps;
  limiter: RedisRateLimiter;
  defaultRateLimit: RateLimitPolicy;
  /** Quota per source address of the calls refused before their consumer is identified. */
  anonymousRateLimit: RateLimitPolicy;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDRs). */
  trustedProxies: readonly string[];
  /** Scheme + host (+ prefix) consumers address; DPoP proofs are bound to it. */
  publicBaseUrl: string;
  audit: AccessAuditService;
  logger: Logger;
}

/**
 * The one place every e-service call goes through, in order: PDND voucher (401/403), the ModI patterns
 * the e-service declares (400) with the consumer's quota counted alongside (429), then the authorisation
 * table (403).
 * Refusals are problem+json from the error registry and never depend on whether a citizen is known.
 */
export class EserviceSecurity {
  readonly sourceAddress: (req: IncomingMessage) => string;

  constructor(private readonly o: EserviceSecurityOptions) {
    this.sourceAddress = sourceAddressOf(o.trustedProxies);
  }

  async admit(kind: EserviceKind, req: IncomingCall): Promise<EserviceCall> {
    const eservice = this.definition(kind);
    const operation = `${req.method} ${req.route}`;
    let identified = false;
    try {
      const takesBody = req.method !== 'GET' && req.method !== 'HEAD';
      const verified = await verifyEserviceCall(
        { method: req.method, url: this.publicUrl(req.path), headers: req.headers, rawBody: req.rawBody },
        // INTEGRITY_REST_02 signs a body; a GET has none to sign (as GovWay does by default).
        { integrity: takesBody && eservice.patterns.includes('INTEGRITY_REST_02'), audit: eservice.patterns.includes('AUDIT_REST_02') },
        { voucher: this.voucherConfig(eservice), modi: this.o.pdnd.modi },
        this.o.deps,
        // The quota counts every call of an identified consumer, those refused by a ModI check too.
        (caller) => {
          identified = true;
          const consumer = this.o.table.consumerOf(caller.clientId);
          return this.charge(consumer?.id ?? `client:${caller.clientId.toLowerCase()}`, consumer?.rateLimit, req);
        },
      );
      const { caller } = verified;

      const call = { eservice, caller, operation, requestId: req.requestId };
      const authorised = this.o.table.authorise(caller, kind);
      const cf = requestedCf(req);
      const ownData = !authorised?.grant.soloInteressato || (cf !== undefined && sameCitizen(verified.audit?.claims.userID, cf));
      if (!authorised || !ownData) {
        if (cf) await this.o.audit.record(call, cf, 'denied');
        throw new PdndError('PURPOSE_NOT_AUTHORISED', { reason: authorised ? 'not the authenticated citizen' : 'no grant' });
      }
      return { ...call, ...authorised };
    } catch (caught) {
      const err = identified ? caught : await this.chargeAnonymous(caught, req);
      if (err instanceof PdndError) {
        this.o.logger.info({ eservice: kind, operation, code: err.code, reason: err.reason }, 'e-service call refused');
      }
      throw toAppError(err, req.route);
    }
  }

  /** `GET <basePath>/interop/probing`: a PDND-signed token without purposeId (reference §1.5). */
  async probe(kind: EserviceKind, req: IncomingCall): Promise<void> {
    const eservice = this.definition(kind);
    let probe;
    try {
      probe = await verifyProbingToken({ authorization: req.headers.authorization }, this.voucherConfig(eservice), this.o.deps);
    } catch (err) {
      throw toAppError(await this.chargeAnonymous(err, req), req.route);
    }
    try {
      await this.charge(`probing:${probe.sub ?? 'pdnd'}`, undefined, req);
    } catch (err) {
      throw toAppError(err, req.route);
    }
  }

  private definition(kind: EserviceKind): EserviceDef {
    const eservice = this.o.registry.get(kind);
    // Routes are mounted only for configured e-services, so this is a wiring bug, not a caller error.
    if (!eservice) throw new Error(`e-service ${kind} is not configured`);
    return eservice;
  }

  private voucherConfig(eservice: EserviceDef): VoucherConfig {
    return {
      ...this.o.pdnd.voucher,
      audience: eservice.audience ?? this.o.pdnd.voucher.audience,
      eserviceId: eservice.eserviceId,
      descriptorId: eservice.descriptorId,
    };
  }

  private publicUrl(path: string): string {
    return `${this.o.publicBaseUrl.replace(/\/+$/, '')}${path}`;
  }

  /**
   * A call refused before PDND vouched for its caller counts against its source address, never against
   * the consumer its token names (anyone can write a client id into a forged token). Returns the error
   * to answer with: the refusal itself, or RATE_LIMITED once that address is over its quota.
   */
  private async chargeAnonymous(err: unknown, req: IncomingCall): Promise<unknown> {
    if (!isPdndError(err)) return err;
    try {
      await this.charge(`anonymous:${req.sourceAddress}`, this.o.anonymousRateLimit, req);
      return err;
    } catch (quota) {
      // Over quota: 429. Limiter down: the refusal stands as it is (it admits nothing).
      return isPdndError(quota) && quota.code === 'RATE_LIMITED' ? quota : err;
    }
  }

  /** One request against the quota; X-RateLimit-* go on the answer whatever it is. */
  private async charge(key: string, policy: RateLimitPolicy | undefined, req: IncomingCall): Promise<void> {
    let state;
    try {
      state = await this.o.limiter.consume(key, policy ?? this.o.defaultRateLimit);
    } catch (cause) {
      // No quota check, no service: an unmetered api is open to abuse while Redis is down.
      throw new PdndError('SERVICE_UNAVAILABLE', { reason: 'rate limiter unavailable', cause, retryAfterSeconds: 5 });
    }
    req.setHeaders(rateLimitHeaders(state));
    if (!state.allowed) throw new PdndError('RATE_LIMITED', { retryAfterSeconds: state.resetSeconds });
  }
}

function sameCitizen(userId: unknown, cf: string): boolean {
  return typeof userId === 'string' && normalizeCf(userId) === cf; // ASCII-only: ſ/ı/ß never match S/I/SS
}
