import fc from 'fast-check';
import {
  CF_REJECTION_MESSAGES,
  deomocode,
  encodePersonalCf,
  generateNumericCf,
  normalizeCf,
  omocodicVariant,
  validateCf,
} from './index';
import type { CfResult, PersonalCfData } from './index';

const DAY_MS = 86_400_000;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzàèéìòùÀÈÉÌÒÙçñÑüöÿ'.split('');
// Upper-case alphabet plus characters that must never be accepted. Lower-case letters are left out: they
// normalize to the same code by design, which a separate test covers.
const CORRUPTIONS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''), ' ', '-', '/', '*', 'À', 'É', 'ß', 'é'];

const word = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 10 }).map((cs) => cs.join(''));
const personName = fc
  .tuple(word, fc.array(fc.tuple(fc.constantFrom(' ', "'", '’', '-'), word), { maxLength: 2 }))
  .map(([first, rest]) => first + rest.map(([sep, w]) => sep + w).join(''));
const placeCode = fc
  .tuple(fc.constantFrom(...'ABCDEFGHIJKLMZ'.split('')), fc.integer({ min: 0, max: 999 }))
  .map(([letter, n]) => letter + String(n).padStart(3, '0'));
const today = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-12-31T23:59:59Z'), noInvalidDate: true });

/**
 * A person born within the last 100 years relative to `today` (36,500 days is under any 100-year span), so the
 * two-digit year must decode back to exactly the encoded date.
 */
const personAndToday = fc
  .tuple(today, fc.integer({ min: 0, max: 36_500 }), personName, personName, fc.constantFrom<'M' | 'F'>('M', 'F'), placeCode)
  .map(([now, daysAgo, surname, name, sex, place]) => {
    const todayUtc = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const birthDate = new Date(todayUtc - daysAgo * DAY_MS).toISOString().slice(0, 10);
    const data: PersonalCfData = { surname, name, sex, birthDate, placeCode: place };
    return { data, today: now };
  });

const validPersonal = fc
  .tuple(personAndToday, fc.integer({ min: 0, max: 7 }))
  .map(([{ data, today: now }, level]) => ({ code: omocodicVariant(encodePersonalCf(data), level), today: now }));

const validNumeric = fc
  .tuple(fc.stringMatching(/^[0-9]{7}$/), fc.stringMatching(/^[0-9]{3}$/))
  .map(([serial, office]) => generateNumericCf(serial, office));

/**
 * Violations, as text, for every single-character corruption of `code`. Collected with plain checks and
 * asserted once per code: ~700 jest `expect` calls per code would make these exhaustive loops take minutes.
 */
function corruptionViolations(code: string, now?: Date): string[] {
  const violations: string[] = [];
  for (const corrupted of corruptionsOf(code)) {
    const result = validateCf(corrupted, now ? { today: now } : {});
    if (result.ok && result.code === code) violations.push('silently equals the original');
    // Stronger, and true for both algorithms: the personal odd/even tables are injective on the characters
    // allowed at each position (omocodic letters never share a value with a digit), and the Luhn variant's
    // doubling-minus-9 permutes 0–9; so a single substitution always changes the check.
    if (result.ok) violations.push('accepted');
    if (!result.ok) {
      if (result.message !== CF_REJECTION_MESSAGES[result.reason]) violations.push('non-standard message');
      if (result.message.includes(corrupted) || result.message.includes(normalizeCf(corrupted))) {
        violations.push('message leaks the input');
      }
    }
  }
  return violations;
}

function expectNoLeak(input: string, result: CfResult): void {
  if (result.ok) return;
  expect(result.message).toBe(CF_REJECTION_MESSAGES[result.reason]);
  expect(result.message).not.toContain(input);
  expect(result.message).not.toContain(normalizeCf(input));
}

function corruptionsOf(code: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < code.length; i++) {
    for (const ch of CORRUPTIONS) if (ch !== code[i]) out.push(code.slice(0, i) + ch + code.slice(i + 1));
  }
  return out;
}

describe('properties — generated personal codes', () => {
  it('encodePersonalCf output and all its omocodic variants validate and decode to the input data', () => {
    fc.assert(
      fc.property(personAndToday, ({ data, today: now }) => {
        const base = encodePersonalCf(data);
        const codes = new Set<string>();
        for (let level = 0; level <= 7; level++) {
          const code = omocodicVariant(base, level);
          const result = validateCf(code, { today: now });
          expect(result).toEqual({
            ok: true,
            code,
            kind: 'personal',
            omocodic: level > 0,
            birthDate: data.birthDate,
            sex: data.sex,
            placeCode: data.placeCode,
          });
          codes.add(code);
        }
        expect(codes.size).toBe(8);
      }),
      { numRuns: 300 },
    );
  });

  it('a variant and its base form are both valid and are different codes', () => {
    fc.assert(
      fc.property(personAndToday, fc.integer({ min: 1, max: 7 }), ({ data, today: now }, level) => {
        const base = validateCf(encodePersonalCf(data), { today: now });
        const variant = validateCf(omocodicVariant(encodePersonalCf(data), level), { today: now });
        if (!base.ok || !variant.ok) throw new Error('both must be valid');
        expect(variant.code).not.toBe(base.code);
        // They share only what de-omocodia is for: the decoded fields.
        expect(deomocode(variant.code)).toBe(deomocode(base.code));
        expect([variant.birthDate, variant.sex, variant.placeCode]).toEqual([base.birthDate, base.sex, base.placeCode]);
      }),
      { numRuns: 200 },
    );
  });

  it('EVERY single-character corruption is rejected, or at least never equals the original code', () => {
    fc.assert(
      fc.property(validPersonal, ({ code, today: now }) => {
        expect(corruptionViolations(code, now)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('changing only the case of a character keeps the same code (normalization)', () => {
    fc.assert(
      fc.property(validPersonal, fc.nat(15), ({ code, today: now }, i) => {
        const lowered = code.slice(0, i) + code[i].toLowerCase() + code.slice(i + 1);
        expect(validateCf(lowered, { today: now })).toEqual(validateCf(code, { today: now }));
      }),
      { numRuns: 100 },
    );
  });
});

describe('properties — numeric codes', () => {
  it('generated numeric codes validate', () => {
    fc.assert(
      fc.property(validNumeric, (code) => {
        expect(validateCf(code)).toEqual({ ok: true, code, kind: 'numeric', omocodic: false });
      }),
      { numRuns: 300 },
    );
  });

  it('EVERY single-character corruption is rejected, or at least never equals the original code', () => {
    fc.assert(
      fc.property(validNumeric, (code) => {
        expect(corruptionViolations(code)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('properties — arbitrary input', () => {
  it('never throws, and rejection messages never contain the input', () => {
    const input = fc.oneof(
      fc.string({ minLength: 8, maxLength: 24 }),
      fc.string({ minLength: 8, maxLength: 24, unit: 'grapheme' }),
      fc.stringMatching(/^[A-Z0-9]{16}$/),
      fc.stringMatching(/^[0-9]{11}$/),
      fc.stringMatching(/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/),
    );
    fc.assert(
      fc.property(input, today, (text, now) => {
        const result = validateCf(text, { today: now });
        expectNoLeak(text, result);
        if (result.ok) expect(result.code).toBe(normalizeCf(text));
      }),
      { numRuns: 2000 },
    );
  });
});
