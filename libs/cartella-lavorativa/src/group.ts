// Groups live slots into rapporti. Identity: employer CF + start date (the worker is fixed per state),
// plus the codiceComunicazionePrecedente chain. A UNIURG is completed by its UNILAV (never a second
// hiring); an annulled assunzione voids the rapporto and every event hanging on it; a VARDATORI moves
// rapporti open at its date to the new employer, which from then on sends their events.
import type { IsoDate } from '@fsl/co';
import type { CoFact } from './fact';
import { fold, knownEnd } from './fold';
import { byInvio, type Slot } from './resolve';

export interface RapportoGroup {
  id: string;
  dataInizio: IsoDate;
  /** The slot that initialises the rapporto: first assunzione, else the UNIURG, else (orphan) the first event. */
  start: Slot;
  orphan: boolean;
  /** Other live slots in slot order: events, VARDATORI, duplicate hirings. */
  events: Slot[];
  /** UNIURG slots completed by this rapporto's UNILAV. */
  completed: Slot[];
  /** Annulled slots that belonged here (history only). */
  annulled: Slot[];
  keys: Set<string>;
}

export interface Grouping {
  rapporti: RapportoGroup[];
  /** Annulled hirings with everything voided with them, keyed by employer|start. */
  voided: Map<string, Slot[]>;
  /** Live VARDATORI that matched no open rapporto. */
  unmatchedVariazioni: Slot[];
}

const keyOf = (f: CoFact): string => `${f.datore.cf}|${f.dataInizio}`;
const isStarter = (f: CoFact): boolean => f.evento === 'ASS' || f.evento === 'URG';
const slotOrder = (a: Slot, b: Slot): number => byInvio(a.original, b.original);

function newGroup(start: Slot, orphan: boolean): RapportoGroup {
  const dataInizio = start.tip.dataInizio as string;
  return { id: start.id, dataInizio, start, orphan, events: [], completed: [], annulled: [], keys: new Set([keyOf(start.tip)]) };
}

