// Per-line outcome of a chunk of records, decided from the records themselves and from what the
// idempotency record already held. Pure: the store and the publisher are called around it.
import type { Avviso, Problem } from '@fsl/co';
import type { ReadCo, RejectedCo } from './co-event.mapping';

export const ESITI = ['ACCETTATA', 'DUPLICATA', 'RIFIUTATA', 'IN_CONFLITTO'] as const;
export type Esito = (typeof ESITI)[number];

export interface LineResult {
  /** 1-based line number in the submitted batch (1 for a single record). */
  riga: number;
  esito: Esito;
  codiceComunicazione?: string;
  /** ACCETTATA / DUPLICATA: the events of this CO (one per worker), the same on every re-send. */
  eventIds?: string[];
  /** RIFIUTATA / IN_CONFLITTO: every problem, with field paths and fixed messages only. */
  errors?: Problem[];
  /** Data-quality warnings (absent when none): e.g. a code a partial table does not know, an XML element
   *  the model does not read. */
  avvisi?: Avviso[];
}

export const CONFLICT_PROBLEM: Problem = {
  path: 'datiInvio.codiceComunicazione',
  code: 'CODICE_GIA_ACCETTATO',
  message: 'A comunicazione with this codice and a different content was already accepted.',
};

/** What the idempotency record says about a candidate's codice. */
export type StoredDecision = { kind: 'new' } | { kind: 'stored'; hash: string; eventIds: string[] };

export interface PlannedChunk {
  /** First occurrence of each codice among the valid records: what is claimed and, if new, published. */
  candidates: ReadCo[];
  resolve(decisions: ReadonlyMap<string, StoredDecision>): LineResult[];
}

export function planChunk(lines: ReadonlyArray<{ riga: number; read: ReadCo | RejectedCo }>): PlannedChunk {
  const first = new Map<string, ReadCo>();
  for (const { read } of lines) if (read.ok && !first.has(read.codice)) first.set(read.codice, read);
  return {
    candidates: [...first.values()],
    resolve(decisions) {
      // What the codice stands for once the lines before have been applied: a later line of the same
      // batch is compared with it, exactly as if it had been sent in a later request.
      const effective = new Map<string, { hash: string; eventIds: string[] }>();
      return lines.map(({ riga, read }) => withAvvisi(outcome(riga, read), read.avvisi));
      function outcome(riga: number, read: ReadCo | RejectedCo): LineResult {
        if (!read.ok) return { riga, esito: 'RIFIUTATA', errors: read.problems };
        const codiceComunicazione = read.codice;
        let current = effective.get(codiceComunicazione);
        if (!current) {
          const d = decisions.get(codiceComunicazione);
          if (!d) throw new Error('planChunk: no decision for a candidate');
          if (d.kind === 'new') {
            effective.set(codiceComunicazione, { hash: read.hash, eventIds: read.eventIds });
            return { riga, esito: 'ACCETTATA', codiceComunicazione, eventIds: read.eventIds };
          }
          current = { hash: d.hash, eventIds: d.eventIds };
          effective.set(codiceComunicazione, current);
        }
        return current.hash === read.hash
          ? { riga, esito: 'DUPLICATA', codiceComunicazione, eventIds: current.eventIds }
          : { riga, esito: 'IN_CONFLITTO', codiceComunicazione, errors: [CONFLICT_PROBLEM] };
      }
    },
  };
}

function withAvvisi(r: LineResult, avvisi: readonly Avviso[] | undefined): LineResult {
  return avvisi && avvisi.length > 0 ? { ...r, avvisi: [...avvisi] } : r;
}

export interface Counts {
  righe: number;
  accettate: number;
  duplicate: number;
  rifiutate: number;
  inConflitto: number;
}

export function countResults(results: readonly LineResult[]): Counts {
  const c: Counts = { righe: results.length, accettate: 0, duplicate: 0, rifiutate: 0, inConflitto: 0 };
  for (const r of results) {
    if (r.esito === 'ACCETTATA') c.accettate++;
    else if (r.esito === 'DUPLICATA') c.duplicate++;
    else if (r.esito === 'RIFIUTATA') c.rifiutate++;
    else c.inConflitto++;
  }
  return c;
}
