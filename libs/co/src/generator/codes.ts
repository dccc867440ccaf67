// Codes for generated COs: mostly from the shipped tables, and, at a chosen rate, well-formed codes the
// partial tables do not know (as real COs carry: the ministry's tables are larger than ours), so that the
// warning path is exercised with realistic data.
import type { CodeLists, TableName } from '../code-lists';
import type { IsoDate } from '../model';
import { deriveSeed, Rng } from './prng';

/** The partial tables the generator can draw unknown codes for, with a maker of well-formed codes. */
const MAKERS = {
  ateco: (r: Rng) => `${String(r.int(1, 99)).padStart(2, '0')}.${String(r.int(1, 99)).padStart(2, '0')}.${String(r.int(0, 99)).padStart(2, '0')}`,
  qualificaCp2011: (r: Rng) => `${r.int(1, 8)}.${r.int(1, 6)}.${r.int(1, 4)}.${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}`,
  ccnl: (r: Rng) => `${String.fromCharCode(65 + r.int(0, 25))}${r.digits(3)}`,
  cittadinanza: (r: Rng) => String(r.int(100, 999)),
} satisfies Partial<Record<TableName, (r: Rng) => string>>;
export type DrawnTable = keyof typeof MAKERS;

/** Per table, this many distinct unknown codes: a real feed repeats the same few, which the listing counts. */
const POOL = 12;

export class CodeDraws {
  private readonly unknown: Record<DrawnTable, string[]>;

  constructor(
    private readonly lists: CodeLists,
    seed: number,
    /** Share of code fields (per table) given a well-formed code the table does not know; 0 = none. */
    readonly unknownShare: number,
  ) {
    const rng = new Rng(deriveSeed(seed, 3_000_000));
    this.unknown = {} as Record<DrawnTable, string[]>;
    for (const table of Object.keys(MAKERS) as DrawnTable[]) {
      const pool = new Set<string>();
      while (pool.size < POOL) {
        const c = MAKERS[table](rng);
        if (lists.judge(table, c) === 'unlisted') pool.add(c);
      }
      this.unknown[table] = [...pool];
    }
  }

  /** A known code valid on the date (`among` narrows the choice), or an unknown one at the chosen rate. */
  draw(rng: Rng, table: DrawnTable, onDate?: IsoDate, among?: readonly string[]): string {
    if (this.unknownShare > 0 && rng.chance(this.unknownShare)) return rng.pick(this.unknown[table]);
    return among ? rng.pick(among) : rng.pick(this.lists.validCodes(table, onDate)).code;
  }
}
