// Turns generator decisions into COs, and adds the corrections real senders make: about 2% of COs are
// followed by a rettifica and 0.5% by an annullamento. Corrections always target the latest CO of the
// rapporto (the only one the ministry lets a sender correct), so they are emitted right after it.
import type { CodeLists } from '../code-lists';
import type { CodeDraws } from './codes';
import { addDays } from '../dates';
import type { Agenzia, Co, CoRapporto, Datore, DatiInvio, EventoRapporto, InizioRapporto, IsoDate, Missione, TipoComunicazione } from '../model';
import type { EmployerPools, Worker } from './people';
import type { Rng } from './prng';

export const RETTIFICA_RATE = 0.02;
export const ANNULLAMENTO_RATE = 0.005;

export interface WorkerCtx {
  rng: Rng;
  lists: CodeLists;
  pools: EmployerPools;
  codes: CodeDraws;
  worker: Worker;
  until: IsoDate;
  out: Co[];
  nextCodice(): string;
}

/** What the generator knows about a rapporto while it writes its history. */
export interface RapportoGen {
  modello: 'UNILAV' | 'UNISOMM';
  datore: Datore;
  agenzia?: Agenzia;
  /** Current values: contract, orario, end date after proroghe, … */
  inizio: InizioRapporto;
  missione?: Missione;
  /** Date of the latest dataInvio: each CO of a rapporto is sent after the previous one. */
  lastInvio: IsoDate;
}

export type Sections = Partial<Pick<CoRapporto, 'proroga' | 'trasformazione' | 'trasferimento' | 'cessazione'>>;

/** Plain JSON data, no undefined members: equal to what parsing its serialization gives back. */
export function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** A dataInvio on or after `desired`, strictly after the previous CO of the rapporto. */
export function nextInvio(ctx: WorkerCtx, r: { lastInvio: IsoDate }, desired: IsoDate): string {
  const date = desired > r.lastInvio ? desired : addDays(r.lastInvio, 1);
  r.lastInvio = date;
  const hh = String(ctx.rng.int(7, 18)).padStart(2, '0');
  const mm = String(ctx.rng.int(0, 59)).padStart(2, '0');
  return `${date}T${hh}:${mm}:00Z`;
}

export function datiInvio(ctx: WorkerCtx, dataInvio: string, tu: TipoComunicazione, precedente?: string): DatiInvio {
  return {
    codiceComunicazione: ctx.nextCodice(),
    tipoComunicazione: tu,
    dataInvio,
    versione: 'CO190701R1',
    ...(precedente ? { codiceComunicazionePrecedente: precedente } : {}),
  };
}

export function rapportoCo(ctx: WorkerCtx, r: RapportoGen, tipoEvento: EventoRapporto, d: DatiInvio, sections: Sections): CoRapporto {
  const common = { datiInvio: d, tipoEvento, datore: r.datore, lavoratore: ctx.worker.lavoratore, inizio: r.inizio, ...sections };
  return plain(
    r.modello === 'UNILAV'
      ? { modello: 'UNILAV' as const, ...common }
      : { modello: 'UNISOMM' as const, ...common, agenzia: r.agenzia, missione: r.missione },
  );
}

/** A non-essential change, the typical content of a rettifica. */
function rectify(co: Co): void {
  if (co.modello === 'UNILAV' || co.modello === 'UNISOMM') {
    if (co.tipoEvento === 'PRO' && co.proroga) co.proroga.dataFineProroga = addDays(co.proroga.dataFineProroga, 7);
    else co.inizio.retribuzione = (co.inizio.retribuzione ?? 12000) + 500;
  } else if (co.modello === 'VARDATORI') co.datore.denominazione = `${co.datore.denominazione} (RETT.)`;
  else co.motivoUrgenza = 'Rettifica del motivo di urgenza';
}

export interface Emitted<T extends Co> {
  /** The effective CO after an optional rettifica. */
  tip: T;
  annulled: boolean;
}

/**
 * Pushes `co`, then maybe a rettifica of it, then maybe an annullamento of the tip. `annulBy` is the last
 * date an annullamento may be sent (an assunzione can be annulled only up to its start date); null means
 * never (a UNIURG, or the UNILAV completing it, is not annulled by the generator).
 */
export function emit<T extends Co>(ctx: WorkerCtx, r: { lastInvio: IsoDate }, co: T, annulBy?: IsoDate | null): Emitted<T> {
  ctx.out.push(co);
  let tip = co;
  if (ctx.rng.chance(RETTIFICA_RATE)) {
    const rett = plain(tip);
    rett.datiInvio = datiInvio(ctx, nextInvio(ctx, r, r.lastInvio), '03', tip.datiInvio.codiceComunicazione);
    rectify(rett);
    ctx.out.push(rett);
    tip = rett;
  }
  const canAnnul = annulBy !== null && (annulBy === undefined || addDays(r.lastInvio, 1) <= annulBy);
  if (canAnnul && ctx.rng.chance(ANNULLAMENTO_RATE)) {
    const ann = plain(tip);
    ann.datiInvio = datiInvio(ctx, nextInvio(ctx, r, r.lastInvio), '04', tip.datiInvio.codiceComunicazione);
    ctx.out.push(ann);
    return { tip, annulled: true };
  }
  return { tip, annulled: false };
}
