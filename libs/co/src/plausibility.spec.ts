// JSON strictness, text sizes, control characters and the plausibility rules: each refusal names its field.
import { fixtureAssunzione, fixtureUnisomm, fixtureUniurg, fixtureVardatori } from './fixtures';
import { parseCoJson, serializeCoJson } from './json-format';
import type { Co } from './model';
import { parseStructure } from './structure';
import { validateCo } from './validate';

const problemsOf = (raw: unknown) => {
  const r = parseStructure(raw);
  return r.ok ? [] : r.problems.map((p) => [p.path, p.code]);
};
const asJson = (co: Co) => JSON.parse(serializeCoJson(co)) as Record<string, any>;
const rules = (co: Co, opts = {}) => validateCo(co, opts).map((p) => [p.path, p.code]);

describe('JSON: an unknown member is refused, named by its path', () => {
  it.each([
    ['at the top', (j: any) => (j.tipoEvnto = 'ASS'), 'tipoEvnto'],
    ['in a section', (j: any) => (j.inizio.dataFin = '2024-12-31'), 'inizio.dataFin'],
    ['deep down', (j: any) => (j.datore.sedeLavoro.civico = '1'), 'datore.sedeLavoro.civico'],
  ])('%s', (_n, change, path) => {
    const j = asJson(fixtureAssunzione());
    change(j);
    expect(problemsOf(j)).toEqual([[path, 'UNKNOWN_FIELD']]);
  });

  it('in a VARDATORI worker and in every place at once', () => {
    const j = asJson(fixtureVardatori());
    j.lavoratori[0].matricola = '1';
    j.variazione.motivo = 'x';
    expect(problemsOf(j)).toEqual(expect.arrayContaining([['lavoratori[0].matricola', 'UNKNOWN_FIELD'], ['variazione.motivo', 'UNKNOWN_FIELD']]));
  });

  it('a member name that is not a plain identifier is not echoed back', () => {
    const j = asJson(fixtureAssunzione());
    j.datore['<script>'] = 1;
    j.datore['x'.repeat(65)] = 1;
    expect(problemsOf(j)).toEqual([
      ['datore.*', 'UNKNOWN_FIELD'],
      ['datore.*', 'UNKNOWN_FIELD'],
    ]);
  });

  it('a member of another model is unknown too (missione on a UNILAV)', () => {
    const j = { ...asJson(fixtureAssunzione()), missione: { dataInizio: '2024-01-01' } };
    const r = parseCoJson(JSON.stringify(j));
    expect(r.ok ? [] : r.problems.map((p) => [p.path, p.code])).toEqual([['missione', 'UNKNOWN_FIELD']]);
  });
});

describe('free text: sizes and control characters', () => {
  it.each([
    ['lavoratore.cognome', 50],
    ['lavoratore.nome', 50],
    ['datore.denominazione', 300],
    ['datore.sedeLavoro.indirizzo', 100],
    ['inizio.livelloInquadramento', 10],
  ])('%s up to %i characters', (path, max) => {
    const set = (n: number) => {
      const j = asJson(fixtureAssunzione());
      const keys = path.split('.');
      keys.slice(0, -1).reduce((o, k) => o[k], j)[keys[keys.length - 1]] = 'A'.repeat(n);
      return j;
    };
    expect(problemsOf(set(max))).toEqual([]);
    expect(problemsOf(set(max + 1))).toEqual([[path, 'TEXT_TOO_LONG']]);
  });

  it.each(['\u0000', '\u0007', '\n', '\u001b[31m', '\u007f', '\u0085'])('refuses control character %j inside a text', (c) => {
    const j = asJson(fixtureAssunzione());
    j.lavoratore.cognome = `ROS${c}SI`;
    j.inizio.qualificaProfessionale = `5.2${c}.2.3.1.0`;
    expect(problemsOf(j)).toEqual([
      ['lavoratore.cognome', 'CONTROL_CHARACTER'],
      ['inizio.qualificaProfessionale', 'CONTROL_CHARACTER'],
    ]);
  });

  it('accepts accented letters and apostrophes', () => {
    const j = asJson(fixtureAssunzione());
    j.lavoratore.cognome = "D'ANNUNZIO NICCOLÒ";
    expect(problemsOf(j)).toEqual([]);
  });
});

