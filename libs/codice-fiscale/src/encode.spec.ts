import { encodePersonalCf, generateNumericCf, numericCheckDigit, personalCheckChar, validateCf } from './index';
import { nameCode, surnameCode } from './encode';

describe('encodePersonalCf', () => {
  it('reproduces verified vectors from their personal data', () => {
    expect(
      encodePersonalCf({ surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1945-04-25', placeCode: 'F205' }),
    ).toBe('RSSMRA45D25F205N');
    expect(
      encodePersonalCf({ surname: 'Bianchi', name: 'Annalisa', sex: 'F', birthDate: '1981-12-28', placeCode: 'A859' }),
    ).toBe('BNCNLS81T68A859B');
  });

  it.each([
    ['Rossi', 'RSS'],
    ['Fo', 'FOX'],
    ['Re', 'REX'],
    ['Oe', 'OEX'],
    ['Ai', 'AIX'],
    ["D'Angelo", 'DNG'],
    ['De Luca', 'DLC'],
    ['Dell’Acqua', 'DLL'],
    ['Rossi-Bianchi', 'RSS'],
  ])('surname %s → %s', (surname, code) => {
    expect(surnameCode(surname)).toBe(code);
  });

  it.each([
    ['Mario', 'MRA'],
    ['Gianfranco', 'GFR'], // ≥4 consonants: 1st, 3rd, 4th
    ['Giovanna', 'GNN'],
    ['Annalisa', 'NLS'],
    ['Ada', 'DAA'],
    ['Eva', 'VEA'],
    ['Lù', 'LUX'],
    ['Maria Grazia', 'MGR'],
  ])('name %s → %s', (name, code) => {
    expect(nameCode(name)).toBe(code);
  });

  it('strips accents and ignores case', () => {
    expect(surnameCode('Niccolò')).toBe(surnameCode('NICCOLO'));
    expect(nameCode('Zoë')).toBe(nameCode('zoe'));
    expect(surnameCode('Çelik')).toBe('CLK');
  });

  it('adds 40 to the day for women', () => {
    const code = encodePersonalCf({ surname: 'Verdi', name: 'Anna', sex: 'F', birthDate: '2001-03-05', placeCode: 'h501' });
    expect(code.slice(6, 15)).toBe('01C45H501');
    expect(validateCf(code, { today: new Date('2025-01-01') })).toMatchObject({ ok: true, sex: 'F', birthDate: '2001-03-05' });
  });

  it.each([
    [{ surname: 'Groß' }, /surname/],
    [{ surname: '' }, /surname/],
    [{ name: "' -" }, /name/],
    [{ birthDate: '2023-02-29' }, /calendar/],
    [{ birthDate: '2023-13-01' }, /calendar/],
    [{ birthDate: '23-01-01' }, /YYYY-MM-DD/],
    [{ placeCode: 'F20' }, /placeCode/],
    [{ sex: 'X' }, /sex/],
  ])('refuses %j without echoing it', (override, message) => {
    const data = { surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1945-04-25', placeCode: 'F205', ...override };
    let thrown: unknown;
    try {
      encodePersonalCf(data as Parameters<typeof encodePersonalCf>[0]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    const text = (thrown as Error).message;
    expect(text).toMatch(message);
    for (const value of Object.values(override)) if (value.trim().length >= 2) expect(text).not.toContain(value);
  });
});

describe('generateNumericCf and check helpers', () => {
  it('builds serial + office + Luhn-variant check digit', () => {
    expect(generateNumericCf('0287774', '021')).toBe('02877740213');
    expect(generateNumericCf('0034904', '028')).toBe('00349040287');
  });

  it('refuses malformed parts', () => {
    expect(() => generateNumericCf('123456', '021')).toThrow(RangeError);
    expect(() => generateNumericCf('1234567', '02A')).toThrow(RangeError);
  });

  it('check helpers refuse malformed input without echoing it', () => {
    expect(() => personalCheckChar('rssmra45d25f205')).toThrow(/^personalCheckChar expects/);
    expect(() => personalCheckChar('RSSMRA45D25F20')).toThrow(RangeError);
    expect(() => numericCheckDigit('028777402')).toThrow(/^numericCheckDigit expects 10 digits$/);
  });
});
