// The codice fiscale's check-character and omocodia tables. Kept in one place so the check, decode and encode paths cannot drift.

/** Odd-position values for A..Z; digit d takes the value of the d-th letter (same column in the table). */
const ODD_LETTER_VALUES: readonly number[] = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

const CODE_0 = 48;
const CODE_A = 65;

/** Value of a character at a 0-based index; even 0-based index = odd 1-based position. */
export function checkValue(ch: string, index0: number): number {
  const c = ch.charCodeAt(0);
  const ordinal = c >= CODE_A ? c - CODE_A : c - CODE_0;
  return index0 % 2 === 0 ? ODD_LETTER_VALUES[ordinal] : ordinal;
}

/** Index = month - 1. */
export const MONTH_LETTERS = 'ABCDEHLMPRST';

/** Index = the digit the letter stands for. */
export const OMOCODIC_LETTERS = 'LMNPQRSTUV';

/** 0-based positions, in the order the Agenzia substitutes them (rightmost numeric position first). */
export const OMOCODIC_POSITIONS: readonly number[] = [14, 13, 12, 10, 9, 7, 6];

/**
 * Personal layout with omocodic letters allowed in any combination (as in the HL7 Italy invariant), but with
 * any letter in the month slot: a wrong month letter gets its own, more useful, rejection reason.
 */
export const PERSONAL_LAYOUT = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export const NUMERIC_LAYOUT = /^[0-9]{11}$/;

export const PERSONAL_LENGTH = 16;
export const NUMERIC_LENGTH = 11;
