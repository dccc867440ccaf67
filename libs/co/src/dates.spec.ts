import { isIsoDate, isIsoDateTime } from './dates';

/** isIsoDate as first written (capture groups, a Date for every date): the fast one must agree with it. */
function referenceIsIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

describe('isIsoDate', () => {
  it('accepts real calendar days only', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2023-12-31', '2024-04-30', '1970-01-01', '9999-12-31']) expect(isIsoDate(ok)).toBe(true);
    for (const bad of ['2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32', '2024-1-01', '2024-01-01T00:00', ' 2024-01-01', '２０２４-01-01', '']) {
      expect(isIsoDate(bad)).toBe(false);
    }
  });

  it('agrees with the original implementation on months 00-13 and days 00-39 of years 0000-0120, 1880-2120 and a sample up to 9999', () => {
    const years = [...Array.from({ length: 121 }, (_, i) => i), ...Array.from({ length: 241 }, (_, i) => 1880 + i), ...Array.from({ length: 270 }, (_, i) => 37 * i)];
    const disagree: string[] = [];
    for (const y of years) {
      for (let mo = 0; mo <= 13; mo++) {
        for (let d = 0; d <= 39; d++) {
          const s = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
          if (isIsoDate(s) !== referenceIsIsoDate(s)) disagree.push(s);
        }
      }
    }
    expect(disagree).toEqual([]);
  });
});

describe('isIsoDateTime', () => {
  it('needs a real day, a time and an offset', () => {
    expect(isIsoDateTime('2024-02-29T10:00:00+01:00')).toBe(true);
    expect(isIsoDateTime('2024-02-28T10:00Z')).toBe(true);
    expect(isIsoDateTime('2023-02-29T10:00:00+01:00')).toBe(false);
    expect(isIsoDateTime('2024-02-28T10:00:00')).toBe(false);
  });
});
