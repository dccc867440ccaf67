// xs:decimal values compared exactly: amounts travel as decimal strings and are never floats here.

/** A decimal string as an integer count of 10^-scale units, for exact sums and comparisons. */
function scaled(v: string, scale: number): bigint {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(v);
  if (!m) throw new RangeError('not an xs:decimal');
  const frac = (m[3] ?? '').padEnd(scale, '0');
  const n = BigInt((m[2] || '0') + frac);
  return m[1] === '-' ? -n : n;
}

const scaleOf = (v: string) => (v.split('.')[1] ?? '').length;

/** Sign of a − b. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const s = Math.max(scaleOf(a), scaleOf(b));
  const d = scaled(a, s) - scaled(b, s);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Exact sum, as a decimal string. */
export function sumDecimal(values: readonly string[]): string {
  const s = Math.max(0, ...values.map(scaleOf));
  const total = values.reduce((acc, v) => acc + scaled(v, s), 0n);
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(s + 1, '0');
  return `${neg ? '-' : ''}${s === 0 ? digits : `${digits.slice(0, -s)}.${digits.slice(-s)}`}`;
}

/** Euro cents of an amount with at most two significant decimals (more: undefined, never rounded silently). */
export function centesimi(v: string): number | undefined {
  const neg = v.startsWith('-');
  const [int, frac = ''] = v.replace(/^[+-]/, '').split('.');
  if (/[1-9]/.test(frac.slice(2))) return undefined;
  const n = Number(BigInt((int || '0') + frac.slice(0, 2).padEnd(2, '0')));
  return Number.isSafeInteger(n) ? (neg ? -n : n) : undefined;
}
