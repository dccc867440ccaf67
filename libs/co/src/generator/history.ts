// One worker's career as a sequence of rapporti, each written as the COs an employer would send. The mix
// is rough but plausible (most contracts are fixed-term and short; many end at term
// without any cessazione CO, which the builder must derive).
import { addDays, addMonths } from '../dates';
import type { Datore, InizioRapporto, IsoDate, Uniurg, Vardatori } from '../model';
import { datiInvio, emit, nextInvio, plain, rapportoCo, type RapportoGen, type Sections, type WorkerCtx } from './emit';

const CONTRACTS_PRIVATE: ReadonlyArray<readonly [string, number]> = [
  ['A.02.00', 45], ['A.01.00', 25], ['A.03.09', 8], ['A.02.01', 5], ['A.05.02', 4], ['C.01.00', 4], ['N.02.00', 2],
];
const CONTRACTS_PA: ReadonlyArray<readonly [string, number]> = [['A.01.00', 60], ['A.02.00', 40]];
const ORARI: ReadonlyArray<readonly [string, number]> = [['F', 65], ['P', 25], ['V', 5], ['M', 5]];
const TD = new Set(['A.02.00', 'A.02.01', 'N.02.00', 'C.01.00']);
const URGENCY_TU = ['02', '07', '08', '09'] as const;

type Step = { kind: 'end'; freeFrom: IsoDate } | { kind: 'open' } | { kind: 'next'; at: IsoDate };

function ageAt(birth: IsoDate, date: IsoDate): number {
  return Number(date.slice(0, 4)) - Number(birth.slice(0, 4));
}

/**
 * A rapporto whose employer (and, when given, contract and qualifica) is decided by the caller: a hiring
 * that another source's story implies (an accepted job proposal in SIISL). Always a direct UNILAV.
 */
export interface RapportoImposto {
  datore: Datore;
  tipologiaContrattuale?: string;
  qualificaProfessionale?: string;
}

/** Apprenticeships other than A.03.04/A.03.07 carry the end of their training period. */
const isApprendistato = (contract: string): boolean => contract.startsWith('A.03.') && contract !== 'A.03.04' && contract !== 'A.03.07';

function newRapporto(ctx: WorkerCtx, start: IsoDate, imposto?: RapportoImposto): RapportoGen {
  const { rng, pools, codes } = ctx;
  const somm = !imposto && rng.chance(0.08);
  const pa = !imposto && !somm && rng.chance(0.06);
  const datore = imposto?.datore ?? rng.pick(somm ? pools.agencies : pa ? pools.public : pools.ordinary);
  let contract = imposto?.tipologiaContrattuale ?? (somm ? rng.weighted([['A.02.00', 80], ['A.01.00', 20]] as const) : rng.weighted(pa ? CONTRACTS_PA : CONTRACTS_PRIVATE));
  // An apprenticeship is for the under-30s: an older person is hired on a fixed-term contract instead.
  if (isApprendistato(contract) && ageAt(ctx.worker.birthDate, start) >= 30) contract = 'A.02.00';
  const tipoOrario = contract === 'A.05.02' ? 'N' : rng.weighted(ORARI);
  const qualifica = imposto?.qualificaProfessionale ?? codes.draw(rng, 'qualificaCp2011', start);
  const inizio: InizioRapporto = {
    dataInizio: start,
    tipologiaContrattuale: contract,
    tipoOrario,
    qualificaProfessionale: qualifica,
    ccnl: codes.draw(rng, 'ccnl', start),
    livelloInquadramento: String(rng.int(1, 7)),
    retribuzione: rng.int(9, 40) * 1000,
    entePrevidenziale: '01',
  };
  if (tipoOrario !== 'F' && tipoOrario !== 'N') inizio.oreSettimanaliMedie = rng.pick([12, 18, 20, 24, 25, 30]);
  if (contract === 'C.01.00') inizio.dataFine = addDays(addMonths(start, 6), -1);
  else if (TD.has(contract)) inizio.dataFine = addDays(addMonths(start, rng.int(1, 12)), -1);
  if (isApprendistato(contract)) inizio.dataFinePeriodoFormativo = addDays(addMonths(start, 36), -1);
  const r: RapportoGen = { modello: somm ? 'UNISOMM' : 'UNILAV', datore, inizio, lastInvio: addDays(start, -rng.int(2, 4)) };
  if (somm) {
    const utilizzatore = rng.pick(pools.ordinary);
    r.agenzia = { numeroIscrizioneAlbo: String(rng.int(1000, 9999)), estera: false };
    r.missione = {
      utilizzatore,
      dataInizio: start,
      dataFine: inizio.dataFine,
      tipoOrario,
      oreSettimanaliMedie: inizio.oreSettimanaliMedie,
      qualificaProfessionale: qualifica,
    };
  }
  return r;
}

/**
 * The hiring, possibly announced first by a UNIURG. Returns false if the hiring was annulled. An imposed
 * hiring is a plain UNILAV that is never annulled: the story that implies it needs it in the feed.
 */
