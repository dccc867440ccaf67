import { personalCheckChar } from './check';
import { normalizeCf } from './normalize';
import { OMOCODIC_LETTERS, OMOCODIC_POSITIONS, PERSONAL_LAYOUT } from './tables';

/** Maps omocodic letters back to digits at the substitutable positions of a 15- or 16-character string. */
export function deomocodeChars(chars: string): string {
  const out = chars.split('');
  for (const p of OMOCODIC_POSITIONS) {
    const digit = OMOCODIC_LETTERS.indexOf(out[p]);
    if (digit >= 0) out[p] = String(digit);
  }
  return out.join('');
}

export function hasOmocodicLetters(chars: string): boolean {
  return OMOCODIC_POSITIONS.some((p) => OMOCODIC_LETTERS.includes(chars[p]));
}

/**
 * De-omocodia, for DECODING ONLY (birth date, sex, place). THIS IS NOT AN IDENTITY MAPPING: an omocodic
 * code was issued to a different person from the holder of its base form, so the result must never be
 * used to look up, compare, merge or store a person's code. To make that misuse fail loudly, the result is
 * the 15 decoded characters WITHOUT a check character: it is never itself a valid code, so it cannot be
 * mistaken for one. Positions 1–15 keep their meaning.
 *
 * @throws RangeError if the input does not have the layout of a 16-character personal code.
 */
export function deomocode(code: string): string {
  const normalized = normalizeCf(code);
  if (!PERSONAL_LAYOUT.test(normalized)) throw new RangeError('deomocode expects a 16-character personal code');
  return deomocodeChars(normalized.slice(0, 15));
}

/**
 * The omocodic variant that the Agenzia would issue after `level` substitutions (0–7) in the official order
 * (positions 15, 14, 13, 11, 10, 8, 7), with the check letter recomputed on the new string. Meant for tests
 * and synthetic data. Level 0 returns the base code unchanged.
 *
 * Only base (non-omocodic) codes are accepted, so this function can never be used to go from a variant
 * back to a base form.
 *
 * @throws RangeError for a level outside 0–7, or a code that is not a valid, non-omocodic personal code.
 */
export function omocodicVariant(code: string, level: number): string {
  if (!Number.isInteger(level) || level < 0 || level > OMOCODIC_POSITIONS.length) {
    throw new RangeError('omocodicVariant level must be an integer from 0 to 7');
  }
  const base = normalizeCf(code);
  if (
    !PERSONAL_LAYOUT.test(base) ||
    hasOmocodicLetters(base) ||
    personalCheckChar(base.slice(0, 15)) !== base[15]
  ) {
    throw new RangeError('omocodicVariant expects a valid, non-omocodic personal code');
  }
  const chars = base.slice(0, 15).split('');
  for (const p of OMOCODIC_POSITIONS.slice(0, level)) chars[p] = OMOCODIC_LETTERS[Number(chars[p])];
  const first15 = chars.join('');
  return first15 + personalCheckChar(first15);
}
