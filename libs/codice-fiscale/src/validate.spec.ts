import { CF_REJECTION_MESSAGES, isValidCf, normalizeCf, personalCheckChar, validateCf } from './index';
import type { CfRejection, CfResult } from './index';

const TODAY = new Date('2025-06-15T12:00:00Z');

/** Builds a 16-character code with a correct check letter, so only the part under test is wrong. */
function withCheck(first15: string): string {
  return first15 + personalCheckChar(first15);
}

function expectRejected(result: CfResult, reason: CfRejection): void {
  expect(result).toEqual({ ok: false, reason, message: CF_REJECTION_MESSAGES[reason] });
}

describe('validateCf — verified vectors (domain.md §1.2, §1.3, §1.5)', () => {
  it.each([
    ['VRNGNY07D68C351V', '2007-04-28', 'F', 'C351'],
    ['RSSMRA45D25F205N', '1945-04-25', 'M', 'F205'],
    ['BNCNLS81T68A859B', '1981-12-28', 'F', 'A859'],
    ['FRNDAE03A01L219X', '2003-01-01', 'M', 'L219'],
  ])('accepts %s and decodes it', (code, birthDate, sex, placeCode) => {
    expect(validateCf(code, { today: TODAY })).toEqual({
      ok: true,
      code,
      kind: 'personal',
      omocodic: false,
      birthDate,
      sex,
      placeCode,
    });
  });

  it.each(['RSSMRA45D25F20RI', 'RSSMRA45D25FNLRI'])(
    'accepts omocodic %s, keeps it as written and decodes through de-omocodia',
    (code) => {
      expect(validateCf(code, { today: TODAY })).toEqual({
        ok: true,
        code,
        kind: 'personal',
        omocodic: true,
        birthDate: '1945-04-25',
        sex: 'M',
        placeCode: 'F205',
      });
    },
  );

  it('treats an omocodic variant and its base form as two different, valid codes', () => {
    const base = validateCf('RSSMRA45D25F205N', { today: TODAY });
    const variant = validateCf('RSSMRA45D25F20RI', { today: TODAY });
    expect(base.ok && variant.ok).toBe(true);
    if (!base.ok || !variant.ok) return;
    expect(variant.code).not.toBe(base.code);
  });

  it.each(['02877740213', '00349040287'])('accepts numeric %s', (code) => {
    expect(validateCf(code)).toEqual({ ok: true, code, kind: 'numeric', omocodic: false });
  });

  it('rejects a numeric code with a wrong check digit', () => {
    expectRejected(validateCf('02877740214'), 'CHECK_DIGIT');
    expectRejected(validateCf('00349040280'), 'CHECK_DIGIT');
  });
});

describe('validateCf — normalization and identity', () => {
  it('trims and upper-cases, and returns the normalized form as the code', () => {
    const result = validateCf('  rssmra45d25f20ri\t', { today: TODAY });
    expect(result.ok && result.code).toBe('RSSMRA45D25F20RI');
  });

  it('normalizeCf only trims and upper-cases', () => {
    expect(normalizeCf(' rssmra45d25fnlri ')).toBe('RSSMRA45D25FNLRI');
    expect(normalizeCf('a b')).toBe('A B');
  });

  // Each of these, trimmed or upper-cased the Unicode way, becomes a valid code of somebody else.
  const NOT_ASCII: Array<[string, string, string]> = [
    ['BOM', '\uFEFFRSSMRA45D25F205N', 'RSSMRA45D25F205N'],
    ['NBSP', 'RSSMRA45D25F205N\u00A0', 'RSSMRA45D25F205N'],
    ['ideographic space', '\u3000RSSMRA45D25F205N', 'RSSMRA45D25F205N'],
    ['line separator', 'RSSMRA45D25F205N\u2028', 'RSSMRA45D25F205N'],
    ['paragraph separator', '\u2029RSSMRA45D25F205N', 'RSSMRA45D25F205N'],
    ['long s', 'RſSMRA45D25F205N', 'RSSMRA45D25F205N'],
    ['sharp s', 'RßMRA45D25F205N', 'RSSMRA45D25F205N'],
    ['dotless i', 'RSSMRA45D25F20Rı', 'RSSMRA45D25F20RI'],
    ['ligature ﬀ', withCheck('FFIMRA45D25F205').replace('FF', 'ﬀ'), withCheck('FFIMRA45D25F205')],
    ['ligature ﬁ', withCheck('FFIMRA45D25F205').replace('FI', 'ﬁ'), withCheck('FFIMRA45D25F205')],
  ];

  it.each(NOT_ASCII)('refuses a code with a %s instead of turning it into another valid code', (_what, input, folded) => {
    expect(validateCf(folded, { today: TODAY }).ok).toBe(true); // what String#trim/toUpperCase would make of it
    const result = validateCf(input, { today: TODAY });
    expect(result.ok).toBe(false);
  });

  it('does not fold non-ASCII letters into ASCII ones', () => {
    expect(normalizeCf('ıﬁßſ')).toBe('ıﬁßſ');
    expect(normalizeCf('ab-ıc')).toBe('AB-ıC');
    expect(normalizeCf('\u00A0ab\u00A0')).toBe('\u00A0AB\u00A0');
  });
});

