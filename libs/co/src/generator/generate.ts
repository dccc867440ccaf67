// Seeded, deterministic generator of CO histories. Same options → byte-identical output; worker i's history
// depends only on (seed, i), so a 10-worker sample is a prefix of the 10,000-worker dataset.
import { defaultCodeLists, type CodeLists } from '../code-lists';
import { addDays } from '../dates';
import type { Co, IsoDate, Lavoratore } from '../model';
import { CodeDraws } from './codes';
import type { WorkerCtx } from './emit';
import { writeRapporto, type RapportoImposto } from './history';
import { makeEmployers, makeWorker, type EmployerPools, type Worker } from './people';
import { deriveSeed, Rng } from './prng';

export interface GenerateOptions {
  workers: number;
  seed: number;
  /** First possible hiring date; default 2016-01-01. */
  from?: IsoDate;
  /** No CO is dated after this day; default 2025-06-30. */
  until?: IsoDate;
  codeLists?: CodeLists;
  /**
   * Share of code fields (sector, qualifica, CCNL, cittadinanza) given a well-formed code that the
   * partial tables do not know, as real COs do; default 0. Such COs are accepted with warnings.
   */
  unknownCodes?: number;
  /**
   * Hirings another source's story implies (libs/siisl's `assunzioniAttese`: an accepted job proposal
   * after a course). Each becomes one more rapporto of the worker with that codice fiscale, hired by that
   * employer on that day with a plain UNILAV that is never annulled, followed by the usual events. They are
   * drawn from a stream of their own, so the worker's other COs are exactly those generated without them.
   */
  assunzioniAttese?: readonly AssunzioneAttesa[];
}

/** A hiring decided outside the CO generator. Only what a job offer says about it. */
export interface AssunzioneAttesa {
  codiceFiscale: string;
  datore: {
    codiceFiscale: string;
    denominazione: string;
    /** ATECO; the employer's sector in the CO (one is drawn when absent). */
    settore?: string;
    /** Belfiore code of the workplace. */
    sedeComune: string;
  };
  /** First day of work, within the generation window. */
  dataInizio: IsoDate;
  tipologiaContrattuale?: string;
  qualificaProfessionale?: string;
}

export interface WorkerHistory {
  worker: number;
  codiceFiscale: string;
  cos: Co[];
}

/** Verified ministerial region codes of sending nodes (see libs/co/README.md): 13 Piemonte, 21 Veneto. */
const REGIONS = ['13', '21'];
const MAX_WORKERS = 10_000_000;

function byInvio(a: Co, b: Co): number {
  const d = Date.parse(a.datiInvio.dataInvio) - Date.parse(b.datiInvio.dataInvio);
  return d !== 0 ? d : a.datiInvio.codiceComunicazione < b.datiInvio.codiceComunicazione ? -1 : 1;
}

const STREAM_IMPOSTI = 5_000_000;

function imposto(ctx: WorkerCtx, a: AssunzioneAttesa): RapportoImposto {
  const sede = { comune: a.datore.sedeComune };
  return {
    datore: {
      codiceFiscale: a.datore.codiceFiscale,
      denominazione: a.datore.denominazione,
      // A hiring CO names the employer's sector; when the offer did not, the employer's is one of the table's.
      settore: a.datore.settore ?? ctx.codes.draw(ctx.rng, 'ateco', a.dataInizio),
      pubblicaAmministrazione: false,
      sedeLegale: sede,
      sedeLavoro: sede,
    },
    ...(a.tipologiaContrattuale === undefined ? {} : { tipologiaContrattuale: a.tipologiaContrattuale }),
    ...(a.qualificaProfessionale === undefined ? {} : { qualificaProfessionale: a.qualificaProfessionale }),
  };
}

/** The imposed hirings of one worker, in date order, each written as a whole rapporto into `ctx.out`. */
function writeImposti(ctx: WorkerCtx, assunzioni: readonly AssunzioneAttesa[]): void {
  const sorted = [...assunzioni].sort((a, b) => (a.dataInizio < b.dataInizio ? -1 : a.dataInizio > b.dataInizio ? 1 : 0));
  for (const a of sorted) writeRapporto(ctx, a.dataInizio, imposto(ctx, a));
}

function checkWindow(assunzioni: readonly AssunzioneAttesa[], o: Resolved): void {
  // Messages name counts, never a codice fiscale.
  const outside = assunzioni.filter((a) => !(a.dataInizio >= o.from && a.dataInizio <= o.until)).length;
  if (outside > 0) throw new RangeError(`${outside} assunzioniAttese start outside [from, until]`);
}

function history(opts: Resolved, lists: CodeLists, pools: EmployerPools, codes: CodeDraws, index: number, attese: ReadonlyMap<string, AssunzioneAttesa[]>): WorkerHistory {
  const rng = new Rng(deriveSeed(opts.seed, 2_000_000 + index));
  const worker = makeWorker(opts.seed, index, lists, opts.from, codes);
  const assunzioni = attese.get(worker.lavoratore.codiceFiscale) ?? [];
  // 2 (region) + 3 (seed) + 7 (worker) + 4 (sequence) = 16 characters, unique within a dataset.
  const prefix = `${rng.pick(REGIONS)}${String(opts.seed % 1000).padStart(3, '0')}${String(index).padStart(7, '0')}`;
  let seq = 0;
  const ctx: WorkerCtx = {
    rng,
    lists,
    pools,
    codes,
    worker,
    until: opts.until,
    out: [],
    nextCodice: () => `${prefix}${String(++seq).padStart(4, '0')}`,
  };
  let start: IsoDate | undefined = addDays(opts.from, rng.int(0, 700));
  for (let n = 0; n < 8 && start !== undefined && start <= opts.until; n++) {
    const free = writeRapporto(ctx, start);
    start = free === undefined ? undefined : addDays(free, rng.chance(0.3) ? 0 : rng.int(1, 150));
  }
  if (assunzioni.length > 0) writeImposti({ ...ctx, rng: new Rng(deriveSeed(opts.seed, STREAM_IMPOSTI + index)) }, assunzioni);
  // Events dated before `until` but sent after it are not delivered yet.
  const cos = ctx.out.filter((c) => c.datiInvio.dataInvio.slice(0, 10) <= opts.until).sort(byInvio);
  return { worker: index, codiceFiscale: worker.lavoratore.codiceFiscale, cos };
}

