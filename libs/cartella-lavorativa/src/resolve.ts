// Applies rettifiche (TU 03) and annullamenti (TU 04) to the COs they target (rules in this lib's README).
// Each ordinary CO opens a "slot" (one logical event); a rettifica replaces the content of the slot of
// its target, so chains A → A′ → A″ resolve to the tip; an annullamento voids the slot. Corrections whose
// chain leads to a CO not received yet are pending (parked) — they take effect by themselves once the
// target arrives, because the projection is recomputed from the whole set.
import type { CoFact } from './fact';
import { isCorrectionFact } from './fact';

export interface Slot {
  /** codiceComunicazione of the ordinary CO that opened the slot. */
  id: string;
  original: CoFact;
  /** The effective content: the original or its latest applied rettifica. */
  tip: CoFact;
  /** Applied rettifiche, oldest first. */
  rettifiche: CoFact[];
  annulledBy?: CoFact;
}

export type RejectionCode =
  | 'RETTIFICA_OF_ANNULLED'
  | 'ALREADY_ANNULLED'
  | 'CORRECTION_OF_ANNULLAMENTO'
  | 'TARGET_REJECTED'
  | 'RETTIFICA_MISMATCH'
  | 'CORRECTION_CYCLE';

export const REJECTION_MESSAGES: Record<RejectionCode | 'CORRECTION_OF_SUPERSEDED', string> = {
  RETTIFICA_OF_ANNULLED: 'A rettifica of an annulled CO is not allowed; it was not applied.',
  ALREADY_ANNULLED: 'The target CO was already annulled; this annullamento has no further effect.',
  CORRECTION_OF_ANNULLAMENTO: 'An annullamento cannot itself be rectified or annulled.',
  TARGET_REJECTED: 'The target of this correction was itself rejected.',
  RETTIFICA_MISMATCH: 'A rettifica must keep the model and event type of the CO it replaces.',
  CORRECTION_CYCLE: 'The chain of codiceComunicazionePrecedente loops back on itself.',
  CORRECTION_OF_SUPERSEDED: 'This correction targets a CO that had already been rectified; applied to its slot anyway.',
};

export interface Resolution {
  slots: Slot[];
  /** Any codice (original, rettifica or annullamento) → its slot. */
  slotOf: Map<string, Slot>;
  pending: CoFact[];
  rejected: Array<{ fact: CoFact; code: RejectionCode }>;
  /** Corrections applied although their target was no longer the tip of its slot. */
  superseded: CoFact[];
}

export function byInvio(a: CoFact, b: CoFact): number {
  return a.invioMs - b.invioMs || (a.codice < b.codice ? -1 : a.codice > b.codice ? 1 : 0);
}

type Root = { kind: 'slot'; codice: string } | { kind: 'pending' } | { kind: 'cycle' };

function rootOf(fact: CoFact, byCodice: Map<string, CoFact>): Root {
  const seen = new Set<string>();
  let cur = fact;
  while (isCorrectionFact(cur)) {
    if (seen.has(cur.codice)) return { kind: 'cycle' };
    seen.add(cur.codice);
    const target = cur.precedente === undefined ? undefined : byCodice.get(cur.precedente);
    if (!target) return { kind: 'pending' };
    cur = target;
  }
  return { kind: 'slot', codice: cur.codice };
}

export function resolve(facts: readonly CoFact[]): Resolution {
  const sorted = [...facts].sort(byInvio);
  const byCodice = new Map(sorted.map((f) => [f.codice, f]));
  const slots: Slot[] = [];
  const slotOf = new Map<string, Slot>();
  const res: Resolution = { slots, slotOf, pending: [], rejected: [], superseded: [] };
  const queue: CoFact[] = [];
  for (const f of sorted) {
    if (!isCorrectionFact(f)) {
      const slot: Slot = { id: f.codice, original: f, tip: f, rettifiche: [] };
      slots.push(slot);
      slotOf.set(f.codice, slot);
      continue;
    }
    const root = rootOf(f, byCodice);
    if (root.kind === 'pending') res.pending.push(f);
    else if (root.kind === 'cycle') res.rejected.push({ fact: f, code: 'CORRECTION_CYCLE' });
    else queue.push(f);
  }
  // In dataInvio order, but never before the correction it targets (clock skew between senders).
  const rejectedCodes = new Set<string>();
  let remaining = queue;
  while (remaining.length > 0) {
    const next: CoFact[] = [];
    for (const c of remaining) {
      const target = byCodice.get(c.precedente as string) as CoFact;
      if (isCorrectionFact(target) && !slotOf.has(target.codice) && !rejectedCodes.has(target.codice)) {
        next.push(c);
        continue;
      }
      const code = applyCorrection(res, c, target, rejectedCodes);
      if (code) {
        res.rejected.push({ fact: c, code });
        rejectedCodes.add(c.codice);
      }
    }
    if (next.length === remaining.length) break; // unreachable: roots were checked above
    remaining = next;
  }
  return res;
}

function applyCorrection(res: Resolution, c: CoFact, target: CoFact, rejectedCodes: Set<string>): RejectionCode | undefined {
  if (rejectedCodes.has(target.codice)) return 'TARGET_REJECTED';
  if (target.tu === '04') return 'CORRECTION_OF_ANNULLAMENTO';
  const slot = res.slotOf.get(target.codice) as Slot;
  if (slot.annulledBy) return c.tu === '03' ? 'RETTIFICA_OF_ANNULLED' : 'ALREADY_ANNULLED';
  if (c.tu === '03' && (c.modello !== slot.original.modello || c.evento !== slot.original.evento)) return 'RETTIFICA_MISMATCH';
  if (slot.tip.codice !== target.codice) res.superseded.push(c);
  if (c.tu === '03') {
    slot.tip = c;
    slot.rettifiche.push(c);
  } else {
    slot.annulledBy = c;
  }
  res.slotOf.set(c.codice, slot);
  return undefined;
}
