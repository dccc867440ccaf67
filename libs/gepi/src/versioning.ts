// GePI records follow SIISL's versioning rules (libs/siisl: duplicate, conflict, current, stale; every
// version kept; the highest current; a deletion is a version of its own), imported rather than restated.
// What GePI adds: documents carry their own version number, and every number stays addressable, with the
// numbers not received yet listed as missing (a gap is shown, never filled).
import { hash } from 'node:crypto';
import { canonicalJson } from '@fsl/co';
import { addVersion, currentVersion, type StoredVersion, type VersionDecision, type VersionRef } from '@fsl/siisl';
import type { GepiRecord } from './model';
import type { EntitaDocumento } from './vocabularies';

export { addVersion, currentVersion, currentRecords, decideVersion, resolveLink, type StoredVersion, type VersionDecision, type VersionRef, type StatoCollegamento } from '@fsl/siisl';

/** sha256 hex of the canonical JSON of the parsed record: equal for equal content whatever the key order. */
export const gepiRecordHash = (record: GepiRecord): string => hash('sha256', canonicalJson(record), 'hex');

/** A validated record as a fold keeps it. */
export function gepiStoredVersion<R extends GepiRecord>(record: R, contentHash?: string): StoredVersion<R> {
  const ref: VersionRef = { versione: record.versione, contentHash: contentHash ?? gepiRecordHash(record), eliminato: record.operazione === 'ELIMINAZIONE' };
  return { ...ref, record };
}

/** Record id → its versions, ascending. */
export type GepiSection<R> = Record<string, StoredVersion<R>[]>;

/** The section with a validated record added by the shared rules; never mutates its input. */
export function addToGepiSection<R extends GepiRecord>(section: Readonly<GepiSection<R>>, record: R, contentHash?: string): { decision: VersionDecision; section: GepiSection<R> } {
  const added = addVersion(section[record.id], gepiStoredVersion(record, contentHash));
  return { decision: added.decision, section: { ...section, [record.id]: added.history } };
}

export type DocumentoRecord = GepiRecord<EntitaDocumento>;

/** One version of a document as consumers address it: its number, and the record that last carried it. */
export interface VersioneDocumento<R extends DocumentoRecord> {
  numeroVersione: number;
  /** The source version of the record carrying this document version (the latest one, if several did). */
  versioneRecord: number;
  record: Extract<R, { operazione: 'AGGIORNAMENTO' }>;
}

export interface VersioniDocumento<R extends DocumentoRecord> {
  /** The document is deleted: its highest record version is an ELIMINAZIONE. */
  eliminato: boolean;
  /** Ascending by number; empty when deleted. */
  versioni: Array<VersioneDocumento<R>>;
  /** Numbers below the highest received that no record has carried yet. */
  mancanti: number[];
  /** The highest document version received. */
  corrente?: VersioneDocumento<R>;
}

/**
 * The addressable versions of one document from its record history. Each record version carries one
 * document version (`dati.numeroVersione`): a later record with the same number corrects that version
 * (the highest record version wins), a higher number is a new version of the document. Independent of
 * delivery order because the history is (addVersion).
 */
export function versioniDocumento<R extends DocumentoRecord>(history: ReadonlyArray<StoredVersion<R>> | undefined): VersioniDocumento<R> {
  const list = history ?? [];
  if (list.length > 0 && currentVersion(list) === undefined) return { eliminato: true, versioni: [], mancanti: [] };
  const byNumber = new Map<number, VersioneDocumento<R>>();
  for (const v of list) {
    if (v.record.operazione !== 'AGGIORNAMENTO') continue;
    const numero = v.record.dati.numeroVersione;
    const known = byNumber.get(numero);
    if (known === undefined || known.versioneRecord < v.versione) byNumber.set(numero, { numeroVersione: numero, versioneRecord: v.versione, record: v.record as VersioneDocumento<R>['record'] });
  }
  const versioni = [...byNumber.values()].sort((a, b) => a.numeroVersione - b.numeroVersione);
  const top = versioni.at(-1)?.numeroVersione ?? 0;
  const mancanti: number[] = [];
  for (let n = 1; n < top; n++) if (!byNumber.has(n)) mancanti.push(n);
  return { eliminato: false, versioni, mancanti, ...(versioni.length > 0 ? { corrente: versioni[versioni.length - 1] } : {}) };
}
