import { deomocode, omocodicVariant, validateCf } from './index';

const BASE = 'RSSMRA45D25F205N';
const TODAY = new Date('2025-06-15T00:00:00Z');

describe('omocodicVariant', () => {
  it('substitutes in the official order 15, 14, 13, 11, 10, 8, 7 (rightmost numeric position first)', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((level) => omocodicVariant(BASE, level))).toEqual([
      'RSSMRA45D25F205N',
      'RSSMRA45D25F20RI', // verified in domain.md §1.3
      'RSSMRA45D25F2LRT',
      'RSSMRA45D25FNLRI', // verified in domain.md §1.3
      'RSSMRA45D2RFNLRD',
      'RSSMRA45DNRFNLRO',
      'RSSMRA4RDNRFNLRA',
      'RSSMRAQRDNRFNLRX',
    ]);
  });

  it('refuses omocodic input, so it cannot be used to map a variant to a base form', () => {
    expect(() => omocodicVariant('RSSMRA45D25F20RI', 2)).toThrow(RangeError);
  });

  it('refuses invalid codes and levels without echoing the code', () => {
    expect(() => omocodicVariant('RSSMRA45D25F205A', 1)).toThrow('omocodicVariant expects a valid, non-omocodic personal code');
    expect(() => omocodicVariant(BASE, 8)).toThrow(RangeError);
    expect(() => omocodicVariant(BASE, 1.5)).toThrow(RangeError);
    expect(() => omocodicVariant(BASE, -1)).toThrow(RangeError);
  });
});

describe('deomocode', () => {
  it('maps omocodic letters back to digits for decoding, and drops the check letter', () => {
    for (let level = 0; level <= 7; level++) expect(deomocode(omocodicVariant(BASE, level))).toBe('RSSMRA45D25F205');
  });

  it('never yields something that validates as a code (it is not an identity mapping)', () => {
    expect(validateCf(deomocode('RSSMRA45D25FNLRI'))).toMatchObject({ ok: false, reason: 'LENGTH' });
  });

  it('refuses input without the personal layout', () => {
    expect(() => deomocode('02877740213')).toThrow('deomocode expects a 16-character personal code');
  });
});

describe('identity rule', () => {
  it('every variant is a distinct valid code decoding to the same date, sex and place', () => {
    const results = [0, 1, 2, 3, 4, 5, 6, 7].map((level) => validateCf(omocodicVariant(BASE, level), { today: TODAY }));
    const codes = new Set(results.map((r) => (r.ok ? r.code : 'rejected')));
    expect(codes.size).toBe(8);
    for (const r of results) {
      expect(r).toMatchObject({ ok: true, birthDate: '1945-04-25', sex: 'M', placeCode: 'F205' });
    }
  });
});
