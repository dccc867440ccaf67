// The cursor over a municipality's GET /flussi, as pure functions (docs/adr/0009-municipal-gateway.md).
//
// The interface has no continuation token: `since` is a millisecond timestamp and the e-service answers the
// flows whose ts_flusso is strictly after it, oldest first, at most `limit` (≤ 100). Several flows may share
// one timestamp, and their order within it is undefined. The cursor C is the ts_flusso of the latest flows
// fully handled, with the invariant: every flow with ts_flusso < C has been acquired. Each page is asked with
// since = C − 1, so the flows on C itself come again and are deduplicated by (id_flusso, ts_flusso): asking
// since = C would skip those a previous page cut off, or that the municipality committed on the same
// millisecond after our poll, or whose sub-millisecond time the conversion to ms truncated down to C.

/** What a page lets the cursor do. */
export type Avanzamento =
  /** The page was not full: everything after since was in it. */
  | { kind: 'fine'; cursore: number }
  /** A full page: the cursor moved to its last timestamp; ask the next page. */
  | { kind: 'continua'; cursore: number }
  /**
   * A full page whose flows all carry the cursor's own timestamp (or none readable): more flows share it
   * than a page holds, and no `since` can reach past them without skipping some. Reported, never skipped.
   */
  | { kind: 'bloccato'; cursore: number; ts: number | null }
  /** The timestamps are not in order: the page cannot be trusted to hold the earliest flows. */
  | { kind: 'disordinata'; cursore: number };

/** `since` for a cursor: one millisecond before it (the interface's minimum is 0). */
export const sinceDi = (cursore: number): number => Math.max(0, cursore - 1);

/**
 * The cursor after a page, from the ts_flusso (ms) of its entries in the order served (undefined where
 * unreadable: such an entry is refused, and places nothing). `n ≥ limit` is a full page, also when a
 * municipality answers more than it was asked.
 */
export function avanzamento(cursore: number, ts: readonly (number | undefined)[], limit: number): Avanzamento {
  const letti = ts.filter((t): t is number => t !== undefined);
  for (let i = 1; i < letti.length; i++) if (letti[i]! < letti[i - 1]!) return { kind: 'disordinata', cursore };
  const pieno = ts.length >= limit;
  if (letti.length === 0) return pieno ? { kind: 'bloccato', cursore, ts: null } : { kind: 'fine', cursore };
  const max = letti[letti.length - 1]!;
  if (!pieno) return { kind: 'fine', cursore: Math.max(cursore, max) };
  // A full page: its last timestamp may go on past it. Every flow before that timestamp was in the page, so
  // the cursor may move to it — unless it is not past the cursor: the page holds only flows on the cursor's
  // own timestamp (since = C − 1), and asking again would answer the same page.
  if (max <= cursore) return { kind: 'bloccato', cursore, ts: max };
  return { kind: 'continua', cursore: max };
}