describe('plausibility', () => {
  const NOW = Date.parse('2024-02-28T09:00:00Z'); // the fixture's dataInvio

  it('dataInvio may be ahead of the clock by the skew, not more', () => {
    const co = fixtureAssunzione({ datiInvio: { codiceComunicazione: '1300000000000001', tipoComunicazione: '01', dataInvio: '2024-02-28T10:04:00+01:00' } });
    expect(rules(co, { now: NOW })).toEqual([]);
    expect(rules(co, { now: NOW, clockSkewMs: 60_000 })).toEqual([['datiInvio.dataInvio', 'DATA_INVIO_FUTURE']]);
    // without a clock (replays) there is no future check
    expect(rules(co, { clockSkewMs: 0 })).toEqual([]);
  });

  it.each([
    ['2010-02-28', []], // 14 on the day the CO is sent
    ['2010-03-01', [['lavoratore.nascita.data', 'NASCITA_IMPLAUSIBLE']]],
    ['1924-02-28', []],
    ['1924-02-27', [['lavoratore.nascita.data', 'NASCITA_IMPLAUSIBLE']]],
    ['2030-01-01', [['lavoratore.nascita.data', 'NASCITA_IMPLAUSIBLE']]],
  ])('birth date %s', (data, expected) => {
    const co = fixtureAssunzione();
    co.lavoratore.nascita = { comune: 'F205', data };
    // The fixture CF encodes 1990: only the birth-date rule is looked at here.
    expect(rules(co).filter(([p]) => p === 'lavoratore.nascita.data')).toEqual(expected);
  });

  it('a CAP is five digits (an address abroad keeps its own postcode)', () => {
    const co = fixtureUnisomm();
    co.datore.sedeLegale = { comune: 'F205', cap: '2010' };
    co.missione!.utilizzatore.sedeLavoro = { comune: 'F205', cap: '20I00' };
    co.lavoratore.domicilio = { comune: 'Z100', cap: '1001' };
    expect(rules(co)).toEqual([
      ['datore.sedeLegale.cap', 'CAP_FORMAT'],
      ['missione.utilizzatore.sedeLavoro.cap', 'CAP_FORMAT'],
    ]);
  });

  it('a residence permit has a document type 1-7 and a 3-digit questura', () => {
    const co = fixtureAssunzione();
    co.lavoratore.permessoSoggiorno = { tipoDocumento: '8', numeroDocumento: 'AB1234567', questura: '58' };
    expect(rules(co)).toEqual([
      ['lavoratore.permessoSoggiorno.tipoDocumento', 'PERMESSO_TIPO_DOCUMENTO'],
      ['lavoratore.permessoSoggiorno.questura', 'QUESTURA_FORMAT'],
    ]);
    co.lavoratore.permessoSoggiorno = { tipoDocumento: '1', numeroDocumento: 'AB1234567', questura: '058', scadenza: '2026-01-01', motivo: 'CSST1' };
    expect(rules(co)).toEqual([]);
  });

  it('the permit number is bounded like the ministry field (15)', () => {
    const j = asJson(fixtureAssunzione());
    j.lavoratore.permessoSoggiorno = { tipoDocumento: '1', numeroDocumento: 'X'.repeat(16) };
    expect(problemsOf(j)).toEqual([['lavoratore.permessoSoggiorno.numeroDocumento', 'TEXT_TOO_LONG']]);
  });
});

describe('terms a UNIURG or a VARDATORI worker carries are checked when sent', () => {
  it('UNIURG inizio and VARDATORI lavoratori[i].termini', () => {
    const urg = fixtureUniurg();
    urg.inizio = { ...urg.inizio, tipoOrario: 'P', qualificaProfessionale: '5.2.2' };
    expect(rules(urg)).toEqual([
      ['inizio.oreSettimanaliMedie', 'ORE_SETTIMANALI_REQUIRED'],
      ['inizio.qualificaProfessionale', 'QUALIFICA_FORMAT'],
    ]);
    const vd = fixtureVardatori();
    vd.lavoratori[0].termini = { tipoOrario: 'F', qualificaProfessionale: '5.2.2.3.1.0', dataFine: '2024-05-01' };
    expect(rules(vd)).toEqual([['lavoratori[0].termini.dataFine', 'DATA_FINE_BEFORE_INIZIO']]);
  });
});
