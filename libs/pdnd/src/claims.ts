// Small claim helpers shared by the voucher and Agid-JWT checks.

export type Headers = Record<string, string | string[] | undefined>;

/** All values of a header, case-insensitively (frameworks differ in how they keep duplicates). */
export function headerValues(headers: Headers, name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    values.push(...(Array.isArray(value) ? value : [value]));
  }
  return values;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7519 §4.1.3: `aud` is a string or an array of strings; anything else is a malformed token. */
export function isAudienceClaim(aud: unknown): aud is string | string[] {
  return typeof aud === 'string' || (Array.isArray(aud) && aud.length > 0 && aud.every((a) => typeof a === 'string'));
}

export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

export function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `aud` may be a string or an array (PDND sends arrays); true if any accepted audience is in it. */
export function audienceMatches(aud: unknown, accepted: string | readonly string[]): boolean {
  const wanted = typeof accepted === 'string' ? [accepted] : accepted;
  if (!isAudienceClaim(aud)) return false;
  return (typeof aud === 'string' ? [aud] : aud).some((a) => wanted.includes(a));
}

export function asList(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

export type TimeFailure = 'missing' | 'expired' | 'not-yet-valid' | 'issued-in-future';

/**
 * exp and iat are required; nbf is optional. The tolerance absorbs clock skew in both directions.
 * Returns the first failure, or null.
 */
export function checkTimes(payload: Record<string, unknown>, nowSeconds: number, toleranceSeconds: number): TimeFailure | null {
  const { exp, iat, nbf } = payload;
  if (!isNumericDate(exp) || !isNumericDate(iat) || (nbf !== undefined && !isNumericDate(nbf))) return 'missing';
  if (nowSeconds - toleranceSeconds >= exp) return 'expired';
  if (nbf !== undefined && nbf > nowSeconds + toleranceSeconds) return 'not-yet-valid';
  if (iat > nowSeconds + toleranceSeconds) return 'issued-in-future';
  return null;
}

/** UUIDs may arrive in either case; compare ids case-insensitively. */
export function sameId(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}
