import { MONTH_LETTERS } from './tables';

export type BirthDecode =
  | { ok: true; birthDate: string; sex: 'M' | 'F' }
  | { ok: false; reason: 'MONTH' | 'DAY' | 'DATE' };

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Resolves the two-digit year. Choice (documented in the README): the birth date is the most recent one
 * that is not after `today` — i.e. the year is the latest year ending in `yy` for which month/day do not
 * fall after today's UTC calendar date. A code therefore never decodes to a future birth, and a code whose
 * month/day are later than today in the current `yy` year is read as a centenarian's. Month/day are compared
 * before the calendar check, so "29 Feb" is dated first and then tested against the chosen year only:
 * the century of `00` matters (2000 is leap, 1900 and 2100 are not).
 */
export function resolveYear(yy: number, month: number, day: number, today: Date): number {
  const ty = today.getUTCFullYear();
  const tm = today.getUTCMonth() + 1;
  const td = today.getUTCDate();
  let year = ty - ((((ty - yy) % 100) + 100) % 100);
  if (year === ty && (month > tm || (month === tm && day > td))) year -= 100;
  return year;
}

/** Decodes positions 7–11 of a de-omocoded code (0-based 6–10). */
export function decodeBirth(deomocoded: string, today: Date): BirthDecode {
  const month = MONTH_LETTERS.indexOf(deomocoded[8]) + 1;
  if (month === 0) return { ok: false, reason: 'MONTH' };
  const rawDay = Number(deomocoded.slice(9, 11));
  const female = rawDay > 40;
  const day = female ? rawDay - 40 : rawDay;
  if (day < 1 || day > 31) return { ok: false, reason: 'DAY' };
  const year = resolveYear(Number(deomocoded.slice(6, 8)), month, day, today);
  if (day > daysInMonth(year, month)) return { ok: false, reason: 'DATE' };
  const birthDate = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { ok: true, birthDate, sex: female ? 'F' : 'M' };
}
