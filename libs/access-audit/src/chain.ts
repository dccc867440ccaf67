import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { AccessEvent, AuditRecord, normalizeEvent } from './record';

/** prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Last link of a chain: kept apart from the records so that deleting the tail is detected too. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** SHA-256 (hex) over the canonical JSON of every field of the record except `hash` itself. */
export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  const { seq, id, time, clientId, organizationId, purposeId, eservice, subject, outcome, operation, requestId, prevHash } = record;
  const content = { seq, id, time, clientId, organizationId, purposeId, eservice, subject, outcome, operation, requestId, prevHash };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The record that follows `head`. Pure: storing it and moving the head is the store's job. */
export function appendRecord(head: ChainHead, event: AccessEvent, id: string = randomUUID()): AuditRecord {
  const unhashed = { seq: head.seq + 1, id, ...normalizeEvent(event), prevHash: head.hash };
  return { ...unhashed, hash: hashRecord(unhashed) };
}

export type BreakReason = 'hash-mismatch' | 'prev-hash-mismatch' | 'sequence-gap' | 'head-mismatch' | 'anchor-mismatch';

export interface ChainBreak {
  reason: BreakReason;
  /** Sequence number where verification failed. */
  seq: number;
  /** Id of the record where it failed; null when that record is missing (tail deleted). */
  id: string | null;
  message: string;
}

export type VerifyResult = { ok: true; count: number; head: ChainHead } | { ok: false; count: number; broken: ChainBreak };

/**
 * Incremental verification, so a store can stream millions of records through it. `recordedHeads` are
 * heads written down outside the database earlier (the verify command's own output, kept in an append-only
 * store): each must still be in the chain, which a chain rolled back to an older head is not.
 */
export class ChainVerifier {
  private last: ChainHead;
  private count = 0;
  private broken: ChainBreak | undefined;
  private readonly recorded: Map<number, string>;

  constructor(start: ChainHead = EMPTY_HEAD, recordedHeads: readonly ChainHead[] = []) {
    this.last = start;
    this.recorded = new Map(recordedHeads.map((h) => [h.seq, h.hash]));
  }

  /** Checks the next record; returns the break once found (later records are then ignored). */
  push(record: AuditRecord): ChainBreak | undefined {
    if (this.broken) return this.broken;
    const at = (reason: BreakReason, message: string) => (this.broken = { reason, seq: record.seq, id: record.id, message });
    if (record.seq !== this.last.seq + 1) {
      return at('sequence-gap', `record(s) ${this.last.seq + 1}..${record.seq - 1} missing before record ${record.id}`);
    }
    if (hashRecord(record) !== record.hash) return at('hash-mismatch', `record ${record.id} was altered`);
    if (record.prevHash !== this.last.hash) {
      return at('prev-hash-mismatch', `record ${record.id} does not follow record ${this.last.seq} (altered or replaced)`);
    }
    const recorded = this.recorded.get(record.seq);
    if (recorded !== undefined && recorded !== record.hash) {
      return at('anchor-mismatch', `record ${record.id} is not the one a head recorded outside the database names: the chain was rewritten`);
    }
    this.last = { seq: record.seq, hash: record.hash };
    this.count += 1;
    return undefined;
  }

  /** Final result; with the stored head, a deleted or rewritten tail is detected. */
  finish(head?: ChainHead): VerifyResult {
    if (this.broken) return { ok: false, count: this.count, broken: this.broken };
    const latestRecorded = Math.max(0, ...this.recorded.keys());
    if (latestRecorded > this.last.seq) {
      const message = `a head at ${latestRecorded} was recorded outside the database but the chain ends at ${this.last.seq}: records were removed and an older head put back`;
      return { ok: false, count: this.count, broken: { reason: 'anchor-mismatch', seq: this.last.seq + 1, id: null, message } };
    }
    if (head && (head.seq !== this.last.seq || head.hash !== this.last.hash)) {
      const missing = head.seq > this.last.seq;
      const broken: ChainBreak = {
        reason: 'head-mismatch',
        seq: missing ? this.last.seq + 1 : head.seq,
        id: null,
        message: missing
          ? `chain head is at ${head.seq} but records end at ${this.last.seq}: the last record(s) were deleted`
          : `chain head (${head.seq}) does not match the last record (${this.last.seq})`,
      };
      return { ok: false, count: this.count, broken };
    }
    return { ok: true, count: this.count, head: this.last };
  }
}

/** Verifies records in seq order; the first broken record is reported. */
export function verifyChain(records: Iterable<AuditRecord>, head?: ChainHead): VerifyResult {
  const verifier = new ChainVerifier();
  for (const r of records) if (verifier.push(r)) break;
  return verifier.finish(head);
}
