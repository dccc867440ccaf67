// The SIISL feed of a synthetic population together with its CO feed, as the demo and the CLI send them:
// the CO generator's workers get their SIISL records, and the hirings the SIISL story implies come back
// into their CO histories (libs/co `assunzioniAttese`). Then the SIISL records are put in an order a real
// feed might deliver them: by update time with some delay, catalogue and citizens interleaved, a few
// older versions arriving after newer ones (stale) and a few redelivered (duplicates). The folds do not
// depend on the order; the answers of the ingest show it.
import { deriveSeed, generateCoHistories, generateCoPerAssunzioni, iterateCoHistories, Rng, type Co, type IsoDate, type Lavoratore } from '@fsl/co';
import type { SiislTables } from '../codes';
import { generateSiisl, type AssunzioneDaSiisl, type Generated, type SiislDataset } from './generate';

export interface ConsegnaOptions {
  seed: number;
  /** Share of the records with several versions whose first version arrives after their last (at least one when any has); default 0.1. */
  obsolete?: number;
  /** Share of the records delivered a second time, identical (at least one when above 0); default 0.01. */
  duplicati?: number;
}

export interface Consegna {
  /** Position in the feed, from 1. */
  n: number;
  entita: Generated['entita'];
  record: Generated['record'];
  /** Why this delivery is special, for the reader of the feed: an older version after a newer one, or a repeat. */
  nota?: 'OBSOLETA' | 'DUPLICATA';
}

const MINUTE = 60_000;

/** Deterministic by seed; every record is delivered at least once. */
export function deliveryOrder(records: readonly Generated[], opts: ConsegnaOptions): Consegna[] {
  const rng = new Rng(deriveSeed(opts.seed, 4_000_000));
  const obsolete = opts.obsolete ?? 0.1;
  const duplicati = opts.duplicati ?? 0.01;
  // A delivery is `at` (ms) after the record's update time: minutes to a day and a half.
  const items = records.map((g, k) => ({ g, k, at: Date.parse(g.record.aggiornatoIl) + rng.int(1, 36 * 60) * MINUTE, nota: undefined as Consegna['nota'] }));
  const versions = new Map<string, typeof items>();
  for (const it of items) {
    const key = `${it.g.entita}/${it.g.record.id}`;
    versions.set(key, [...(versions.get(key) ?? []), it]);
  }
  const multi = [...versions.values()].filter((v) => v.length > 1);
  for (const v of pickSome(rng, multi, obsolete)) {
    // The first version is held back until after the last one: the ingest accepts it as stale.
    const byVersion = [...v].sort((a, b) => a.g.record.versione - b.g.record.versione);
    const last = Math.max(...v.map((x) => x.at));
    byVersion[0].at = last + rng.int(1, 72 * 60) * MINUTE;
    byVersion[0].nota = 'OBSOLETA';
  }
  const repeats = duplicati > 0 ? pickSome(rng, items, duplicati).map((it) => ({ ...it, k: items.length + it.k, at: it.at + rng.int(60, 5 * 24 * 60) * MINUTE, nota: 'DUPLICATA' as const })) : [];
  return [...items, ...repeats]
    .sort((a, b) => a.at - b.at || a.k - b.k)
    .map((it, i) => ({ n: i + 1, entita: it.g.entita, record: it.g.record, ...(it.nota ? { nota: it.nota } : {}) }));
}

/** `share` of the items (at least one when there are any), drawn without repetition, in their original order. */
function pickSome<T>(rng: Rng, items: readonly T[], share: number): T[] {
  if (items.length === 0) return [];
  const count = Math.min(items.length, Math.max(1, Math.round(share * items.length)));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.int(0, items.length - 1));
  return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
}

/** One NDJSON line of a SIISL file job: the envelope plus a top-level `entita`. */
export function ndjsonLine(c: Pick<Consegna, 'entita' | 'record'>): string {
  return JSON.stringify({ entita: c.entita, ...c.record });
}

/** A person written by hand (the demo's named workers), with their own COs. */
export interface PersonaDemo {
  lavoratore: Lavoratore;
  cos: readonly Co[];
  storiaCompleta?: boolean;
  /** 12 characters for the codici comunicazione of the hirings their SIISL story implies. */
  prefissoComunicazione: string;
}

export interface SiislFeedOptions {
  /** The CO generator's first `workers` workers of `coSeed` are the people. */
  workers: number;
  seed: number;
  /** Default `seed`. */
  coSeed?: number;
  /** Start of the CO histories; default libs/co's (2016-01-01). */
  coFrom?: IsoDate;
  /** Start of the SIISL facts; default 2024-01-01. */
  from?: IsoDate;
  /** End of both; default 2025-06-30. */
  until?: IsoDate;
  /** People after the generated ones (so these keep their records). */
  altrePersone?: readonly PersonaDemo[];
  catalogo?: number;
  codiciSconosciuti?: number;
  obsolete?: number;
  duplicati?: number;
  tables?: SiislTables;
}

export interface SiislFeed {
  /** The generated workers' COs with the implied hirings, in delivery order (dataInvio). */
  cos: Co[];
  /** The COs of the implied hirings of `altrePersone` (their own COs are the caller's). */
  coAltrePersone: Co[];
  siisl: SiislDataset;
  consegne: Consegna[];
}

const UNTIL = '2025-06-30';

export function generateSiislFeed(opts: SiislFeedOptions): SiislFeed {
  const until = opts.until ?? UNTIL;
  const coSeed = opts.coSeed ?? opts.seed;
  const co = { workers: opts.workers, seed: coSeed, from: opts.coFrom, until };
  const generated = [...iterateCoHistories(co)].map((h) => ({ codiceFiscale: h.codiceFiscale, cos: h.cos }));
  const altre = opts.altrePersone ?? [];
  const persone = [...generated, ...altre.map((a) => ({ codiceFiscale: a.lavoratore.codiceFiscale, cos: a.cos, storiaCompleta: a.storiaCompleta }))];
  const siisl = generateSiisl({ persone, seed: opts.seed, from: opts.from, until, catalogo: opts.catalogo, codiciSconosciuti: opts.codiciSconosciuti, tables: opts.tables });
  const ofGenerated = new Set(generated.map((g) => g.codiceFiscale));
  const attese = (pred: (a: AssunzioneDaSiisl) => boolean) => siisl.assunzioniAttese.filter(pred);
  const cos = generateCoHistories({ ...co, assunzioniAttese: attese((a) => ofGenerated.has(a.codiceFiscale)) });
  const coAltrePersone = altre.flatMap((a) => {
    const mine = attese((x) => x.codiceFiscale === a.lavoratore.codiceFiscale);
    return mine.length === 0 ? [] : generateCoPerAssunzioni({ lavoratore: a.lavoratore, assunzioni: mine, seed: coSeed, prefissoComunicazione: a.prefissoComunicazione, from: opts.coFrom, until });
  });
  const consegne = deliveryOrder(siisl.records, { seed: opts.seed, obsolete: opts.obsolete, duplicati: opts.duplicati });
  return { cos, coAltrePersone, siisl, consegne };
}