describe('validateCf — impossible dates', () => {
  it('rejects 30 February', () => {
    expectRejected(validateCf(withCheck('RSSMRA45B30F205'), { today: TODAY }), 'DATE');
    expectRejected(validateCf(withCheck('RSSMRA45B70F205'), { today: TODAY }), 'DATE'); // woman, day 30
  });

  it('rejects 31 April', () => {
    expectRejected(validateCf(withCheck('RSSMRA45D31F205'), { today: TODAY }), 'DATE');
  });

  it.each(['00', '32', '35', '40', '72', '99'])('rejects day %s', (day) => {
    expectRejected(validateCf(withCheck(`RSSMRA45D${day}F205`), { today: TODAY }), 'DAY');
  });

  it('rejects an impossible day even when written with omocodic letters', () => {
    // "35" as omocodic letters P (3) and R (5).
    expectRejected(validateCf(withCheck('RSSMRA45DPRF205'), { today: TODAY }), 'DAY');
  });

  it('rejects 29 February in a non-leap year and accepts it in a leap year', () => {
    expectRejected(validateCf(withCheck('RSSMRA45B29F205'), { today: TODAY }), 'DATE');
    const leap = validateCf(withCheck('RSSMRA44B29F205'), { today: TODAY });
    expect(leap.ok && leap.birthDate).toBe('1944-02-29');
    const leapWoman = validateCf(withCheck('RSSMRA44B69F205'), { today: TODAY });
    expect(leapWoman.ok && [leapWoman.birthDate, leapWoman.sex]).toEqual(['1944-02-29', 'F']);
  });

  it.each(['F', 'G', 'I', 'J', 'K', 'N', 'O', 'Q', 'U', 'V', 'W', 'X', 'Y', 'Z'])(
    'rejects month letter %s',
    (month) => {
      expectRejected(validateCf(withCheck(`RSSMRA45${month}25F205`), { today: TODAY }), 'MONTH');
    },
  );
});

describe('validateCf — century resolution (injectable today)', () => {
  it('picks the most recent birth date that is not after today', () => {
    const on = (iso: string, first15: string) => {
      const r = validateCf(withCheck(first15), { today: new Date(iso) });
      return r.ok ? r.birthDate : r.reason;
    };
    expect(on('2025-06-15', 'RSSMRA25H15F205')).toBe('2025-06-15'); // born today
    expect(on('2025-06-15', 'RSSMRA25H16F205')).toBe('1925-06-16'); // tomorrow → a century ago
    expect(on('2025-06-15', 'RSSMRA26A01F205')).toBe('1926-01-01');
    expect(on('2025-06-15', 'RSSMRA24A01F205')).toBe('2024-01-01');
  });

  it('checks 29 February against the chosen century (2000 leap, 1900 and 2100 not)', () => {
    const feb29 = withCheck('RSSMRA00B29F205');
    const r = validateCf(feb29, { today: new Date('2025-01-01') });
    expect(r.ok && r.birthDate).toBe('2000-02-29');
    expectRejected(validateCf(feb29, { today: new Date('1999-12-31') }), 'DATE'); // → 1900
    expectRejected(validateCf(feb29, { today: new Date('2100-03-01') }), 'DATE'); // → 2100
  });

  it('uses the UTC calendar date of today', () => {
    const code = withCheck('RSSMRA25H16F205');
    expect(validateCf(code, { today: new Date('2025-06-16T00:30:00Z') })).toMatchObject({ birthDate: '2025-06-16' });
    expect(validateCf(code, { today: new Date('2025-06-15T23:30:00Z') })).toMatchObject({ birthDate: '1925-06-16' });
  });

  it('throws on an invalid today (caller bug) without mentioning the code', () => {
    expect(() => validateCf('RSSMRA45D25F205N', { today: new Date('nope') })).toThrow(RangeError);
  });
});

