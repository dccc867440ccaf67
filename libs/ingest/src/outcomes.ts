// Per-line outcome of a chunk of records, decided from the records themselves and from what the
// idempotency record already held. Pure: the claim store and the publisher are called around it.
import type { AcceptedRead, Avviso, Problem, SourceRead } from './adapter';

export const ESITI = ['ACCETTATA', 'DUPLICATA', 'RIFIUTATA', 'IN_CONFLITTO'] as const;
export type Esito = (typeof ESITI)[number];

interface LineOutcome {
  /** 1-based line number in the submitted batch (1 for a single record). */
  riga: number;
  esito: Esito;
  /** ACCETTATA / DUPLICATA: the record's events, the same on every re-send. */
  eventIds?: string[];
  /** ACCETTATA of a versioned source: older than the highest version already accepted (kept in the history). */
  obsoleta?: true;
  /** RIFIUTATA / IN_CONFLITTO: every problem, with field paths and fixed messages only. */
  errors?: Problem[];
  /** Data-quality warnings (absent when none). */
  avvisi?: Avviso[];
}

/** A line's result; valid lines also carry the source's identity fields. */
export type LineResult<Id extends object = object> = LineOutcome & Partial<Id>;

/** What the idempotency record says about a candidate's key. */
export type StoredDecision = { kind: 'new' } | { kind: 'stored'; hash: string; eventIds: string[] };

export interface PlannedChunk<Id extends object> {
  /** First occurrence of each key among the valid records: what is claimed and, if new, published. */
  candidates: AcceptedRead<Id>[];
  /** Per line, in order: the claim key of a valid line, null for a refused one. */
  keys: (string | null)[];
  /** `highest`: versioned sources, record (`ClaimVersion.of`) → highest version committed before this chunk. */
  resolve(decisions: ReadonlyMap<string, StoredDecision>, highest?: ReadonlyMap<string, number>): LineResult<Id>[];
}

export function planChunk<Id extends object>(lines: ReadonlyArray<{ riga: number; read: SourceRead<Id> }>, conflict: Problem): PlannedChunk<Id> {
  const first = new Map<string, AcceptedRead<Id>>();
  for (const { read } of lines) if (read.ok && !first.has(read.key)) first.set(read.key, read);
  return {
    candidates: [...first.values()],
    keys: lines.map(({ read }) => (read.ok ? read.key : null)),
    resolve(decisions, highest) {
      // What the key stands for once the lines before have been applied: a later line of the same batch
      // is compared with it, exactly as if it had been sent in a later request. The same for the highest
      // version of each record.
      const effective = new Map<string, { hash: string; eventIds: string[] }>();
      const top = new Map(highest ?? []);
      return lines.map(({ riga, read }) => withAvvisi(outcome(riga, read), read.avvisi));
      function outcome(riga: number, read: SourceRead<Id>): LineResult<Id> {
        if (!read.ok) return { riga, esito: 'RIFIUTATA', errors: read.problems } as LineResult<Id>;
        let current = effective.get(read.key);
        if (!current) {
          const d = decisions.get(read.key);
          if (!d) throw new Error('planChunk: no decision for a candidate');
          if (d.kind === 'new') {
            effective.set(read.key, { hash: read.hash, eventIds: read.eventIds });
            return { riga, esito: 'ACCETTATA', ...read.identity, eventIds: read.eventIds, ...(isStale(read) ? { obsoleta: true as const } : {}) };
          }
          current = { hash: d.hash, eventIds: d.eventIds };
          effective.set(read.key, current);
        }
        return current.hash === read.hash
          ? { riga, esito: 'DUPLICATA', ...read.identity, eventIds: current.eventIds }
          : { riga, esito: 'IN_CONFLITTO', ...read.identity, errors: [conflict] };
      }
      function isStale(read: AcceptedRead<Id>): boolean {
        if (!read.version) return false;
        const { of, versione } = read.version;
        const known = top.get(of);
        if (known === undefined || versione > known) {
          top.set(of, versione);
          return false;
        }
        return true;
      }
    },
  };
}

function withAvvisi<R extends LineOutcome>(r: R, avvisi: readonly Avviso[] | undefined): R {
  return avvisi && avvisi.length > 0 ? { ...r, avvisi: [...avvisi] } : r;
}

export interface Counts {
  righe: number;
  accettate: number;
  duplicate: number;
  rifiutate: number;
  inConflitto: number;
}

export function countResults(results: readonly LineOutcome[]): Counts {
  const c: Counts = { righe: results.length, accettate: 0, duplicate: 0, rifiutate: 0, inConflitto: 0 };
  for (const r of results) {
    if (r.esito === 'ACCETTATA') c.accettate++;
    else if (r.esito === 'DUPLICATA') c.duplicate++;
    else if (r.esito === 'RIFIUTATA') c.rifiutate++;
    else c.inConflitto++;
  }
  return c;
}
