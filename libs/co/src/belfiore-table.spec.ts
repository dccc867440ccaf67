import { readFileSync } from 'node:fs';
import { defaultCodeLists, TABLE_NAMES } from './code-lists';

// The shipped Belfiore table is derived from the npm package, never edited by hand: the script's output
// from the installed package must be the shipped file, byte for byte.
const derive = require('../scripts/derive-belfiore.js') as { belfioreCsv(): Promise<string>; packageVersion(): string; BELFIORE_CSV: string };

describe('belfiore.csv', () => {
  it('is what scripts/derive-belfiore.js derives from the installed package', async () => {
    expect(readFileSync(derive.BELFIORE_CSV, 'utf8')).toBe(await derive.belfioreCsv());
  });

  it('names the package version in the manifest, so every event records which data validated it', () => {
    expect(defaultCodeLists().versions().belfiore).toBe(`marketto-${derive.packageVersion()}`);
  });

  it('holds every comune in force, the suppressed ones and the foreign states', () => {
    const t = defaultCodeLists().table('belfiore');
    const rows = [...t.entries.values()].flat();
    const comuniToday = rows.filter((e) => e.attrs.tipo === 'comune' && e.validTo === undefined);
    // ISTAT counted 7,896 comuni in 2024; the data carry their history since 1861 and ~220 states.
    expect(comuniToday.length).toBeGreaterThan(7800);
    expect(rows.filter((e) => e.attrs.tipo === 'comune' && e.validTo !== undefined).length).toBeGreaterThan(1500);
    expect(rows.filter((e) => e.attrs.tipo === 'stato').length).toBeGreaterThan(200);
    expect(t.entries.get('F205')?.[0]).toMatchObject({ description: 'Milano', attrs: { provincia: 'MI', tipo: 'comune' } });
  });
});

describe('shipped code tables', () => {
  it('hold only codes of their own format (a code found in its table is not format-checked again)', () => {
    const lists = defaultCodeLists();
    for (const name of TABLE_NAMES) {
      const { format, entries } = lists.table(name);
      expect({ name, malformed: [...entries.keys()].filter((c) => format !== undefined && !format.test(c)) }).toEqual({ name, malformed: [] });
    }
  });
});
