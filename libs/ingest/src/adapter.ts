// What a source contributes to the shared ingest: reading one raw input into either the record's claim and
// its events, or every problem found. Everything else (claiming, publishing, answering, file jobs) is the
// same for every source and lives in this library.
import type { FieldProblem } from '@fsl/http';
import type { EventHeader } from '@fsl/schemas';

/** A refusal or a warning: field path, stable code, fixed message — never a value of the record. */
export type Problem = FieldProblem;

/** A data-quality warning; a code that a partial table does not know names the table and the code. */
export interface Avviso extends FieldProblem {
  tabella?: string;
  codice?: string;
}

/**
 * How a message is keyed: by the keyed pseudonym of a codice fiscale (the publisher computes it; the CF
 * itself never reaches Kafka), or by a fixed key that is not personal (catalogue records).
 */
export type MessageKey = { cf: string } | { raw: string };

/** One Kafka message of an accepted record. */
export interface SourceMessage {
  subject: string;
  event: { header: EventHeader };
  key: MessageKey;
}

/**
 * Versioned sources (one claim per version of a record): the record the version belongs to. A new
 * version lower than the highest already accepted for `of` is accepted as obsoleta (stale).
 */
export interface ClaimVersion {
  of: string;
  versione: number;
}

/**
 * An accepted record. `key` is the idempotency claim: the same key with the same `hash` is a duplicate,
 * with another hash a conflict. `identity` holds the fields the answer names the record by (never a CF).
 */
export interface AcceptedRead<Id extends object> {
  ok: true;
  key: string;
  hash: string;
  version?: ClaimVersion;
  /** Deterministic: the same record always yields the same ids, whenever it is sent. */
  eventIds: string[];
  messages: SourceMessage[];
  avvisi: Avviso[];
  identity: Id;
}

/** No identity here: a rejected record's fields are untrusted and may well hold a CF. */
export interface RejectedRead {
  ok: false;
  problems: Problem[];
  avvisi?: Avviso[];
}

export type SourceRead<Id extends object> = AcceptedRead<Id> | RejectedRead;

/** Per read: the request's correlation id and the receiving clock (events' ingestedAt). */
export interface ReadContext {
  correlationId?: string;
  now: number;
}

/**
 * A source: `In` is what its controllers hand over (e.g. a JSON value, an NDJSON line, an XML text),
 * `Id` the identity fields of its line results. `read` must be pure: a chunk is read while the one before
 * is being committed, and a read whose chunk never runs is dropped.
 */
export interface SourceAdapter<In, Id extends object> {
  /** Label of the metrics (ingest_records_total{source}). */
  source: string;
  read(input: In, ctx: ReadContext): SourceRead<Id>;
  /** An NDJSON line (blank lines are skipped before) as the input `read` takes. */
  fromLine(text: string): In;
  /** The identity of a claim key, for the per-line results of a file job read back from the database. */
  identityOf(key: string): Id;
}
