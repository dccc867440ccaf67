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

/** A version as a fold keeps it: its reference and the record itself (earlier versions stay readable). */
export interface StoredVersion<R> extends VersionRef {
  record: R;
}

/**
 * The history (sorted by version) with `incoming` added. A conflict is refused at ingest (409), so it
 * should never reach a fold; if one does, the version with the smaller content hash is kept whichever came
 * first, so that a fold's result never depends on delivery order.
 */
export function addVersion<V extends VersionRef>(history: readonly V[] | undefined, incoming: V): { decision: VersionDecision; history: V[] } {
  const known = history ?? [];
  const decision = decideVersion(known, incoming);
  if (decision === 'duplicate') return { decision, history: [...known] };
  const clash = known.find((v) => v.versione === incoming.versione);
  const kept = clash && clash.contentHash < incoming.contentHash ? clash : incoming;
  return { decision, history: [...known.filter((v) => v.versione !== incoming.versione), kept].sort((a, b) => a.versione - b.versione) };
}

/** The highest version, or undefined when there is none or the highest is a deletion (the record is void). */
export function currentVersion<V extends VersionRef>(history: readonly V[] | undefined): V | undefined {
  let top: V | undefined;
  for (const v of history ?? []) if (top === undefined || v.versione > top.versione) top = v;
  return top && !top.eliminato ? top : undefined;
}

/** A validated record as a fold stores it. */
export function storedVersion<R extends RecordOf[Entita]>(record: R, contentHash: string = recordHash(record)): StoredVersion<R> {
  return { ...versionRef(record, contentHash), record };
}

/** The version reference of a validated record. */
export function versionRef(record: RecordOf[Entita], contentHash: string = recordHash(record)): VersionRef {
  return { versione: record.versione, contentHash, eliminato: record.operazione === 'ELIMINAZIONE' };
}

/** Every record of a section (id → history) whose current version is not a deletion. */
export function currentRecords<V extends VersionRef>(section: Readonly<Record<string, readonly V[]>>): V[] {
  const out: V[] = [];
  for (const history of Object.values(section)) {
    const c = currentVersion(history);
    if (c) out.push(c);
  }
  return out;
}

/**
 * How a record names another that may arrive later (an enrolment its course, a proposal its offer): the
 * link is resolved when reading, so a reference to a record not received yet is kept and shows the record
 * as soon as it arrives. COLLEGATO: known and current; IN_ATTESA: not received yet; ELIMINATO: deleted.
 */
export type StatoCollegamento = 'COLLEGATO' | 'IN_ATTESA' | 'ELIMINATO';

export function resolveLink<V extends VersionRef, T>(history: readonly V[] | undefined, view: (current: V) => T): { collegamento: StatoCollegamento; vista: T | null } {
  if (history === undefined || history.length === 0) return { collegamento: 'IN_ATTESA', vista: null };
  const c = currentVersion(history);
  return c ? { collegamento: 'COLLEGATO', vista: view(c) } : { collegamento: 'ELIMINATO', vista: null };
}

/** A state's section: record id → its versions, ascending. */
export type Section<R> = Record<string, StoredVersion<R>[]>;

/** The section with a validated record added by the rules above; never mutates its input. */
export function addToSection<R extends RecordOf[Entita]>(section: Readonly<Section<R>>, record: R, contentHash?: string): { decision: VersionDecision; section: Section<R> } {
  const { decision, history } = addVersion(section[record.id], storedVersion(record, contentHash));
  return { decision, section: { ...section, [record.id]: history } };
}
