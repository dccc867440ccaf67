// Where generated people are born and employers have their sedi, drawn from the whole Belfiore table:
// every province's comuni (so every region), comuni suppressed or merged since (births while they
// existed), and foreign states, including ceased ones (births before they ceased).
import type { CodeEntry, CodeLists } from '../code-lists';
import { addDays } from '../dates';
import type { IsoDate } from '../model';
import type { Rng } from './prng';

export interface Places {
  /** Provinces with at least one comune in force today, sorted. */
  provinces: string[];
  /** Comuni in force today, by province, each with the day it was established. */
  comuniByProvince: Map<string, CodeEntry[]>;
  /** Comuni no longer in force (suppressed, merged, renamed with a new code). */
  suppressed: CodeEntry[];
  states: CodeEntry[];
}

// The table has ~10,000 rows and the generator draws several places per worker: split it once.
const cache = new WeakMap<CodeLists, Places>();

export function places(lists: CodeLists): Places {
  let p = cache.get(lists);
  if (p) return p;
  const comuniByProvince = new Map<string, CodeEntry[]>();
  const suppressed: CodeEntry[] = [];
  const states: CodeEntry[] = [];
  for (const [, entries] of lists.table('belfiore').entries) {
    const e = entries[entries.length - 1];
    if (e.attrs.tipo === 'stato') states.push(e);
    else if (e.validTo !== undefined) suppressed.push(e);
    else if (e.attrs.provincia) {
      const list = comuniByProvince.get(e.attrs.provincia) ?? [];
      list.push(e);
      comuniByProvince.set(e.attrs.provincia, list);
    }
  }
  p = { provinces: [...comuniByProvince.keys()].sort(), comuniByProvince, suppressed, states };
  cache.set(lists, p);
  return p;
}

const validOn = (e: CodeEntry, day: IsoDate) => (!e.validFrom || e.validFrom <= day) && (!e.validTo || day <= e.validTo);

/**
 * A comune in force today of the given province (by index, so consecutive indices walk every province)
 * that already existed on `existingOn`; undefined if the province has none that old.
 */
export function comuneOf(p: Places, provinceIndex: number, rng: Rng, existingOn: IsoDate): string | undefined {
  const list = p.comuniByProvince.get(p.provinces[provinceIndex % p.provinces.length])!;
  for (let attempt = 0; attempt < 8; attempt++) {
    const e = rng.pick(list);
    if (validOn(e, existingOn)) return e.code;
  }
  return list.find((e) => validOn(e, existingOn))?.code;
}

/** Any comune in force today that existed on `existingOn`. */
export function anyComune(p: Places, rng: Rng, existingOn: IsoDate): string {
  for (;;) {
    const c = comuneOf(p, rng.int(0, p.provinces.length - 1), rng, existingOn);
    if (c !== undefined) return c;
  }
}

/** A suppressed comune and a birth day inside its validity and inside [earliest, latest]; undefined if none fits. */
export function suppressedBirth(p: Places, rng: Rng, earliest: IsoDate, latest: IsoDate): { code: string; day: IsoDate } | undefined {
  for (let attempt = 0; attempt < 20; attempt++) {
    const e = rng.pick(p.suppressed);
    const from = e.validFrom && e.validFrom > earliest ? e.validFrom : earliest;
    const to = e.validTo! < latest ? e.validTo! : latest;
    if (from > to) continue;
    const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    return { code: e.code, day: addDays(from, rng.int(0, span)) };
  }
  return undefined;
}

/** A foreign state that existed on the birth day (a ceased one such as Jugoslavia for older births). */
export function stateOn(p: Places, rng: Rng, day: IsoDate): string {
  for (;;) {
    const e = rng.pick(p.states);
    if (validOn(e, day)) return e.code;
  }
}
