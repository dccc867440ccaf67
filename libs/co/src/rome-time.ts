// The ministry's XML writes dataInvio as Italian local time without an offset. This reads such a value as
// Europe/Rome wall-clock time and gives it the offset in force at that moment, so the model (and the
// content hash) always hold an unambiguous instant.
//
// The offset comes from the time-zone database Node ships with ICU (Intl), not from a hand-kept DST rule.
// Only the choice for the two DST edge cases is ours, and it is the one java.time (ZonedDateTime.of) and
// Temporal ('compatible') make, i.e. what a Java sender most likely meant:
// - the repeated hour when clocks go back (last Sunday of October, 02:00-02:59 happens twice): the first
//   occurrence, summer time (+02:00);
// - the skipped hour when clocks go forward (last Sunday of March, 02:00-02:59 does not exist): the offset
//   in force before the change (+01:00), i.e. 02:30 is read as 03:30 summer time, as a clock not yet
//   moved forward would have shown it.
// luxon (already in the tree) picks the second occurrence of the repeated hour, hence not used here.

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const HOUR_MS = 3_600_000;

const romeOffset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', timeZoneName: 'longOffset' });

/** Offset of Europe/Rome at an instant, in minutes east of UTC. */
function offsetMinutesAt(ms: number): number {
  const name = romeOffset.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!m || !m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Whether a date-time is written without an offset (local time). */
export function isLocalDateTime(value: string): boolean {
  return LOCAL_DATE_TIME.test(value);
}

/**
 * `2024-07-01T10:00:00` → `2024-07-01T10:00:00+02:00`: the same text with the Europe/Rome offset in force
 * at that wall-clock time (edge cases above). Anything that is not a local date-time is returned as is,
 * for the schema to judge.
 */
export function withRomeOffset(value: string): string {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi, s] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(wall)) return value;
  // Rome changes its offset at most twice a year, so 12 hours either side see the offsets before and
  // after any change that can concern this wall-clock time.
  const before = offsetMinutesAt(wall - 12 * HOUR_MS);
  const after = offsetMinutesAt(wall + 12 * HOUR_MS);
  const fits = (o: number) => offsetMinutesAt(wall - o * 60_000) === o;
  let offset: number;
  if (fits(before) && fits(after)) offset = Math.max(before, after); // repeated hour: the earlier instant
  else if (fits(before)) offset = before;
  else if (fits(after)) offset = after;
  else offset = before; // skipped hour
  return `${value}${formatOffset(offset)}`;
}

/** An instant as Europe/Rome wall-clock time with the offset in force, to the second: `2025-06-11T09:00:00+02:00`. */
export function romeDateTime(ms: number): string {
  const offset = offsetMinutesAt(ms);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  return `${wall}${formatOffset(offset)}`;
}
