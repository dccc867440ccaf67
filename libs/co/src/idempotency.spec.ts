import fc from 'fast-check';
import { generateCoHistories } from './generator/generate';
import { canonicalJson, contentHash } from './idempotency';
import type { Co } from './model';

/**
 * canonicalJson as it was first written (and as every stored content hash was computed). The fast
 * implementation must produce the same bytes for every JSON value.
 */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : referenceCanonicalJson(v))).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceCanonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

// Strings that exercise escaping: quotes, backslashes, control characters, DEL, U+2028, lone and paired
// surrogates, any BMP or astral code point.
const tricky = fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff', '\ud83d\ude00', 'é', 'a', '0');
const unit = fc.oneof(
  tricky,
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);
const text = fc.oneof(fc.string(), fc.string({ unit, maxLength: 12 }));
// Integer-like keys come first in Object.keys and sort differently as strings ("10" < "9").
const key = fc.oneof(text, fc.constantFrom('0', '1', '9', '10', '-1', '1.5', 'a', 'A', 'é', '__proto__', ''));
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(-0, 0, 1e21, 1e-7, 0.1, 5e-324, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, -1.5e300),
);
const { value: jsonish } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    number,
    text,
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.sparseArray(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 8 }),
    // More keys than the insertion sort handles, so the built-in sort path is covered too.
    fc.dictionary(key, fc.oneof(text, number, fc.constant(undefined)), { minKeys: 17, maxKeys: 40 }),
  ),
}));

describe('canonicalJson', () => {
  it('writes exactly what the original implementation wrote, for any JSON-like value', () => {
    fc.assert(
      fc.property(jsonish, (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('does not depend on the order the keys were inserted in', () => {
    fc.assert(
      fc.property(fc.dictionary(key, jsonish, { maxKeys: 20 }), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });

  it('writes exactly what the original implementation wrote for generated COs', () => {
    for (const co of generateCoHistories({ workers: 60, seed: 11 })) expect(canonicalJson(co)).toBe(referenceCanonicalJson(co));
  });

  it('sorts keys by UTF-16 code units, drops undefined members, writes undefined elements as null', () => {
    const value = { b: 1, a: [true, undefined, 'x'], '10': -0, '9': 1e21, é: { z: undefined, y: 'é"\\\n\ud800' }, B: 0.1 };
    expect(canonicalJson(value)).toBe('{"10":0,"9":1e+21,"B":0.1,"a":[true,null,"x"],"b":1,"é":{"y":"é\\"\\\\\\n\\ud800"}}');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, { a: [1, Number.NEGATIVE_INFINITY] }])('refuses the non-finite number in %p', (value) => {
    expect(() => canonicalJson(value)).toThrow(RangeError);
  });
});

describe('contentHash', () => {
  it('is the hash stored for this CO before canonicalJson was rewritten', () => {
    // Members deliberately out of order, one undefined member, characters that need escaping.
    const co = {
      modello: 'UNILAV',
      tipoEvento: 'ASS',
      datiInvio: { tipoComunicazione: '01', codiceComunicazione: '1300000000000001', dataInvio: '2024-02-28T10:00:00+01:00', forzaMaggiore: false },
      datore: {
        codiceFiscale: '02877740215',
        denominazione: 'CAFFÈ "DA PINO" S.R.L.',
        settore: '56.10.11',
        sedeLavoro: { comune: 'F205', cap: '20100', indirizzo: 'Via Roma 1\tint. 2' },
      },
      lavoratore: { nome: 'MARIA', cognome: 'ROSSI', codiceFiscale: 'RSSMRA90D52F205X', sesso: 'F', nascita: { data: '1990-04-12', comune: 'F205' }, cittadinanza: '000' },
      inizio: {
        dataInizio: '2024-03-01',
        dataFine: '2024-12-31',
        tipologiaContrattuale: 'A.02.00',
        tipoOrario: 'P',
        oreSettimanaliMedie: 20.5,
        qualificaProfessionale: '5.1.2.2.0.1',
        retribuzione: 1400,
        ccnl: undefined,
      },
    } as Co;
    expect(contentHash(co)).toBe('b4c888e1289f43587afbe1ec37ba4f67cb082faa1fa301d60b6b55cb5927c34d');
  });
});
