// The cartella lavorativa of one worker, computed from the state and an injected `today` (never the
// clock: "ended at term" is derived from the date, and the same state + today must give the same answer).
import { addDays, toIsoDate, type IsoDate } from '@fsl/co';
import { eventDate, isCorrectionFact, type CoFact } from './fact';
import { fold, type Folded } from './fold';
import { group, type Grouping, type RapportoGroup } from './group';
import { plainJson } from './plain';
import { byInvio, REJECTION_MESSAGES, resolve, type Resolution, type Slot } from './resolve';
import type { WorkerState } from './state';
import type { CartellaLavorativa, CorrezioneInAttesa, EsitoEvento, EventoStorico, Periodo, RapportoAnnullato, RapportoLavoro, StatoRapporto, ValoriRapporto } from './types';

function storico(s: Slot, esito: EsitoEvento, motivo?: string): EventoStorico {
  return {
    codiceComunicazione: s.tip.codice,
    codiceOriginale: s.id,
    rettifiche: s.rettifiche.map((r) => r.codice),
    annullatoDa: s.annulledBy?.codice,
    modello: s.original.modello,
    tipoEvento: s.original.evento,
    tipoComunicazione: s.original.tu,
    dataInvio: s.original.dataInvio,
    dataEvento: eventDate(s.tip),
    esito,
    motivo,
  };
}

function stato(v: ValoriRapporto, today: IsoDate): { stato: StatoRapporto; fine?: IsoDate } {
  if (v.dataInizio > today) return { stato: 'NON_INIZIATO' };
  // A cessazione date is the last day of work, so the rapporto is over only from the day after.
  if (v.cessazione) return v.cessazione.data < today ? { stato: 'CESSATO', fine: v.cessazione.data } : { stato: 'ATTIVO' };
  // A fixed-term rapporto past its term with no proroga or trasformazione has ended: derived, not an event.
  if (v.dataFine !== undefined && v.dataFine < today) return { stato: 'CESSATO_AL_TERMINE', fine: v.dataFine };
  return { stato: 'ATTIVO' };
}

/** A rapporto as projected, with the group and fold it came from (for readers that need more than the view). */
export interface RapportoCalcolato {
  gruppo: RapportoGroup;
  folded: Folded;
  rapporto: RapportoLavoro;
}

function rapporto(r: RapportoGroup, workerCf: string, today: IsoDate): RapportoCalcolato {
  const f: Folded = fold(r.start, r.events);
  const entries: Array<[Slot, EventoStorico]> = [
    [r.start, storico(r.start, f.esiti.get(r.start.id)?.esito ?? 'APPLICATO', f.esiti.get(r.start.id)?.motivo)],
    ...r.events.map((s): [Slot, EventoStorico] => {
      const e = f.esiti.get(s.id) ?? { esito: 'APPLICATO' as const };
      return [s, storico(s, e.esito, e.motivo)];
    }),
    ...r.completed.map((s): [Slot, EventoStorico] => [s, storico(s, 'COMPLETATO')]),
    ...r.annulled.map((s): [Slot, EventoStorico] => [s, storico(s, 'ANNULLATO')]),
  ];
  entries.sort(([a], [b]) => byInvio(a.original, b.original));
  const st = stato(f.valori, today);
  const start = r.start.tip;
  const projected: RapportoLavoro = {
    id: r.id,
    lavoratoreCf: workerCf,
    datoreCfIniziale: start.datore.cf,
    dataInizio: r.dataInizio,
    modello: start.evento === 'URG' ? 'UNIURG' : start.modello === 'UNISOMM' ? 'UNISOMM' : 'UNILAV',
    stato: st.stato,
    dataFineEffettiva: st.fine,
    provvisorio: start.evento === 'URG',
    assunzioneMancante: r.orphan,
    attuale: f.valori,
    datoriPrecedenti: f.datoriPrecedenti,
    storia: entries.map(([, e]) => e),
    anomalie: f.anomalie,
  };
  return { gruppo: r, folded: f, rapporto: projected };
}

/** Merged employment periods; overlapping or back-to-back rapporti form one period. */
function periodi(rapporti: readonly RapportoLavoro[]): Periodo[] {
  const spans = rapporti
    .filter((r) => r.stato !== 'NON_INIZIATO')
    .map((r) => ({ dal: r.dataInizio, al: r.attuale.cessazione?.data ?? r.attuale.dataFine }))
    .sort((a, b) => (a.dal < b.dal ? -1 : a.dal > b.dal ? 1 : 0));
  const out: Periodo[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && (last.al === undefined || s.dal <= addDays(last.al, 1))) {
      if (last.al !== undefined && (s.al === undefined || s.al > last.al)) last.al = s.al;
    } else out.push({ ...s });
  }
  return out;
}

