// Current values of one rapporto, folded from its live events in slot order. Rules that need the state
// (a proroga must move the end forward; nothing after a cessazione) are applied here, and events that
// break them are kept in the history as SCARTATO with the reason, never silently dropped.
import { addDays, checkProrogaAgainstCurrentEnd, type IsoDate } from '@fsl/co';
import type { CoFact, TerminiFact } from './fact';
import type { Slot } from './resolve';
import type { Anomalia, EsitoEvento, ValoriRapporto } from './types';

const TO_OPEN_ENDED = new Set(['DI', 'AI', 'FI', 'II']);

export interface Folded {
  valori: ValoriRapporto;
  esiti: Map<string, { esito: EsitoEvento; motivo?: string }>;
  anomalie: Anomalia[];
  datoriPrecedenti: Array<{ codiceFiscale: string; denominazione?: string; finoAl: string }>;
}

const MESSAGES: Record<string, string> = {
  EVENT_AFTER_CESSAZIONE: 'The rapporto had already ended when this event was sent; not applied.',
  DOPPIA_CESSAZIONE: 'The rapporto already has a cessazione; this one was not applied.',
  CESSAZIONE_BEFORE_INIZIO: 'The cessazione date is before the start of the rapporto; not applied.',
  DUPLICATE_ASSUNZIONE: 'A second assunzione for the same employer, worker and start date; not applied.',
};

export function initial(f: CoFact): ValoriRapporto {
  return {
    datore: { codiceFiscale: f.datore.cf, denominazione: f.datore.denominazione },
    sedeLavoro: f.datore.sedeLavoro,
    dataInizio: f.dataInizio as string,
    dataFine: f.dataFine,
    dataFinePeriodoFormativo: f.dataFinePF,
    tipologiaContrattuale: f.contratto,
    tipoOrario: f.orario,
    oreSettimanaliMedie: f.ore,
    qualificaProfessionale: f.qualifica,
    missione: f.missione && {
      utilizzatoreCf: f.missione.utilizzatoreCf,
      utilizzatoreDenominazione: f.missione.utilizzatoreDenominazione,
      dal: f.missione.dataInizio,
      al: f.missione.dataFine,
    },
  };
}

/** The terms a VARDATORI sends for the worker with the new employer replace those it states. */
function applyTermini(v: ValoriRapporto, t: TerminiFact): void {
  if (t.contratto !== undefined) v.tipologiaContrattuale = t.contratto;
  if (t.dataFine !== undefined) v.dataFine = t.dataFine;
  if (t.dataFinePF !== undefined) v.dataFinePeriodoFormativo = t.dataFinePF;
  if (t.orario !== undefined) {
    v.tipoOrario = t.orario;
    v.oreSettimanaliMedie = t.ore;
    if (t.ore === undefined) delete v.oreSettimanaliMedie;
  }
  if (t.qualifica !== undefined) v.qualificaProfessionale = t.qualifica;
}

/** Applies one event to `v`; returns a rejection code, or undefined when applied. */
function step(v: ValoriRapporto, f: CoFact, prev: Folded['datoriPrecedenti']): string | undefined {
  if (v.cessazione && f.evento !== 'CES') return 'EVENT_AFTER_CESSAZIONE';
  switch (f.evento) {
    case 'PRO': {
      const p = f.proroga as NonNullable<CoFact['proroga']>;
      const problems = checkProrogaAgainstCurrentEnd(v.dataFine, { dataFineProroga: p.dataFine });
      if (problems.length > 0) return problems[0].code;
      v.dataFine = p.dataFine;
      if (v.missione && p.dataFineMissione) v.missione.al = p.dataFineMissione;
      return undefined;
    }
    case 'TRS': {
      const t = f.trasformazione as NonNullable<CoFact['trasformazione']>;
      if (TO_OPEN_ENDED.has(t.codice)) {
        v.tipologiaContrattuale = t.contratto ?? 'A.01.00';
        delete v.dataFine;
        delete v.dataFinePeriodoFormativo;
        if (v.missione) delete v.missione.al;
      } else if (t.contratto) v.tipologiaContrattuale = t.contratto;
      if (t.orario) {
        v.tipoOrario = t.orario;
        v.oreSettimanaliMedie = t.ore;
        if (t.ore === undefined) delete v.oreSettimanaliMedie;
      }
      return undefined;
    }
    case 'TRD': {
      const t = f.trasferimento as NonNullable<CoFact['trasferimento']>;
      if (t.tipo === 'TL') v.sedeLavoro = t.sede;
      else v.distacco = { distaccatarioCf: t.distaccatarioCf, sede: t.sede, dal: t.data, al: t.dataFineDistacco };
      return undefined;
    }
    case 'CES': {
      const c = f.cessazione as NonNullable<CoFact['cessazione']>;
      if (v.cessazione) return 'DOPPIA_CESSAZIONE';
      if (c.data < v.dataInizio) return 'CESSAZIONE_BEFORE_INIZIO';
      v.cessazione = { data: c.data, causa: c.causa };
      return undefined;
    }
    case 'VAR': {
      const va = f.variazione as NonNullable<CoFact['variazione']>;
      // The new employer is in force from the variation's date, so the previous one's last day is the day before.
      prev.push({ codiceFiscale: v.datore.codiceFiscale, denominazione: v.datore.denominazione, finoAl: addDays(va.data, -1) });
      v.datore = { codiceFiscale: f.datore.cf, denominazione: f.datore.denominazione };
      if (f.datore.sedeLavoro) v.sedeLavoro = f.datore.sedeLavoro;
      if (va.termini) applyTermini(v, va.termini);
      return undefined;
    }
    default:
      return 'DUPLICATE_ASSUNZIONE';
  }
}

