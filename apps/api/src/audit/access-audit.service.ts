import type { AccessOutcome, PgAccessAuditStore, SubjectLogPage } from '@fsl/access-audit';
import { AppError } from '@fsl/http';
import type { Logger } from '@fsl/logging';
import { pseudonymizer } from '@fsl/pseudonym';
import type { EserviceCall } from '../security/eservice-call';

const AUDIT_RETRY_AFTER_SECONDS = 5;

/**
 * Every e-service call that touches a citizen's data leaves a record in the hash-chained access audit
 * (who, under which purpose, which e-service, the citizen's pseudonym, the outcome). Personal data is
 * served only after its record is written: if the audit cannot be written, the answer is a 503.
 */
export class AccessAuditService {
  readonly pseudonymOf: (codiceFiscale: string) => string;

  constructor(
    private readonly store: PgAccessAuditStore,
    pseudonymKey: string,
    private readonly logger: Logger,
  ) {
    this.pseudonymOf = pseudonymizer(pseudonymKey);
  }

  async record(call: Omit<EserviceCall, 'consumer' | 'grant'>, codiceFiscale: string, outcome: AccessOutcome): Promise<void> {
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
    } catch (err) {
      this.logger.error({ err: String((err as Error)?.message ?? err), eservice: call.eservice.kind, outcome }, 'access audit append failed');
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'the access audit is unavailable', { retryAfterSeconds: AUDIT_RETRY_AFTER_SECONDS });
    }
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