describe('validateCf — other rejections', () => {
  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['RSSMRA45D25F205', 'LENGTH'],
    ['RSSMRA45D25F205NN', 'LENGTH'],
    ['0287774021', 'LENGTH'],
    ['028777402130', 'LENGTH'],
    ['0287774021A', 'FORMAT'],
    ['RSSMRA45D25F2O5N', 'FORMAT'], // letter O is not an omocodic letter
    ['RSSMRA45D25F205-', 'FORMAT'],
    ['1SSMRA45D25F205N', 'FORMAT'],
    ['RSSMRA45D25F205A', 'CHECK_CHARACTER'],
    ['RSSMRA45D25F205N'.replace('F205', 'F206'), 'CHECK_CHARACTER'],
    // Omocodic letters converted back before the check (the validator.js bug) must not pass.
    ['RSSMRA45D25F20RN', 'CHECK_CHARACTER'],
  ] as const)('%j → %s', (input, reason) => {
    expectRejected(validateCf(input, { today: TODAY }), reason);
  });

  it('handles null, undefined and non-strings from untyped callers', () => {
    expectRejected(validateCf(null as unknown as string), 'EMPTY');
    expectRejected(validateCf(undefined as unknown as string), 'EMPTY');
    expectRejected(validateCf(12345678901 as unknown as string), 'FORMAT');
  });

  it('enforces allowed kinds once the input is recognisably that kind', () => {
    expectRejected(validateCf('02877740213', { allow: ['personal'] }), 'KIND_NOT_ALLOWED');
    expectRejected(validateCf('RSSMRA45D25F205N', { allow: ['numeric'] }), 'KIND_NOT_ALLOWED');
    expectRejected(validateCf('0287774021X', { allow: ['personal'] }), 'FORMAT');
    expect(isValidCf('02877740213', { allow: ['numeric'] })).toBe(true);
    expect(isValidCf('RSSMRA45D25F205N', { allow: ['personal'], today: TODAY })).toBe(true);
    expect(() => validateCf('02877740213', { allow: [] })).toThrow(RangeError);
  });

  it('isValidCf mirrors validateCf', () => {
    expect(isValidCf('RSSMRA45D25F205N', { today: TODAY })).toBe(true);
    expect(isValidCf('RSSMRA45D25F205A', { today: TODAY })).toBe(false);
  });
});

describe('rejection messages', () => {
  it('are fixed texts without any run of 3+ upper-case letters or digits, so they cannot echo a code', () => {
    for (const message of Object.values(CF_REJECTION_MESSAGES)) {
      expect(message).not.toMatch(/[A-Z0-9]{3}/);
    }
  });

  it('never contain the input', () => {
    const inputs = [
      'RSSMRA45D25F205A',
      'RSSMRA45B30F205' + personalCheckChar('RSSMRA45B30F205'),
      'RSSMRA45D35F205' + personalCheckChar('RSSMRA45D35F205'),
      '02877740214',
      'rssmra45d25f205',
      'RSSMRA45D25F2O5N',
    ];
    for (const input of inputs) {
      const r = validateCf(input, { today: TODAY });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.message).not.toContain(input);
      expect(r.message).not.toContain(normalizeCf(input));
    }
  });
});