/**
 * `start` is the slot whose content initialises the rapporto (the assunzione, the UNIURG, or for an
 * orphan the first event); `events` are the other live slots, already in slot order.
 */
export function fold(start: Slot, events: readonly Slot[]): Folded {
  const out: Folded = { valori: initial(start.tip), esiti: new Map(), anomalie: [], datoriPrecedenti: [] };
  const startsAsEvent = !startsRapporto(start);
  for (const s of stepped(start, events)) {
    const code = step(out.valori, s.tip, out.datoriPrecedenti);
    if (code === undefined) {
      out.esiti.set(s.id, { esito: 'APPLICATO' });
      continue;
    }
    const esito = code === 'DUPLICATE_ASSUNZIONE' ? 'DUPLICATO' : 'SCARTATO';
    out.esiti.set(s.id, { esito, motivo: code });
    out.anomalie.push({ codiceComunicazione: s.tip.codice, code, message: MESSAGES[code] ?? problemMessage(code) });
  }
  if (!startsAsEvent) out.esiti.set(start.id, { esito: 'APPLICATO' });
  return out;
}

const startsRapporto = (start: Slot): boolean => start.tip.evento === 'ASS' || start.tip.evento === 'URG';

/** The slots the fold steps through: an orphan rapporto's first event is an event too. */
function stepped(start: Slot, events: readonly Slot[]): readonly Slot[] {
  return startsRapporto(start) ? events : [start, ...events];
}

/**
 * The day from which an event's values are in force: a trasformazione, a change of employer or a transfer
 * take effect on their own date. A proroga has none: it moves the planned end, which is read as known now
 * (the term after every proroga received); a cessazione ends the rapporto and changes no value in force.
 */
export function inVigoreDal(f: CoFact): IsoDate | undefined {
  return f.trasformazione?.data ?? f.variazione?.data ?? f.trasferimento?.data;
}

/**
 * The values in force on `day`, as known now: the start values, then — in the fold's order — every event
 * the whole fold applied (`esiti`) whose values are in force by that day. Events the fold refused stay out.
 */
export function valoriAl(start: Slot, events: readonly Slot[], esiti: Folded['esiti'], day: IsoDate): ValoriRapporto {
  const v = initial(start.tip);
  for (const s of stepped(start, events)) {
    if (esiti.get(s.id)?.esito !== 'APPLICATO' || s.tip.evento === 'CES') continue;
    const dal = inVigoreDal(s.tip);
    if (dal !== undefined && dal > day) continue;
    // Applied in the whole fold, so its rules held there; on this subset only an earlier end can differ,
    // and a proroga it would refuse here has no value in force to give.
    step(v, s.tip, []);
  }
  return v;
}

/** The days on which the values in force change (event dates after the start), in order. */
export function cambiDiValori(start: Slot, events: readonly Slot[], esiti: Folded['esiti']): IsoDate[] {
  const days = stepped(start, events)
    .filter((s) => esiti.get(s.id)?.esito === 'APPLICATO' && s.tip.evento !== 'CES')
    .map((s) => inVigoreDal(s.tip))
    .filter((d): d is IsoDate => d !== undefined);
  return [...new Set(days)].sort();
}

function problemMessage(code: string): string {
  return code === 'PROROGA_NOT_AFTER_CURRENT_END'
    ? 'The new end date of this proroga is not after the current end date; not applied.'
    : 'An open-ended rapporto cannot be extended; this proroga was not applied.';
}

/** End of the rapporto as far as its events say (cessazione, else planned term), for "open at date" checks. */
export function knownEnd(v: ValoriRapporto): string | undefined {
  return v.cessazione?.data ?? v.dataFine;
}
