import { numericCheckDigit, personalCheckChar } from './check';
import { decodeBirth } from './date';
import { deomocodeChars, hasOmocodicLetters } from './omocodia';
import { normalizeCf } from './normalize';
import { NUMERIC_LAYOUT, NUMERIC_LENGTH, PERSONAL_LAYOUT, PERSONAL_LENGTH } from './tables';
import type { CfKind, CfRejected, CfRejection, CfResult, ValidateCfOptions } from './types';

/**
 * One fixed text per reason. Fixed texts (no interpolation at all) are what guarantees that a rejection
 * never leaks the code, or a piece of it, into logs and API responses.
 */
export const CF_REJECTION_MESSAGES: Readonly<Record<CfRejection, string>> = Object.freeze({
  EMPTY: 'No codice fiscale was given.',
  LENGTH: 'A codice fiscale has 16 characters (personal) or 11 digits (numeric).',
  FORMAT: 'The input does not have the layout of a codice fiscale.',
  KIND_NOT_ALLOWED: 'This kind of codice fiscale is not accepted here.',
  CHECK_CHARACTER: 'The check letter does not match: the code was probably mistyped.',
  CHECK_DIGIT: 'The check digit does not match: the code was probably mistyped.',
  MONTH: 'The birth month letter is not valid.',
  DAY: 'The birth day is out of range (1-31 for men, 41-71 for women).',
  DATE: 'The birth date does not exist in the calendar.',
});

const ALL_KINDS: readonly CfKind[] = ['personal', 'numeric'];

function reject(reason: CfRejection): CfRejected {
  return { ok: false, reason, message: CF_REJECTION_MESSAGES[reason] };
}

/**
 * Validates a codice fiscale: layout, check character, birth date; 11-digit numeric codes. The birth place is only decoded, not checked against the Belfiore registry.
 *
 * Order of checks: EMPTY → LENGTH → FORMAT → KIND_NOT_ALLOWED → CHECK_CHARACTER / CHECK_DIGIT → MONTH →
 * DAY → DATE. The kind is refused only once the input is recognisably that kind, so garbage is reported as
 * garbage; the check character comes before the date because a wrong date is most often a typo.
 *
 * Throws only for caller bugs (empty `allow`, invalid `today`), never because of the input.
 */
export function validateCf(input: string, opts: ValidateCfOptions = {}): CfResult {
  const allow = opts.allow ?? ALL_KINDS;
  if (allow.length === 0) throw new RangeError('validateCf: `allow` must list at least one kind');
  const today = opts.today ?? new Date();
  if (!(today instanceof Date) || Number.isNaN(today.getTime())) {
    throw new RangeError('validateCf: `today` must be a valid Date');
  }

  // Untyped callers (JSON bodies, CSV cells) do pass null and numbers.
  if (input === null || input === undefined) return reject('EMPTY');
  if (typeof input !== 'string') return reject('FORMAT');

  const code = normalizeCf(input);
  if (code.length === 0) return reject('EMPTY');

  if (code.length === NUMERIC_LENGTH) {
    if (!NUMERIC_LAYOUT.test(code)) return reject('FORMAT');
    if (!allow.includes('numeric')) return reject('KIND_NOT_ALLOWED');
    if (numericCheckDigit(code.slice(0, 10)) !== code[10]) return reject('CHECK_DIGIT');
    return { ok: true, code, kind: 'numeric', omocodic: false };
  }

  if (code.length !== PERSONAL_LENGTH) return reject('LENGTH');
  if (!PERSONAL_LAYOUT.test(code)) return reject('FORMAT');
  if (!allow.includes('personal')) return reject('KIND_NOT_ALLOWED');
  if (personalCheckChar(code.slice(0, 15)) !== code[15]) return reject('CHECK_CHARACTER');

  // De-omocodia is used here only to read date and place; `code` stays exactly as written.
  const decoded = deomocodeChars(code.slice(0, 15));
  const birth = decodeBirth(decoded, today);
  if (!birth.ok) return reject(birth.reason);

  return {
    ok: true,
    code,
    kind: 'personal',
    omocodic: hasOmocodicLetters(code),
    birthDate: birth.birthDate,
    sex: birth.sex,
    placeCode: decoded.slice(11, 15),
  };
}

export function isValidCf(input: string, opts?: ValidateCfOptions): boolean {
  return validateCf(input, opts).ok;
}
