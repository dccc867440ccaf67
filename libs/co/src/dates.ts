// Calendar dates are handled as YYYY-MM-DD strings: they compare correctly as strings, survive JSON
// round trips unchanged and never shift with the process time zone.
import type { IsoDate } from './model';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The number written by `length` ASCII digits of `s` from `start`. */
function digitsAt(s: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

// Checked for every date of every ingested CO, hence no capture groups and a Date only for days 29-31
// (every month has 28); Date.UTC decides those, with its own reading of years 0000-0099 as 19xx.
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const y = digitsAt(value, 0, 4);
  const mo = digitsAt(value, 5, 2);
  const d = digitsAt(value, 8, 2);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= 28 || d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value) && isIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** The calendar date of an instant, in UTC. */
export function toIsoDate(value: Date | string): IsoDate {
  if (typeof value === 'string') return value.slice(0, 10);
  return value.toISOString().slice(0, 10);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
