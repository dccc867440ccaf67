import { numericCheckDigit, personalCheckChar } from './check';
import { daysInMonth } from './date';
import { MONTH_LETTERS } from './tables';
import type { PersonalCfData } from './types';

const VOWELS = 'AEIOU';
// Separators that the encoding ignores; both apostrophe forms occur in registry data.
const IGNORED = /[\s'’.\-]/gu;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PLACE = /^[A-Z][0-9]{3}$/;

/**
 * Accents are stripped by canonical decomposition. Letters that do not decompose to A–Z (ß, Ø, Ł, …) are
 * refused rather than dropped: their transliteration is the Agenzia's call, and silently dropping them
 * would produce a plausible but wrong code.
 */
function lettersOf(text: string, field: string): string {
  // Tested before upper-casing, which would silently turn ß into SS.
  const letters = text.normalize('NFD').replace(/\p{M}/gu, '').replace(IGNORED, '');
  if (!/^[A-Za-z]+$/.test(letters)) {
    throw new RangeError(`encodePersonalCf: ${field} must contain only Latin letters, spaces, apostrophes, hyphens or dots`);
  }
  return letters.toUpperCase();
}

function split(letters: string): { consonants: string; vowels: string } {
  let consonants = '';
  let vowels = '';
  for (const ch of letters) {
    if (VOWELS.includes(ch)) vowels += ch;
    else consonants += ch;
  }
  return { consonants, vowels };
}

export function surnameCode(surname: string): string {
  const { consonants, vowels } = split(lettersOf(surname, 'surname'));
  return (consonants + vowels + 'XXX').slice(0, 3);
}

export function nameCode(name: string): string {
  const { consonants, vowels } = split(lettersOf(name, 'name'));
  // Skipping the 2nd consonant keeps common first names (e.g. Gianfranco vs Gianni) apart.
  if (consonants.length >= 4) return consonants[0] + consonants[2] + consonants[3];
  return (consonants + vowels + 'XXX').slice(0, 3);
}

/**
 * The standard (non-omocodic) code computed from personal data, for synthetic-data generators and tests.
 * It is not a way to find someone's code: the real one is assigned by the Agenzia delle Entrate and may
 * differ (omocodia, transliteration, registration errors) — see libs/codice-fiscale/README.md.
 *
 * @throws RangeError on unusable input (the message never repeats the input).
 */
export function encodePersonalCf(data: PersonalCfData): string {
  const m = ISO_DATE.exec(data.birthDate);
  if (!m) throw new RangeError('encodePersonalCf: birthDate must be YYYY-MM-DD');
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError('encodePersonalCf: birthDate is not a real calendar date');
  }
  if (data.sex !== 'M' && data.sex !== 'F') throw new RangeError("encodePersonalCf: sex must be 'M' or 'F'");
  const place = data.placeCode.trim().toUpperCase();
  if (!PLACE.test(place)) throw new RangeError('encodePersonalCf: placeCode must be a letter and 3 digits');

  const first15 =
    surnameCode(data.surname) +
    nameCode(data.name) +
    String(year % 100).padStart(2, '0') +
    MONTH_LETTERS[month - 1] +
    String(data.sex === 'F' ? day + 40 : day).padStart(2, '0') +
    place;
  return first15 + personalCheckChar(first15);
}

/**
 * An 11-digit numeric code: 7-digit serial (matricola), 3-digit office code, check digit. The office code
 * is not checked against the list of offices (not part of the public spec we rely on).
 *
 * @throws RangeError if the parts are not 7 and 3 digits.
 */
export function generateNumericCf(serial7: string, office3: string): string {
  if (!/^[0-9]{7}$/.test(serial7)) throw new RangeError('generateNumericCf: serial must be 7 digits');
  if (!/^[0-9]{3}$/.test(office3)) throw new RangeError('generateNumericCf: office must be 3 digits');
  const first10 = serial7 + office3;
  return first10 + numericCheckDigit(first10);
}
