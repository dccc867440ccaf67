// Per-worker state of the cartella lavorativa: the set of CO facts received, keyed by codiceComunicazione.
// The state is a set, not a log: applying the same COs in any order, with any duplicates, yields the same
// set, and the projection is a pure function of that set, which is what makes out-of-order delivery safe.
// It is plain JSON so the builder can store it as JSONB per worker and upsert it set-based.
import { contentHash, workerCfs, type Co } from '@fsl/co';
import { toFact, type CoFact } from './fact';

export const STATE_SCHEMA_VERSION = 1;

export interface StoredFact {
  /** Content hash of the whole CO (libs/co contentHash): same code + same hash = the same CO. */
  hash: string;
  /** When the builder first saw it (e.g. the Kafka message timestamp); only used to age parked corrections. */
  receivedAt: string;
  fact: CoFact;
}

export interface WorkerState {
  schemaVersion: typeof STATE_SCHEMA_VERSION;
  workerCf: string;
  /** Dossier version: +1 for every change to the state; duplicates leave it unchanged. */
  version: number;
  cos: Record<string, StoredFact>;
  /**
   * Codes received with different contents (the ingest answers 409, so this means an upstream bug). All
   * hashes seen, sorted; the CO with the smallest hash is the one kept, so the outcome is order-independent.
   */
  conflicts: Record<string, string[]>;
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'conflict' | 'not-for-worker';

export interface ApplyOptions {
  /** ISO date-time of arrival; defaults to the CO's dataInvio (deterministic). */
  receivedAt?: string;
  /**
   * contentHash(co) when the caller already has it: the CO ingest puts it in every event, and a replay
   * that recomputed it for each of millions of events spent ~10% of its time on it.
   */
  contentHash?: string;
  /**
   * The caller delivers this CO because it belongs to a correction chain that also reaches this worker
   * (a rettifica moving a CO to another worker: both workers hold the whole chain, and each one's
   * projection follows the tip). Without it, a CO that neither names the worker nor corrects a CO held
   * here is 'not-for-worker'.
   */
  chain?: boolean;
}

export function emptyState(workerCf: string): WorkerState {
  return { schemaVersion: STATE_SCHEMA_VERSION, workerCf, version: 0, cos: {}, conflicts: {} };
}

/**
 * A CO concerns the worker if it names them, or if it is a correction of a CO already in this state
 * (a rettifica may move a CO to another worker: the old worker's state must still see it).
 */
function concerns(state: WorkerState, co: Co): boolean {
  if (workerCfs(co).includes(state.workerCf)) return true;
  const prec = co.datiInvio.codiceComunicazionePrecedente;
  const tu = co.datiInvio.tipoComunicazione;
  return (tu === '03' || tu === '04') && prec !== undefined && Object.hasOwn(state.cos, prec);
}

/** Applies one CO; never mutates `state`. */
export function applyCo(state: WorkerState, co: Co, opts: ApplyOptions = {}): { state: WorkerState; outcome: ApplyOutcome } {
  if (!opts.chain && !concerns(state, co)) return { state, outcome: 'not-for-worker' };
  const hash = opts.contentHash ?? contentHash(co);
  const stored: StoredFact = { hash, receivedAt: opts.receivedAt ?? co.datiInvio.dataInvio, fact: toFact(co, state.workerCf) };
  return insert(state, co.datiInvio.codiceComunicazione, stored);
}

/**
 * Adds a CO held by another worker's state, as stored there, because it belongs to a correction chain
 * that reaches this worker too (see `ApplyOptions.chain`). Same set semantics as `applyCo`. A VARDATORI
 * fact names the other worker's rapporti: here it can only be the original of a slot whose tip is a
 * rettifica, so it is adopted as naming no one.
 */
export function adoptFact(state: WorkerState, stored: StoredFact): { state: WorkerState; outcome: ApplyOutcome } {
  const f = stored.fact;
  const fact: CoFact =
    f.modello === 'VARDATORI' && f.lavoratoreCf !== state.workerCf && f.variazione
      ? { ...f, lavoratoreCf: '', variazione: { ...f.variazione, rapporti: [] } }
      : f;
  return insert(state, f.codice, fact === f ? stored : { ...stored, fact });
}

function insert(state: WorkerState, codice: string, stored: StoredFact): { state: WorkerState; outcome: ApplyOutcome } {
  const hash = stored.hash;
  // hasOwn: a code such as "constructor" must not find Object.prototype members.
  const existing = Object.hasOwn(state.cos, codice) ? state.cos[codice] : undefined;
  if (!existing) {
    // Object.assign, not { ...state.cos, [codice]: stored }: the same copy (same members, same order) in a
    // third of the time, once per event.
    const cos = Object.assign({}, state.cos);
    cos[codice] = stored;
    return { state: { ...state, version: state.version + 1, cos }, outcome: 'applied' };
  }
  const seen = Object.hasOwn(state.conflicts, codice) ? state.conflicts[codice] : [existing.hash];
  if (seen.includes(hash)) return { state, outcome: existing.hash === hash ? 'duplicate' : 'conflict' };
  const hashes = [...seen, hash].sort();
  const keep = hash === hashes[0] ? { ...stored, receivedAt: existing.receivedAt } : existing;
  return {
    state: { ...state, version: state.version + 1, cos: { ...state.cos, [codice]: keep }, conflicts: { ...state.conflicts, [codice]: hashes } },
    outcome: 'conflict',
  };
}

export function apply(state: WorkerState, co: Co, opts: ApplyOptions = {}): WorkerState {
  return applyCo(state, co, opts).state;
}

/** Applies a batch in the given order; outcomes are per CO, in the same order. */
export function applyBatch(
  state: WorkerState,
  cos: ReadonlyArray<Co | { co: Co; receivedAt?: string; chain?: boolean }>,
): { state: WorkerState; outcomes: ApplyOutcome[] } {
  const outcomes: ApplyOutcome[] = [];
  let s = state;
  for (const item of cos) {
    const { co, receivedAt, chain } = 'co' in item ? item : { co: item, receivedAt: undefined, chain: undefined };
    const r = applyCo(s, co, { receivedAt, chain });
    s = r.state;
    outcomes.push(r.outcome);
  }
  return { state: s, outcomes };
}