function hire(ctx: WorkerCtx, r: RapportoGen, imposto: boolean): boolean {
  const { rng } = ctx;
  const start = r.inizio.dataInizio;
  if (!imposto && r.modello === 'UNILAV' && rng.chance(0.05)) {
    const urg: Uniurg = plain({
      modello: 'UNIURG' as const,
      tipoEvento: 'URG' as const,
      datiInvio: datiInvio(ctx, nextInvio(ctx, r, start), '01'),
      datore: { codiceFiscale: r.datore.codiceFiscale, denominazione: r.datore.denominazione },
      lavoratore: { codiceFiscale: ctx.worker.lavoratore.codiceFiscale, cognome: ctx.worker.lavoratore.cognome, nome: ctx.worker.lavoratore.nome },
      inizio: { dataInizio: start, dataFine: r.inizio.dataFine, tipologiaContrattuale: r.inizio.tipologiaContrattuale },
      motivoUrgenza: 'Esigenza produttiva imprevista',
    });
    const u = emit(ctx, r, urg, null).tip;
    const d = datiInvio(ctx, nextInvio(ctx, r, addDays(start, 1)), rng.pick(URGENCY_TU), u.datiInvio.codiceComunicazione);
    emit(ctx, r, rapportoCo(ctx, r, 'ASS', d, {}), null);
    return true;
  }
  const d = datiInvio(ctx, nextInvio(ctx, r, addDays(start, -1)), rng.chance(0.03) ? '06' : '01');
  const { tip, annulled } = emit(ctx, r, rapportoCo(ctx, r, 'ASS', d, {}), imposto ? null : start);
  r.inizio.retribuzione = tip.modello === 'UNILAV' || tip.modello === 'UNISOMM' ? tip.inizio.retribuzione : r.inizio.retribuzione;
  return !annulled;
}

/** Sends one event; returns the effective CO, or undefined if it was annulled (state unchanged). */
function event(ctx: WorkerCtx, r: RapportoGen, tipo: 'PRO' | 'TRS' | 'TRD' | 'CES', date: IsoDate, invioDelay: number, s: Sections) {
  const d = datiInvio(ctx, nextInvio(ctx, r, addDays(date, invioDelay)), '01');
  const { tip, annulled } = emit(ctx, r, rapportoCo(ctx, r, tipo, d, s));
  return annulled ? undefined : tip;
}

function variazione(ctx: WorkerCtx, r: RapportoGen, date: IsoDate): void {
  const nuovo = ctx.rng.pick(ctx.pools.ordinary.filter((e) => e.codiceFiscale !== r.datore.codiceFiscale));
  const w = ctx.worker.lavoratore;
  const co: Vardatori = plain({
    modello: 'VARDATORI' as const,
    tipoEvento: 'VAR' as const,
    datiInvio: datiInvio(ctx, nextInvio(ctx, r, addDays(date, ctx.rng.int(0, 5))), '01'),
    datore: nuovo,
    datorePrecedente: { codiceFiscale: r.datore.codiceFiscale, denominazione: r.datore.denominazione },
    variazione: { tipo: 'TRASFERIMENTO_AZIENDA' as const, data: date },
    lavoratori: [{ codiceFiscale: w.codiceFiscale, cognome: w.cognome, nome: w.nome, dataInizio: r.inizio.dataInizio }],
  });
  if (!emit(ctx, r, co).annulled) r.datore = nuovo;
}

/** Next step of a fixed-term or apprenticeship rapporto. */
function stepWithEnd(ctx: WorkerCtx, r: RapportoGen, from: IsoDate, steps: number): Step {
  const { rng } = ctx;
  const i = r.inizio;
  if (i.dataFinePeriodoFormativo && !i.dataFine) {
    const at = i.dataFinePeriodoFormativo;
    if (at > ctx.until) return { kind: 'open' };
    if (rng.chance(0.6)) {
      const tip = event(ctx, r, 'TRS', at, 2, { trasformazione: { codice: 'AI', data: at, tipologiaContrattuale: 'A.01.00' } });
      if (tip) {
        i.tipologiaContrattuale = 'A.01.00';
        delete i.dataFinePeriodoFormativo;
      }
      return { kind: 'next', at };
    }
    return event(ctx, r, 'CES', at, 2, { cessazione: { data: at, causa: 'AR' } }) ? { kind: 'end', freeFrom: addDays(at, 1) } : { kind: 'next', at };
  }
  const end = i.dataFine!;
  if (TD.has(i.tipologiaContrattuale) && i.tipologiaContrattuale !== 'C.01.00' && rng.chance(0.15)) {
    const at = addDays(from, rng.int(1, Math.max(1, daysBetween(from, end))));
    if (at > ctx.until) return { kind: 'open' };
    const tip = event(ctx, r, 'TRS', at, 2, { trasformazione: { codice: 'DI', data: at, tipologiaContrattuale: 'A.01.00' } });
    if (tip) {
      i.tipologiaContrattuale = 'A.01.00';
      delete i.dataFine;
      if (r.missione) delete r.missione.dataFine;
    }
    return { kind: 'next', at };
  }
  if (rng.chance(0.08)) {
    const at = addDays(from, rng.int(0, Math.max(0, daysBetween(from, end))));
    if (at > ctx.until) return { kind: 'open' };
    return event(ctx, r, 'CES', at, rng.int(0, 4), { cessazione: { data: at, causa: 'LI' } }) ? { kind: 'end', freeFrom: addDays(at, 1) } : { kind: 'next', at };
  }
  if (steps < 3 && i.tipologiaContrattuale !== 'C.01.00' && rng.chance(0.35)) {
    const invio = addDays(end, -rng.int(1, 5));
    if (invio > ctx.until) return { kind: 'open' };
    const newEnd = addMonths(end, rng.int(1, 6));
    const tip = event(ctx, r, 'PRO', invio, 0, { proroga: { dataFineProroga: newEnd, ...(r.missione ? { dataFineMissione: newEnd } : {}) } });
    if (tip?.proroga) {
      i.dataFine = tip.proroga.dataFineProroga;
      if (r.missione) r.missione.dataFine = i.dataFine;
    }
    return { kind: 'next', at: invio };
  }
  // Ends at term: no CO at all, the builder derives it.
  return end > ctx.until ? { kind: 'open' } : { kind: 'end', freeFrom: addDays(end, 1) };
}

