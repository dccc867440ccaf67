export type AccessOutcome = 'granted' | 'denied' | 'error';

/** What the API reports for one call that touched (or tried to touch) personal data. */
export interface AccessEvent {
  time: Date | string;
  consumer: { clientId: string; organizationId?: string | null };
  purposeId: string;
  /** E-service (and version) name or id as published on PDND. */
  eservice: string;
  /** Pseudonym of the citizen (see @fsl/pseudonym), never the codice fiscale. */
  subject: string;
  outcome: AccessOutcome;
  /** Operation template, e.g. "GET /fascicoli/{tax_code}" — the template, not the filled-in path. */
  operation?: string | null;
  requestId?: string | null;
}

/** One link of the chain, exactly as hashed and stored. */
export interface AuditRecord {
  seq: number;
  id: string;
  /** RFC 3339 UTC with milliseconds, the precision a Postgres timestamptz round-trips exactly. */
  time: string;
  clientId: string;
  organizationId: string | null;
  purposeId: string;
  eservice: string;
  subject: string;
  outcome: AccessOutcome;
  operation: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export type RecordContent = Omit<AuditRecord, 'seq' | 'id' | 'prevHash' | 'hash'>;

const OUTCOMES: readonly AccessOutcome[] = ['granted', 'denied', 'error'];
// Shape of a codice fiscale (incl. omocodia letters). A subject that looks like one means the caller
// forgot to pseudonymise: refuse it rather than write a CF into an append-only table forever.
const CODICE_FISCALE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/i;

function required(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`access audit: ${name} is required`);
  return value;
}

/** Validates an event and gives it the exact shape that is hashed. */
export function normalizeEvent(event: AccessEvent): RecordContent {
  const time = new Date(event.time);
  if (Number.isNaN(time.getTime())) throw new TypeError('access audit: time is not a valid date');
  const subject = required(event.subject, 'subject');
  if (CODICE_FISCALE.test(subject.trim())) throw new TypeError('access audit: subject must be a pseudonym, not a codice fiscale');
  if (!OUTCOMES.includes(event.outcome)) throw new TypeError('access audit: outcome must be granted, denied or error');
  return {
    time: time.toISOString(),
    clientId: required(event.consumer?.clientId, 'consumer.clientId'),
    organizationId: event.consumer.organizationId ?? null,
    purposeId: required(event.purposeId, 'purposeId'),
    eservice: required(event.eservice, 'eservice'),
    subject,
    outcome: event.outcome,
    operation: event.operation ?? null,
    requestId: event.requestId ?? null,
  };
}
