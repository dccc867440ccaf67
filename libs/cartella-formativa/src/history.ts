// One record's versions, folded by the SIISL versioning rules (libs/siisl versioning.ts). The history is
// the set of versions received, so the result depends on which versions arrived, never on their order.
import { decideVersion, type VersionDecision, type VersionRef } from '@fsl/siisl';

export interface StoredVersion<R> extends VersionRef {
  record: R;
}

/**
 * Adds a version. A conflict (same version, other content) is refused at ingest with a 409, so it should
 * never reach a fold; if one does, the version with the smaller content hash is kept, whichever came
 * first, so that even then the result does not depend on delivery order.
 */
export function foldVersion<R>(history: readonly StoredVersion<R>[] | undefined, incoming: StoredVersion<R>): { decision: VersionDecision; history: StoredVersion<R>[] } {
  const known = history ?? [];
  const decision = decideVersion(known, incoming);
  if (decision === 'duplicate') return { decision, history: [...known] };
  const others = known.filter((v) => v.versione !== incoming.versione);
  const clash = known.find((v) => v.versione === incoming.versione);
  const kept = clash && clash.contentHash < incoming.contentHash ? clash : incoming;
  return { decision, history: [...others, kept].sort((a, b) => a.versione - b.versione) };
}

/** The highest version, unless it is a deletion (the record is void then). */
export function current<R>(history: readonly StoredVersion<R>[] | undefined): StoredVersion<R> | undefined {
  const top = history?.[history.length - 1];
  return top && !top.eliminato ? top : undefined;
}
