import { checkValue } from './tables';

const FIRST15 = /^[A-Z0-9]{15}$/;
const FIRST10 = /^[0-9]{10}$/;

/**
 * Check letter of a personal code, computed on the 15 characters as written. Omocodic letters are NOT
 * converted back first: the Agenzia computes the check on the issued string, and
 * validator.js gets omocodic codes wrong precisely by converting them.
 */
export function personalCheckChar(first15: string): string {
  // Error texts never echo the argument: it is (part of) a personal identifier.
  if (!FIRST15.test(first15)) throw new RangeError('personalCheckChar expects 15 upper-case letters or digits');
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += checkValue(first15[i], i);
  return String.fromCharCode(65 + (sum % 26));
}

/** Luhn-variant check digit of 11-digit codes (provisional personal CF, entity CF, partita IVA). */
export function numericCheckDigit(first10: string): string {
  if (!FIRST10.test(first10)) throw new RangeError('numericCheckDigit expects 10 digits');
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      sum += d;
    } else {
      const doubled = d * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return String((10 - (sum % 10)) % 10);
}