function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

/** Next step of an open-ended rapporto. */
function stepOpenEnded(ctx: WorkerCtx, r: RapportoGen, from: IsoDate): Step {
  const { rng } = ctx;
  const i = r.inizio;
  const at = addDays(from, rng.int(60, 900));
  if (at > ctx.until) return { kind: 'open' };
  const what = rng.weighted([['CES', 50], ['ORARIO', 12], ['TL', 10], ['DL', 4], ['VAR', r.modello === 'UNILAV' ? 6 : 0], ['NONE', 18]] as const);
  if (what === 'CES') {
    const causa = r.datore.pubblicaAmministrazione && rng.chance(0.2) ? 'DS' : 'LI';
    const ok = event(ctx, r, 'CES', at, rng.int(0, 4), { cessazione: { data: at, causa } });
    return ok ? { kind: 'end', freeFrom: addDays(at, rng.int(1, 10)) } : { kind: 'next', at };
  }
  if (what === 'ORARIO' && i.tipoOrario !== 'N') {
    const toFull = i.tipoOrario !== 'F';
    const trasformazione = toFull
      ? { codice: 'PP', data: at, tipoOrario: 'F' }
      : { codice: 'TP', data: at, tipoOrario: 'P', oreSettimanaliMedie: 20 };
    if (event(ctx, r, 'TRS', at, 2, { trasformazione })) {
      i.tipoOrario = trasformazione.tipoOrario;
      if (toFull) delete i.oreSettimanaliMedie;
      else i.oreSettimanaliMedie = 20;
    }
  } else if (what === 'TL' || what === 'DL') {
    const other = rng.pick(ctx.pools.ordinary.filter((e) => e.codiceFiscale !== r.datore.codiceFiscale));
    const sedeLavoro = what === 'TL' ? { comune: other.sedeLavoro!.comune, indirizzo: 'Via Nuova 1' } : other.sedeLavoro!;
    const trasferimento = {
      tipo: what,
      data: at,
      sedeLavoro,
      sedeLavoroPrecedente: r.datore.sedeLavoro,
      ...(what === 'DL' ? { distaccatario: { codiceFiscale: other.codiceFiscale, denominazione: other.denominazione }, dataFineDistacco: addMonths(at, 3) } : {}),
    };
    if (event(ctx, r, 'TRD', at, 2, { trasferimento }) && what === 'TL') r.datore = { ...r.datore, sedeLavoro };
  } else if (what === 'VAR') variazione(ctx, r, at);
  return { kind: 'next', at };
}

/** Writes one rapporto; returns the date the worker is free again, or undefined if still employed at `until`. */
export function writeRapporto(ctx: WorkerCtx, start: IsoDate, imposto?: RapportoImposto): IsoDate | undefined {
  const r = newRapporto(ctx, start, imposto);
  if (!hire(ctx, r, imposto !== undefined)) return addDays(start, ctx.rng.int(1, 30));
  let from = start;
  let steps = 0;
  // Bounded so a pathological draw cannot loop; 20 events is far beyond a realistic rapporto.
  for (; steps < 20; steps++) {
    const hasEnd = r.inizio.dataFine !== undefined || r.inizio.dataFinePeriodoFormativo !== undefined;
    const step = hasEnd ? stepWithEnd(ctx, r, from, steps) : stepOpenEnded(ctx, r, from);
    if (step.kind === 'open') return undefined;
    if (step.kind === 'end') return step.freeFrom;
    from = step.at;
  }
  return undefined;
}