type Resolved = Required<Omit<GenerateOptions, 'codeLists' | 'unknownCodes' | 'assunzioniAttese'>>;

function resolve(opts: GenerateOptions): Resolved {
  if (!Number.isInteger(opts.workers) || opts.workers < 0 || opts.workers > MAX_WORKERS) {
    throw new RangeError(`workers must be an integer from 0 to ${MAX_WORKERS}`);
  }
  if (!Number.isInteger(opts.seed)) throw new RangeError('seed must be an integer');
  if (opts.unknownCodes !== undefined && !(opts.unknownCodes >= 0 && opts.unknownCodes <= 1)) throw new RangeError('unknownCodes must be from 0 to 1');
  return { workers: opts.workers, seed: opts.seed, from: opts.from ?? '2016-01-01', until: opts.until ?? '2025-06-30' };
}

/** Worker by worker, so very large datasets can be streamed to a file. */
export function* iterateCoHistories(opts: GenerateOptions): Generator<WorkerHistory> {
  const o = resolve(opts);
  const lists = opts.codeLists ?? defaultCodeLists();
  const codes = new CodeDraws(lists, o.seed, opts.unknownCodes ?? 0);
  const pools = makeEmployers(o.seed, lists, codes);
  const attese = byCf(opts.assunzioniAttese ?? []);
  checkWindow(opts.assunzioniAttese ?? [], o);
  let used = 0;
  for (let i = 0; i < o.workers; i++) {
    const h = history(o, lists, pools, codes, i, attese);
    used += attese.get(h.codiceFiscale)?.length ?? 0;
    yield h;
  }
  const unused = (opts.assunzioniAttese?.length ?? 0) - used;
  if (unused > 0) throw new RangeError(`${unused} assunzioniAttese name no generated worker`);
}

function byCf(assunzioni: readonly AssunzioneAttesa[]): Map<string, AssunzioneAttesa[]> {
  const m = new Map<string, AssunzioneAttesa[]>();
  for (const a of assunzioni) m.set(a.codiceFiscale, [...(m.get(a.codiceFiscale) ?? []), a]);
  return m;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export interface CoPerAssunzioniOptions {
  /** The worker as their COs name them (anagrafica included), e.g. a hand-written demo worker. */
  lavoratore: Lavoratore;
  assunzioni: readonly AssunzioneAttesa[];
  seed: number;
  /** 12 characters: codici comunicazione are this prefix plus a 4-digit sequence, unique per prefix. */
  prefissoComunicazione: string;
  from?: IsoDate;
  until?: IsoDate;
  codeLists?: CodeLists;
}

/**
 * The COs of the imposed hirings of a worker the generator did not make (`assunzioniAttese` does the same
 * for generated workers), in delivery order: each a plain UNILAV by the given employer on the given day,
 * then that rapporto's events up to `until`.
 */
export function generateCoPerAssunzioni(opts: CoPerAssunzioniOptions): Co[] {
  const o = resolve({ workers: 1, seed: opts.seed, from: opts.from, until: opts.until });
  if (!/^[0-9A-Z]{12}$/.test(opts.prefissoComunicazione)) throw new RangeError('prefissoComunicazione must be 12 digits or capital letters');
  if (opts.assunzioni.some((a) => a.codiceFiscale !== opts.lavoratore.codiceFiscale)) throw new RangeError('every assunzione must name the given lavoratore');
  checkWindow(opts.assunzioni, o);
  const lists = opts.codeLists ?? defaultCodeLists();
  const codes = new CodeDraws(lists, o.seed, 0);
  const birthDate = opts.lavoratore.nascita?.data ?? addDays(o.from, -30 * 365);
  const worker: Worker = { lavoratore: opts.lavoratore, birthDate, provisional: /^\d{11}$/.test(opts.lavoratore.codiceFiscale) };
  let seq = 0;
  const ctx: WorkerCtx = {
    // A stream per prefix, so two hand-written workers do not get the same draws.
    rng: new Rng(deriveSeed(o.seed, STREAM_IMPOSTI + 1 + (fnv1a(opts.prefissoComunicazione) % 1_000_000))),
    lists,
    pools: makeEmployers(o.seed, lists, codes),
    codes,
    worker,
    until: o.until,
    out: [],
    nextCodice: () => `${opts.prefissoComunicazione}${String(++seq).padStart(4, '0')}`,
  };
  writeImposti(ctx, opts.assunzioni);
  return ctx.out.filter((c) => c.datiInvio.dataInvio.slice(0, 10) <= o.until).sort(byInvio);
}

/** All COs of all workers in delivery order (dataInvio, then codiceComunicazione). */
export function generateCoHistories(opts: GenerateOptions): Co[] {
  const all: Co[] = [];
  for (const h of iterateCoHistories(opts)) all.push(...h.cos);
  return all.sort(byInvio);
}