/** Annulled hirings, with every CO voided with them. */
export function rapportiAnnullati(g: Grouping): RapportoAnnullato[] {
  return [...g.voided.entries()]
    .map(([key, slots]) => ({
      datoreCf: key.slice(0, key.indexOf('|')),
      dataInizio: key.slice(key.indexOf('|') + 1),
      codiciComunicazione: slots.flatMap((s) => [s.id, ...s.rettifiche.map((r) => r.codice), ...(s.annulledBy ? [s.annulledBy.codice] : [])]).sort(),
    }))
    .sort((a, b) => (a.dataInizio + a.datoreCf < b.dataInizio + b.datoreCf ? -1 : 1));
}

/** The permit of the latest live CO that states one (annulled slots and replaced contents do not count). */
export function permessoSoggiorno(slots: readonly Slot[], workerCf: string): CoFact['permesso'] {
  let latest: CoFact | undefined;
  for (const s of slots) {
    // A rettifica may have moved the CO to another worker: that worker's permit is not this one's.
    if (s.annulledBy || !s.tip.permesso || s.tip.lavoratoreCf !== workerCf) continue;
    if (!latest || byInvio(latest, s.tip) < 0) latest = s.tip;
  }
  return latest?.permesso;
}

function correzioni(state: WorkerState, pending: readonly CoFact[]): CorrezioneInAttesa[] {
  return pending.map((f) => ({
    codiceComunicazione: f.codice,
    codiceComunicazionePrecedente: f.precedente,
    tipoComunicazione: f.tu,
    ricevutaIl: state.cos[f.codice].receivedAt,
  }));
}

function pendingOf(state: WorkerState): CorrezioneInAttesa[] {
  const facts = Object.values(state.cos).map((s) => s.fact);
  // Only a correction can be pending. Most workers have none, and the builder asks for every state it
  // writes: resolving their facts for nothing showed in the replay profile.
  if (!facts.some(isCorrectionFact)) return [];
  return correzioni(state, resolve(facts).pending);
}

export function project(state: WorkerState, today: Date | IsoDate): CartellaLavorativa {
  // Plain JSON (no undefined members): what the API serves and what tests compare.
  return plainJson(projectRaw(state, today));
}

/** The projection before it is made plain JSON (it may hold undefined members), for readers that only
 * serialize it or pick from it: making it plain costs about as much as computing it. */
export function projectRaw(state: WorkerState, today: Date | IsoDate): CartellaLavorativa {
  const day = toIsoDate(today);
  const { res, g, calcolati } = calcolaRapporti(state, day);
  const rapporti = calcolati.map((c) => c.rapporto);
  const cartella: CartellaLavorativa = {
    lavoratoreCf: state.workerCf,
    version: state.version,
    calcolataAl: day,
    rapporti,
    periodi: periodi(rapporti),
    rapportiAnnullati: rapportiAnnullati(g),
    correzioniInAttesa: correzioni(state, res.pending),
    scartate: res.rejected
      .map(({ fact, code }) => ({ codiceComunicazione: fact.codice, code, message: REJECTION_MESSAGES[code] }))
      .sort((a, b) => (a.codiceComunicazione < b.codiceComunicazione ? -1 : 1)),
    avvisi: [
      ...res.superseded.map((f) => ({ codiceComunicazione: f.codice, code: 'CORRECTION_OF_SUPERSEDED', message: REJECTION_MESSAGES.CORRECTION_OF_SUPERSEDED })),
      ...g.unmatchedVariazioni.map((s) => ({
        codiceComunicazione: s.tip.codice,
        code: 'VARIAZIONE_SENZA_RAPPORTO',
        message: 'This VARDATORI matched no rapporto open at its date with the previous employer.',
      })),
    ].sort((a, b) => (a.codiceComunicazione < b.codiceComunicazione ? -1 : 1)),
    conflitti: Object.entries(state.conflicts)
      .map(([codiceComunicazione, hashes]) => ({ codiceComunicazione, hashes }))
      .sort((a, b) => (a.codiceComunicazione < b.codiceComunicazione ? -1 : 1)),
    permessoSoggiorno: permessoSoggiorno(res.slots, state.workerCf),
  };
  return cartella;
}

/** The worker's rapporti as of `day`, sorted by start, each with its group and fold. */
export function calcolaRapporti(state: WorkerState, day: IsoDate): { res: Resolution; g: Grouping; calcolati: RapportoCalcolato[] } {
  const res = resolve(Object.values(state.cos).map((s) => s.fact));
  const g = group(res.slots, res.slotOf, state.workerCf);
  const calcolati = g.rapporti
    .map((r) => rapporto(r, state.workerCf, day))
    .sort((x, y) => {
      const [a, b] = [x.rapporto, y.rapporto];
      return a.dataInizio < b.dataInizio ? -1 : a.dataInizio > b.dataInizio ? 1 : a.id < b.id ? -1 : 1;
    });
  return { res, g, calcolati };
}

/**
 * Corrections parked longer than `maxParkedMs` (their target never arrived): for the metric and the
 * operator listing.
 */
export function overdueCorrections(state: WorkerState, now: Date | string, maxParkedMs: number): CorrezioneInAttesa[] {
  const nowMs = typeof now === 'string' ? Date.parse(now) : now.getTime();
  return pendingOf(state).filter((p) => nowMs - Date.parse(p.ricevutaIl) > maxParkedMs);
}
