// Seeded, deterministic generator of CO histories. Same options → byte-identical output; worker i's history
// depends only on (seed, i), so a 10-worker sample is a prefix of the 10,000-worker dataset.
import { defaultCodeLists, type CodeLists } from '../code-lists';
import { addDays } from '../dates';
import type { Co, IsoDate } from '../model';
import { CodeDraws } from './codes';
import type { WorkerCtx } from './emit';
import { writeRapporto } from './history';
import { makeEmployers, makeWorker, type EmployerPools } from './people';
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

function history(opts: Resolved, lists: CodeLists, pools: EmployerPools, codes: CodeDraws, index: number): WorkerHistory {
  const rng = new Rng(deriveSeed(opts.seed, 2_000_000 + index));
  const worker = makeWorker(opts.seed, index, lists, opts.from, codes);
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
  // Events dated before `until` but sent after it are not delivered yet.
  const cos = ctx.out.filter((c) => c.datiInvio.dataInvio.slice(0, 10) <= opts.until).sort(byInvio);
  return { worker: index, codiceFiscale: worker.lavoratore.codiceFiscale, cos };
}

type Resolved = Required<Omit<GenerateOptions, 'codeLists' | 'unknownCodes'>>;

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
  for (let i = 0; i < o.workers; i++) yield history(o, lists, pools, codes, i);
}

/** All COs of all workers in delivery order (dataInvio, then codiceComunicazione). */
export function generateCoHistories(opts: GenerateOptions): Co[] {
  const all: Co[] = [];
  for (const h of iterateCoHistories(opts)) all.push(...h.cos);
  return all.sort(byInvio);
}