export function group(slots: readonly Slot[], slotOf: Map<string, Slot>, workerCf: string): Grouping {
  // A slot belongs to the worker its tip names: a rettifica correcting the worker's CF moves it.
  const ours = (s: Slot) => s.tip.lavoratoreCf === workerCf;
  const isLive = (s: Slot) => !s.annulledBy && ours(s);
  const live = slots.filter(isLive).sort(slotOrder);
  const dead = slots.filter((s) => !isLive(s)).sort(slotOrder);

  // UNIURG completion: by the precedente of the definitive UNILAV, or by the same employer and start date.
  const urgOf = (s: Slot): Slot | undefined => {
    const p = s.original.precedente === undefined ? undefined : slotOf.get(s.original.precedente);
    return p && p.original.evento === 'URG' ? p : undefined;
  };
  const completedBy = new Map<Slot, Slot>();
  const voidedUrg = new Set<Slot>();
  for (const s of slots) {
    if (s.original.evento !== 'ASS') continue;
    const urg = urgOf(s);
    if (!urg) continue;
    if (s.annulledBy) voidedUrg.add(urg);
    else completedBy.set(urg, s);
  }
  const liveAssKeys = new Map(live.filter((s) => s.tip.evento === 'ASS').map((s) => [keyOf(s.tip), s]));
  for (const s of live) {
    const ass = liveAssKeys.get(keyOf(s.tip));
    if (s.tip.evento === 'URG' && !completedBy.has(s) && ass) {
      completedBy.set(s, ass);
      voidedUrg.delete(s); // a hiring re-sent after the annulled one still completes the urgency notice
    }
  }

  const rapporti: RapportoGroup[] = [];
  const keyIndex = new Map<string, RapportoGroup>();
  const owner = new Map<Slot, RapportoGroup>();
  const attach = (r: RapportoGroup, s: Slot, to: Slot[]) => {
    to.push(s);
    owner.set(s, r);
  };
  for (const s of live) {
    if (!isStarter(s.tip) || completedBy.has(s) || voidedUrg.has(s)) continue;
    const existing = keyIndex.get(keyOf(s.tip));
    if (existing) {
      attach(existing, s, existing.events);
      continue;
    }
    const r = newGroup(s, false);
    rapporti.push(r);
    keyIndex.set(keyOf(s.tip), r);
    owner.set(s, r);
  }
  for (const [urg, ass] of completedBy) {
    const r = owner.get(ass);
    if (r) {
      r.completed.push(urg);
      owner.set(urg, r);
      if (urg.original.invioMs < r.start.original.invioMs || (urg.original.invioMs === r.start.original.invioMs && urg.id < r.id)) r.id = urg.id;
    }
  }

  const pending = live.filter((s) => !owner.has(s) && !isStarter(s.tip) && s.tip.evento !== 'VAR');
  const attachPending = () => {
    for (let i = pending.length - 1; i >= 0; i--) {
      const s = pending[i];
      const viaChain = s.original.precedente === undefined ? undefined : slotOf.get(s.original.precedente);
      const r = (viaChain && owner.get(viaChain)) ?? keyIndex.get(keyOf(s.tip));
      if (r) {
        attach(r, s, r.events);
        pending.splice(i, 1);
      }
    }
  };
  attachPending();

  const unmatchedVariazioni: Slot[] = [];
  const variazioni = live.filter((s) => s.tip.evento === 'VAR').sort((a, b) => {
    const da = a.tip.variazione?.data ?? '';
    const db = b.tip.variazione?.data ?? '';
    return da < db ? -1 : da > db ? 1 : slotOrder(a, b);
  });
  for (const v of variazioni) {
    const va = v.tip.variazione as NonNullable<CoFact['variazione']>;
    let matched = false;
    for (const r of rapporti) {
      if (!r.keys.has(`${va.datorePrecedenteCf}|${r.dataInizio}`) || r.dataInizio > va.data) continue;
      if (va.rapporti.length > 0 && !va.rapporti.includes(r.dataInizio)) continue;
      const end = knownEnd(fold(r.start, [...r.events].sort(slotOrder)).valori);
      if (end !== undefined && end < va.data) continue;
      attach(r, v, r.events);
      const k = `${v.tip.datore.cf}|${r.dataInizio}`;
      r.keys.add(k);
      if (!keyIndex.has(k)) keyIndex.set(k, r);
      matched = true;
    }
    if (!matched) unmatchedVariazioni.push(v);
    attachPending();
  }

  // Annulled hirings void everything that would hang on them; other leftovers become orphan rapporti.
  // Dead slots that are not annulled were moved to another worker by a rettifica: not ours any more.
  const voided = new Map<string, Slot[]>();
  const addVoided = (k: string, s: Slot) => voided.set(k, [...(voided.get(k) ?? []), s]);
  const annulledStarters = dead.filter((s) => s.annulledBy && ours(s) && isStarter(s.original));
  for (const s of [...new Set([...annulledStarters, ...voidedUrg])].sort(slotOrder)) {
    const r = keyIndex.get(keyOf(s.tip));
    if (r) r.annulled.push(s);
    else addVoided(keyOf(s.tip), s);
  }
  for (const s of pending.sort(slotOrder)) {
    const k = keyOf(s.tip);
    const viaChain = s.original.precedente === undefined ? undefined : slotOf.get(s.original.precedente);
    const voidKey = voided.has(k) ? k : viaChain && viaChain.annulledBy ? keyOf(viaChain.tip) : undefined;
    if (voidKey !== undefined) {
      addVoided(voidKey, s);
      continue;
    }
    const r = keyIndex.get(k);
    if (r) attach(r, s, r.events);
    else {
      const orphan = newGroup(s, true);
      rapporti.push(orphan);
      keyIndex.set(k, orphan);
      owner.set(s, orphan);
    }
  }

  // Annulled events stay in the history of their rapporto, or with the voided hiring they hung on.
  for (const s of dead) {
    if (!s.annulledBy || !ours(s) || isStarter(s.original)) continue;
    const r = keyIndex.get(keyOf(s.tip));
    if (r) r.annulled.push(s);
    else if (voided.has(keyOf(s.tip))) addVoided(keyOf(s.tip), s);
  }
  for (const r of rapporti) r.events.sort(slotOrder);
  return { rapporti, voided, unmatchedVariazioni };
}
