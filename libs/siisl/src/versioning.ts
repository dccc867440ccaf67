// The versioning rules of SIISL records, as pure functions shared by the ingest (idempotency) and the
// builder (folds). Every version ever accepted joins the record's history, so the result never depends on
// arrival order: the current version is always the highest one, and a deletion is a version like any other.
import { hash } from 'node:crypto';
import { canonicalJson } from '@fsl/co';
import type { RecordOf } from './model';
import type { Entita } from './vocabularies';

/** sha256 hex of the canonical JSON of the parsed record: equal for equal content whatever the key order. */
export function recordHash(record: RecordOf[Entita]): string {
  return hash('sha256', canonicalJson(record), 'hex');
}

/** What is known of one version of a record. */
export interface VersionRef {
  versione: number;
  contentHash: string;
  eliminato: boolean;
}

/**
 * - `current`: a new version, now the highest;
 * - `stale`: a new version older than the highest known: kept in the history, reported to the sender;
 * - `duplicate`: this version with this content is known: no second effect;
 * - `conflict`: this version is known with other content: refused (HTTP 409), nothing changes.
 */
export type VersionDecision = 'current' | 'stale' | 'duplicate' | 'conflict';

export function decideVersion(known: readonly VersionRef[], incoming: Pick<VersionRef, 'versione' | 'contentHash'>): VersionDecision {
  let highest = 0;
  for (const v of known) {
    if (v.versione === incoming.versione) return v.contentHash === incoming.contentHash ? 'duplicate' : 'conflict';
    if (v.versione > highest) highest = v.versione;
  }
  return incoming.versione > highest ? 'current' : 'stale';
}

/** The history with `incoming` added (sorted by version), unless it is a duplicate or a conflict. */
export function addVersion<V extends VersionRef>(history: readonly V[], incoming: V): { decision: VersionDecision; history: readonly V[] } {
  const decision = decideVersion(history, incoming);
  if (decision === 'duplicate' || decision === 'conflict') return { decision, history };
  return { decision, history: [...history, incoming].sort((a, b) => a.versione - b.versione) };
}

/** The highest version, or undefined when there is none or the highest is a deletion (the record is void). */
export function currentVersion<V extends VersionRef>(history: readonly V[]): V | undefined {
  let top: V | undefined;
  for (const v of history) if (top === undefined || v.versione > top.versione) top = v;
  return top && !top.eliminato ? top : undefined;
}

/** The version reference of a validated record. */
export function versionRef(record: RecordOf[Entita], contentHash: string = recordHash(record)): VersionRef {
  return { versione: record.versione, contentHash, eliminato: record.operazione === 'ELIMINAZIONE' };
}
