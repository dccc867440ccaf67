import type { AccessOutcome, PgAccessAuditStore, SubjectLogPage } from '@fsl/access-audit';
import { AppError } from '@fsl/http';
import type { Logger } from '@fsl/logging';
import { pseudonymizer } from '@fsl/pseudonym';
import { Histogram, type Registry } from 'prom-client';
import type { EserviceCall } from '../security/eservice-call';

const AUDIT_RETRY_AFTER_SECONDS = 5;

/**
 * Every e-service call that touches a citizen's data leaves a record in the hash-chained access audit
 * (who, under which purpose, which e-service, the citizen's pseudonym, the outcome). Personal data is
 * served only after its record is written: if the audit cannot be written, the answer is a 503.
 */
export class AccessAuditService {
  readonly pseudonymOf: (codiceFiscale: string) => string;
  private readonly latency?: Histogram;

  constructor(
    private readonly store: PgAccessAuditStore,
    pseudonymKey: string,
    private readonly logger: Logger,
    registry?: Registry,
  ) {
    this.pseudonymOf = pseudonymizer(pseudonymKey);
    if (registry) {
      // Every read of personal data waits for its audit record: this is part of the e-service's latency.
      this.latency = new Histogram({
        name: 'access_audit_append_duration_seconds',
        help: 'Time until an access-audit record is committed (or its append failed), by result',
        labelNames: ['result'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers: [registry],
      });
    }
  }

  async record(call: Omit<EserviceCall, 'consumer' | 'grant'>, codiceFiscale: string, outcome: AccessOutcome): Promise<void> {
    const end = this.latency?.startTimer();
    try {
      await this.store.append({
        time: new Date(),
        consumer: { clientId: call.caller.clientId, organizationId: call.caller.consumerId ?? null },
        purposeId: call.caller.purposeId,
        eservice: call.eservice.name,
        subject: this.pseudonymOf(codiceFiscale),
        outcome,
        operation: call.operation,
        requestId: call.requestId ?? null,
      });
      end?.({ result: 'committed' });
    } catch (err) {
      end?.({ result: 'failed' });
      this.logger.error({ err: String((err as Error)?.message ?? err), eservice: call.eservice.kind, outcome }, 'access audit append failed');
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'the access audit is unavailable', { retryAfterSeconds: AUDIT_RETRY_AFTER_SECONDS });
    }
  }

  /**
   * One record per citizen, for a read that concerns several at once (a PaIS case concerns every member of
   * its household): each citizen's access log shows it. The appends go out together, so the store's group
   * commit writes them in one transaction; the caller serves the data only once every one is committed.
   */
  async recordEach(call: Omit<EserviceCall, 'consumer' | 'grant'>, codiciFiscali: readonly string[], outcome: AccessOutcome): Promise<void> {
    await Promise.all([...new Set(codiciFiscali)].map((cf) => this.record(call, cf, outcome)));
  }

  /** Runs a read of the citizen's data and records it: granted when it succeeded, error otherwise. */
  async audited<T>(call: EserviceCall, codiceFiscale: string, read: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await read();
    } catch (err) {
      await this.record(call, codiceFiscale, 'error').catch(() => undefined);
      throw err;
    }
    await this.record(call, codiceFiscale, 'granted');
    return result;
  }

  subjectLog(subject: string, options: { limit: number; before?: string }): Promise<SubjectLogPage> {
    return this.store.subjectLog(subject, options);
  }
}
