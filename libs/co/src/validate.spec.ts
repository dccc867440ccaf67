import { encodePersonalCf } from '@fsl/codice-fiscale';
import { FIXTURE_WORKER_CF, fixtureAssunzione, fixtureUnisomm, fixtureUniurg, fixtureVardatori } from './fixtures';
import type { Co, Unilav } from './model';
import { buildTable, CodeLists, defaultCodeLists, TABLE_NAMES, type CodeTable, type TableName } from './code-lists';
import { checkProrogaAgainstCurrentEnd } from './rules';
import { checkCo, checkCoRules, validateCo } from './validate';

const proroga = (): Unilav => fixtureAssunzione({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-12-31' } });
const trasf = (codice: string, extra: Partial<NonNullable<Unilav['trasformazione']>> = {}): Unilav =>
  fixtureAssunzione({ tipoEvento: 'TRS', trasformazione: { codice, data: '2024-05-01', ...extra } });
const cessazione = (): Unilav => fixtureAssunzione({ tipoEvento: 'CES', cessazione: { data: '2024-04-30', causa: 'LI' } });

function expectOnly(co: Co, path: string, code: string): void {
  const problems = validateCo(co);
  expect(problems).toContainEqual(expect.objectContaining({ path, code }));
  // Each case introduces one defect: no unrelated noise.
  expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([`${path} ${code}`]);
}

describe('validateCo: valid fixtures', () => {
  it.each([
    ['assunzione', fixtureAssunzione()],
    ['proroga', proroga()],
    ['trasformazione DI', trasf('DI', { tipologiaContrattuale: 'A.01.00' })],
    ['trasformazione TP', trasf('TP', { tipoOrario: 'P', oreSettimanaliMedie: 20 })],
    ['cessazione', cessazione()],
    ['unisomm', fixtureUnisomm()],
    ['vardatori', fixtureVardatori()],
    ['uniurg', fixtureUniurg()],
  ])('%s has no problems', (_n, co) => {
    expect(validateCo(co)).toEqual([]);
  });
});

describe('validateCo: every rule names its field', () => {
  type Case = [string, () => Co, string, string];
  const cases: Case[] = [
    ['worker CF check letter', () => fixtureAssunzione({ lavoratore: { ...fixtureAssunzione().lavoratore, codiceFiscale: FIXTURE_WORKER_CF.slice(0, 15) + (FIXTURE_WORKER_CF[15] === 'A' ? 'B' : 'A') } }), 'lavoratore.codiceFiscale', 'CF_CHECK_CHARACTER'],
    ['worker CF length', () => fixtureAssunzione({ lavoratore: { ...fixtureAssunzione().lavoratore, codiceFiscale: 'ABC123' } }), 'lavoratore.codiceFiscale', 'CF_LENGTH'],
    ['worker CF 11-digit check digit', () => fixtureAssunzione({ lavoratore: { ...fixtureAssunzione().lavoratore, codiceFiscale: '12345678901' } }), 'lavoratore.codiceFiscale', 'CF_CHECK_DIGIT'],
    ['worker CF birth place unknown', () => fixtureAssunzione({ lavoratore: { ...fixtureAssunzione().lavoratore, codiceFiscale: encodePersonalCf({ surname: 'Rossi', name: 'Maria', sex: 'F', birthDate: '1990-04-12', placeCode: 'A000' }) } }), 'lavoratore.codiceFiscale', 'CF_PLACE_UNKNOWN'],
    ['employer CF', () => fixtureAssunzione({ datore: { ...fixtureAssunzione().datore, codiceFiscale: '02877740214' } }), 'datore.codiceFiscale', 'CF_CHECK_DIGIT'],
    ['codice comunicazione', () => withInvio({ codiceComunicazione: 'abc' }), 'datiInvio.codiceComunicazione', 'CODICE_COMUNICAZIONE_FORMAT'],
    ['TU 05', () => withInvio({ tipoComunicazione: '05' }), 'datiInvio.tipoComunicazione', 'TIPO_COMUNICAZIONE_UNSUPPORTED'],
    ['TU 02 on a proroga', () => ({ ...proroga(), datiInvio: { ...proroga().datiInvio, tipoComunicazione: '02' } }), 'datiInvio.tipoComunicazione', 'TIPO_COMUNICAZIONE_NOT_ALLOWED'],
    ['rettifica without precedente', () => withInvio({ tipoComunicazione: '03' }), 'datiInvio.codiceComunicazionePrecedente', 'PRECEDENTE_REQUIRED'],
    ['annullamento without precedente', () => withInvio({ tipoComunicazione: '04' }), 'datiInvio.codiceComunicazionePrecedente', 'PRECEDENTE_REQUIRED'],
    ['precedente = itself', () => withInvio({ codiceComunicazione: '1300000000000099', codiceComunicazionePrecedente: '1300000000000099' }), 'datiInvio.codiceComunicazionePrecedente', 'PRECEDENTE_SELF'],
    ['dataFine before dataInizio', () => withInizio({ dataFine: '2024-02-01' }), 'inizio.dataFine', 'DATA_FINE_BEFORE_INIZIO'],
    ['fixed-term without dataFine', () => withInizio({ dataFine: undefined }), 'inizio.dataFine', 'DATA_FINE_REQUIRED'],
    ['open-ended with dataFine', () => withInizio({ tipologiaContrattuale: 'A.01.00' }), 'inizio.dataFine', 'DATA_FINE_NOT_ALLOWED'],
    ['apprenticeship without PF end', () => withInizio({ tipologiaContrattuale: 'A.03.09', dataFine: undefined }), 'inizio.dataFinePeriodoFormativo', 'DATA_FINE_PF_REQUIRED'],
    ['PF end not after start', () => withInizio({ tipologiaContrattuale: 'A.03.09', dataFine: undefined, dataFinePeriodoFormativo: '2024-03-01' }), 'inizio.dataFinePeriodoFormativo', 'DATA_FINE_PF_BEFORE_INIZIO'],
    ['malformed contract', () => withInizio({ tipologiaContrattuale: 'Z9999' }), 'inizio.tipologiaContrattuale', 'CODE_FORMAT'],
    ['retired contract', () => withInizio({ tipologiaContrattuale: 'B.01.00' }), 'inizio.tipologiaContrattuale', 'CODE_NOT_VALID_ON_DATE'],
    ['unknown tipo orario', () => withInizio({ tipoOrario: 'X' }), 'inizio.tipoOrario', 'CODE_UNKNOWN'],
    ['part-time without hours', () => withInizio({ oreSettimanaliMedie: undefined }), 'inizio.oreSettimanaliMedie', 'ORE_SETTIMANALI_REQUIRED'],
    ['hours out of range', () => withInizio({ oreSettimanaliMedie: 70 }), 'inizio.oreSettimanaliMedie', 'ORE_SETTIMANALI_RANGE'],
    ['qualifica format', () => withInizio({ qualificaProfessionale: '5.2.2' }), 'inizio.qualificaProfessionale', 'QUALIFICA_FORMAT'],
    ['ATECO malformed', () => fixtureAssunzione({ datore: { ...fixtureAssunzione().datore, settore: '999999' } }), 'datore.settore', 'CODE_FORMAT'],
    ['sede lavoro Belfiore malformed', () => fixtureAssunzione({ datore: { ...fixtureAssunzione().datore, sedeLavoro: { comune: 'Roma' } } }), 'datore.sedeLavoro.comune', 'CODE_FORMAT'],
    ['sede lavoro missing', () => fixtureAssunzione({ datore: { ...fixtureAssunzione().datore, sedeLavoro: undefined } }), 'datore.sedeLavoro', 'SECTION_REQUIRED'],
    ['birth place unknown', () => fixtureAssunzione({ lavoratore: { ...fixtureAssunzione().lavoratore, nascita: { comune: 'A000', data: '1990-04-12' } } }), 'lavoratore.nascita.comune', 'CODE_UNKNOWN'],
    ['cittadinanza malformed', () => fixtureAssunzione({ lavoratore: { ...fixtureAssunzione().lavoratore, cittadinanza: 'IT' } }), 'lavoratore.cittadinanza', 'CODE_FORMAT'],
    ['proroga section missing', () => fixtureAssunzione({ tipoEvento: 'PRO' }), 'proroga', 'SECTION_REQUIRED'],
    ['section of another event', () => fixtureAssunzione({ cessazione: { data: '2024-04-30', causa: 'LI' } }), 'cessazione', 'SECTION_NOT_ALLOWED'],
    ['proroga not after start', () => fixtureAssunzione({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-03-01' } }), 'proroga.dataFineProroga', 'PROROGA_NOT_AFTER_INIZIO'],
    ['proroga not after the end it extends', () => fixtureAssunzione({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-08-31' } }), 'proroga.dataFineProroga', 'PROROGA_NOT_AFTER_CURRENT_END'],
    ['proroga before the end it extends', () => fixtureAssunzione({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-06-30' } }), 'proroga.dataFineProroga', 'PROROGA_NOT_AFTER_CURRENT_END'],
    ['proroga of open-ended', () => ({ ...proroga(), inizio: { ...proroga().inizio, tipologiaContrattuale: 'A.01.00', dataFine: undefined } }), 'proroga.dataFineProroga', 'PROROGA_TEMPO_INDETERMINATO'],
    ['cessazione before start', () => ({ ...cessazione(), cessazione: { data: '2024-02-01', causa: 'LI' } }), 'cessazione.data', 'CESSAZIONE_BEFORE_INIZIO'],
    ['causa cessazione malformed', () => ({ ...cessazione(), cessazione: { data: '2024-04-30', causa: 'Q' } }), 'cessazione.causa', 'CODE_FORMAT'],
    ['trasformazione before start', () => trasf('DI', { tipologiaContrattuale: 'A.01.00', data: '2024-01-01' }), 'trasformazione.data', 'TRASFORMAZIONE_BEFORE_INIZIO'],
    ['DI needs A.01.00', () => trasf('DI', { tipologiaContrattuale: 'A.02.00' }), 'trasformazione.tipologiaContrattuale', 'TRASFORMAZIONE_CONTRATTO'],
    ['AI needs A.01.00', () => trasf('AI'), 'trasformazione.tipologiaContrattuale', 'TRASFORMAZIONE_CONTRATTO'],
    ['II needs A.01.00', () => trasf('II', { tipologiaContrattuale: 'A.03.07' }), 'trasformazione.tipologiaContrattuale', 'TRASFORMAZIONE_CONTRATTO'],
    ['PP needs orario F', () => trasf('PP', { tipoOrario: 'P', oreSettimanaliMedie: 30 }), 'trasformazione.tipoOrario', 'TRASFORMAZIONE_ORARIO_FULL'],
    ['TP cannot be F', () => trasf('TP', { tipoOrario: 'F' }), 'trasformazione.tipoOrario', 'TRASFORMAZIONE_ORARIO_NOT_FULL'],
    ['TP needs an orario', () => trasf('TP'), 'trasformazione.tipoOrario', 'TRASFORMAZIONE_ORARIO_REQUIRED'],
    ['TP part-time needs hours', () => trasf('TP', { tipoOrario: 'V' }), 'trasformazione.oreSettimanaliMedie', 'ORE_SETTIMANALI_REQUIRED'],
    ['PV only for PA', () => trasf('PV'), 'trasformazione.codice', 'TRASFORMAZIONE_SOLO_PA'],
    ['TL is not a trasformazione', () => trasf('TL'), 'trasformazione.codice', 'TRASFORMAZIONE_USE_TRASFERIMENTO'],
    ['malformed trasformazione', () => trasf('Z'), 'trasformazione.codice', 'CODE_FORMAT'],
    ['trasferimento before start', () => fixtureAssunzione({ tipoEvento: 'TRD', trasferimento: { tipo: 'TL', data: '2024-01-01', sedeLavoro: { comune: 'H501' } } }), 'trasferimento.data', 'TRASFERIMENTO_BEFORE_INIZIO'],
    ['distacco without distaccatario', () => fixtureAssunzione({ tipoEvento: 'TRD', trasferimento: { tipo: 'DL', data: '2024-04-01', sedeLavoro: { comune: 'H501' } } }), 'trasferimento.distaccatario', 'DISTACCATARIO_REQUIRED'],
    ['distacco ends before it starts', () => fixtureAssunzione({ tipoEvento: 'TRD', trasferimento: { tipo: 'DL', data: '2024-04-01', dataFineDistacco: '2024-03-15', sedeLavoro: { comune: 'H501' }, distaccatario: { codiceFiscale: fixtureVardatori().datore.codiceFiscale } } }), 'trasferimento.dataFineDistacco', 'DATA_FINE_DISTACCO_BEFORE_DATA'],
    ['unisomm without missione', () => fixtureUnisomm({ missione: undefined }), 'missione', 'MISSIONE_REQUIRED'],
    ['missione ends before it starts', () => fixtureUnisomm({ missione: { ...fixtureUnisomm().missione!, dataFine: '2024-02-15' } }), 'missione.dataFine', 'MISSIONE_FINE_BEFORE_INIZIO'],
    ['missione before rapporto', () => fixtureUnisomm({ missione: { ...fixtureUnisomm().missione!, dataInizio: '2024-02-15' } }), 'missione.dataInizio', 'MISSIONE_BEFORE_RAPPORTO'],
    ['utilizzatore CF', () => fixtureUnisomm({ missione: { ...fixtureUnisomm().missione!, utilizzatore: { ...fixtureUnisomm().missione!.utilizzatore, codiceFiscale: '02877740214' } } }), 'missione.utilizzatore.codiceFiscale', 'CF_CHECK_DIGIT'],
    ['vardatori without workers', () => fixtureVardatori({ lavoratori: [] }), 'lavoratori', 'LAVORATORI_EMPTY'],
    ['vardatori worker CF', () => fixtureVardatori({ lavoratori: [{ codiceFiscale: 'XX', cognome: 'A', nome: 'B' }] }), 'lavoratori[0].codiceFiscale', 'CF_LENGTH'],
    ['vardatori same worker twice', () => fixtureVardatori({ lavoratori: [fixtureVardatori().lavoratori[0], fixtureVardatori().lavoratori[0]] }), 'lavoratori[1]', 'LAVORATORE_DUPLICATE'],
    ['vardatori same employer', () => fixtureVardatori({ datorePrecedente: { codiceFiscale: fixtureVardatori().datore.codiceFiscale } }), 'datore.codiceFiscale', 'VARDATORI_SAME_DATORE'],
    ['vardatori TU 02', () => fixtureVardatori({ datiInvio: { ...fixtureVardatori().datiInvio, tipoComunicazione: '02' } }), 'datiInvio.tipoComunicazione', 'TIPO_COMUNICAZIONE_NOT_ALLOWED'],
    ['branch lease ends before variation', () => fixtureVardatori({ variazione: { tipo: 'AFFITTO_RAMO', data: '2024-06-01', dataFineRamoAffitto: '2024-05-01' } }), 'variazione.dataFineRamoAffitto', 'FINE_RAMO_BEFORE_VARIAZIONE'],
    ['uniurg end before start', () => fixtureUniurg({ inizio: { dataInizio: '2024-03-01', dataFine: '2024-02-01' } }), 'inizio.dataFine', 'DATA_FINE_BEFORE_INIZIO'],
    ['uniurg worker CF', () => fixtureUniurg({ lavoratore: { codiceFiscale: '1234', cognome: 'A', nome: 'B' } }), 'lavoratore.codiceFiscale', 'CF_LENGTH'],
  ];
  it.each(cases)('%s', (_name, make, path, code) => expectOnly(make(), path, code));

  function withInvio(d: Partial<Unilav['datiInvio']>): Unilav {
    const co = fixtureAssunzione();
    return { ...co, datiInvio: { ...co.datiInvio, ...d } };
  }
  function withInizio(i: Partial<Unilav['inizio']>): Unilav {
    const co = fixtureAssunzione();
    return { ...co, inizio: { ...co.inizio, ...i } };
  }
});

describe('validateCo: reporting', () => {
  it('returns every problem at once', () => {
    const co = fixtureAssunzione();
    co.lavoratore.codiceFiscale = 'ABC';
    co.datore.settore = '00-00-00';
    co.inizio.tipoOrario = 'M';
    delete co.inizio.oreSettimanaliMedie;
    co.inizio.dataFine = '2020-01-01';
    expect(validateCo(co).map((p) => p.code).sort()).toEqual(
      ['CF_LENGTH', 'CODE_FORMAT', 'DATA_FINE_BEFORE_INIZIO', 'ORE_SETTIMANALI_REQUIRED'].sort(),
    );
  });

  it('never puts a personal value in a message', () => {
    const co = fixtureAssunzione();
    const badCf = FIXTURE_WORKER_CF.slice(0, 15) + (FIXTURE_WORKER_CF[15] === 'A' ? 'B' : 'A');
    co.lavoratore.codiceFiscale = badCf;
    co.lavoratore.nascita = { comune: 'Q999', data: '1990-04-12' };
    const messages = validateCo(co).map((p) => p.message).join(' ');
    for (const secret of [badCf, badCf.slice(0, 6), 'Q999', '1990-04-12', 'ROSSI']) expect(messages).not.toContain(secret);
  });

  it('checks a code against the table valid on the date of the fact', () => {
    const shipped = defaultCodeLists();
    const tables = {} as Record<TableName, CodeTable>;
    for (const n of TABLE_NAMES) tables[n] = shipped.table(n);
    tables.belfiore = buildTable('belfiore', 'test', 'test', [
      ...[...shipped.table('belfiore').entries.values()].flat().map((e) => ({ code: e.code, description: e.description, valid_from: '', valid_to: '' })),
      { code: 'M999', description: 'Comune soppresso (test)', valid_from: '1950-01-01', valid_to: '2014-12-31' },
    ]);
    const lists = new CodeLists(tables);
    const co = fixtureAssunzione();
    co.datore.sedeLavoro = { comune: 'M999' };
    expect(validateCo(co, { codeLists: lists })).toEqual([
      expect.objectContaining({ path: 'datore.sedeLavoro.comune', code: 'CODE_NOT_VALID_ON_DATE' }),
    ]);
    co.inizio = { ...co.inizio, dataInizio: '2014-03-01', dataFine: '2014-08-31' };
    co.datiInvio.dataInvio = '2014-02-27T10:00:00+01:00';
    expect(validateCo(co, { codeLists: lists })).toEqual([]);
  });
});

describe('checkCoRules: codes a partial table does not know are accepted with a warning', () => {
  type Case = [string, () => Co, string, string, string];
  const cases: Case[] = [
    ['ATECO', () => fixtureAssunzione({ datore: { ...fixtureAssunzione().datore, settore: '99.99.98' } }), 'datore.settore', 'ateco', '99.99.98'],
    ['CP2011 sixth level', () => fixtureAssunzione({ inizio: { ...fixtureAssunzione().inizio, qualificaProfessionale: '8.4.4.2.0.9' } }), 'inizio.qualificaProfessionale', 'qualificaCp2011', '8.4.4.2.0.9'],
    ['CCNL', () => fixtureAssunzione({ inizio: { ...fixtureAssunzione().inizio, ccnl: 'H011' } }), 'inizio.ccnl', 'ccnl', 'H011'],
    ['cittadinanza', () => fixtureAssunzione({ lavoratore: { ...fixtureAssunzione().lavoratore, cittadinanza: '999' } }), 'lavoratore.cittadinanza', 'cittadinanza', '999'],
    ['tipologia contrattuale', () => fixtureAssunzione({ inizio: { ...fixtureAssunzione().inizio, tipologiaContrattuale: 'Z.99.99' } }), 'inizio.tipologiaContrattuale', 'tipologiaContrattuale', 'Z.99.99'],
    ['causa cessazione', () => ({ ...cessazione(), cessazione: { data: '2024-04-30', causa: 'QQ' } }), 'cessazione.causa', 'causaCessazione', 'QQ'],
    ['trasformazione', () => trasf('ZZ'), 'trasformazione.codice', 'trasformazione', 'ZZ'],
    // The Belfiore data end on 2024-01-22: a comune instituted later is unknown to it, not invalid.
    ['Belfiore after the data end', () => fixtureAssunzione({ datore: { ...fixtureAssunzione().datore, sedeLavoro: { comune: 'M999' } } }), 'datore.sedeLavoro.comune', 'belfiore', 'M999'],
  ];
  it.each(cases)('%s', (_name, make, path, tabella, codice) => {
    expect(checkCoRules(make())).toEqual({
      problems: [],
      avvisi: [{ path, code: 'CODICE_NON_IN_TABELLA', message: expect.stringContaining('not in the local code table'), tabella, codice }],
    });
  });

  it('still refuses a code its table knows as retired on the date of the fact', () => {
    const co = fixtureAssunzione({ inizio: { ...fixtureAssunzione().inizio, tipologiaContrattuale: 'B.01.00' } });
    expect(checkCoRules(co)).toEqual({ problems: [expect.objectContaining({ path: 'inizio.tipologiaContrattuale', code: 'CODE_NOT_VALID_ON_DATE' })], avvisi: [] });
  });

  it('refuses a Belfiore code unknown on a date the data cover, and an unknown code of a complete table', () => {
    const co = fixtureAssunzione({ datore: { ...fixtureAssunzione().datore, sedeLavoro: { comune: 'M999' } } });
    co.inizio = { ...co.inizio, dataInizio: '2023-03-01', dataFine: '2023-08-31' };
    co.datiInvio.dataInvio = '2023-02-27T10:00:00+01:00';
    expect(checkCoRules(co)).toEqual({ problems: [expect.objectContaining({ path: 'datore.sedeLavoro.comune', code: 'CODE_UNKNOWN' })], avvisi: [] });
    co.inizio.tipoOrario = 'X';
    expect(checkCoRules(co).problems.map((p) => `${p.path} ${p.code}`)).toContain('inizio.tipoOrario CODE_UNKNOWN');
  });
});

describe('birth place of the codice fiscale, as of the birth date it encodes', () => {
  const withCf = (placeCode: string, birthDate: string) =>
    fixtureAssunzione({
      lavoratore: {
        ...fixtureAssunzione().lavoratore,
        codiceFiscale: encodePersonalCf({ surname: 'Rossi', name: 'Maria', sex: 'F', birthDate, placeCode }),
        nascita: { comune: placeCode, data: birthDate },
      },
    });
  // Some births here are recent enough to make the worker a child (NASCITA_IMPLAUSIBLE): the age check is
  // not what these cases are about, so it is left out of what they compare.
  const notAge = (p: { code: string }) => p.code !== 'NASCITA_IMPLAUSIBLE';
  const codes = (co: Co) => validateCo(co).filter(notAge).map((p) => `${p.path} ${p.code}`);

  it('accepts a comune merged since, for a birth while it existed (Abetone, PT, until 2017-01-01)', () => {
    expect(codes(withCf('A012', '1985-06-02'))).toEqual([]);
  });

  it('refuses the same code for a birth after the comune was merged', () => {
    expect(codes(withCf('A012', '2018-06-02'))).toEqual(['lavoratore.codiceFiscale CF_PLACE_UNKNOWN', 'lavoratore.nascita.comune CODE_NOT_VALID_ON_DATE']);
  });

  it('refuses a comune for a birth before it was instituted (Fiumicino, from 1992-04-04)', () => {
    expect(codes(withCf('M297', '1980-01-10'))).toEqual(['lavoratore.codiceFiscale CF_PLACE_UNKNOWN', 'lavoratore.nascita.comune CODE_NOT_VALID_ON_DATE']);
    expect(codes(withCf('M297', '1995-01-10'))).toEqual([]);
  });

  it('accepts a comune for births before its province was instituted (Oristano, G113, province of Oristano from 1974)', () => {
    expect(codes(withCf('G113', '1962-11-05'))).toEqual([]);
    expect(codes(withCf('E335', '1965-03-01'))).toEqual([]); // Isernia, province from 1970
  });

  it('warns instead of refusing an unknown place for a birth after the Belfiore data end (a comune instituted since)', () => {
    const co = withCf('M999', '2024-06-01');
    co.datiInvio.dataInvio = '2025-02-27T10:00:00+01:00';
    co.inizio = { ...co.inizio, dataInizio: '2025-03-01', dataFine: '2025-08-31' };
    const { problems, avvisi } = checkCoRules(co);
    expect({ problems: problems.filter(notAge), avvisi }).toEqual({
      problems: [],
      avvisi: [
        { path: 'lavoratore.codiceFiscale', code: 'LUOGO_NASCITA_NON_IN_TABELLA', message: expect.any(String), tabella: 'belfiore' },
        { path: 'lavoratore.nascita.comune', code: 'CODICE_NON_IN_TABELLA', message: expect.any(String), tabella: 'belfiore', codice: 'M999' },
      ],
    });
  });

  it('accepts a foreign state that has ceased since (Jugoslavia, Z118) for a birth before it ceased', () => {
    expect(codes(withCf('Z118', '1979-09-30'))).toEqual([]);
    expect(codes(withCf('Z118', '2005-09-30'))).toContain('lavoratore.codiceFiscale CF_PLACE_UNKNOWN');
  });
});

describe('checkCo: structure first', () => {
  it('names missing and mistyped fields', () => {
    const raw = JSON.parse(JSON.stringify(fixtureAssunzione()));
    delete raw.lavoratore.codiceFiscale;
    raw.inizio.oreSettimanaliMedie = 'venti';
    raw.inizio.dataInizio = '2024-02-30';
    raw.datiInvio.tipoComunicazione = '10';
    const r = checkCo(raw);
    expect(r.ok).toBe(false);
    const got = !r.ok && r.problems.map((p) => `${p.path} ${p.code}`).sort();
    expect(got).toEqual(
      [
        'datiInvio.tipoComunicazione INVALID_VALUE',
        'inizio.dataInizio INVALID_DATE',
        'inizio.oreSettimanaliMedie INVALID_TYPE',
        'lavoratore.codiceFiscale REQUIRED',
      ].sort(),
    );
  });

  it('upper-cases codici fiscali and reports one of the wrong type', () => {
    const raw = JSON.parse(JSON.stringify(fixtureAssunzione()));
    raw.lavoratore.codiceFiscale = FIXTURE_WORKER_CF.toLowerCase();
    const r = checkCo(raw);
    expect(r.ok && r.value.modello === 'UNILAV' && r.value.lavoratore.codiceFiscale).toBe(FIXTURE_WORKER_CF);
    raw.datore.codiceFiscale = 2877740215;
    const wrong = checkCo(raw);
    expect(!wrong.ok && wrong.problems).toEqual([{ path: 'datore.codiceFiscale', code: 'INVALID_TYPE', message: 'This field has the wrong type.' }]);
  });

  it('rejects an unknown model', () => {
    const r = checkCo({ modello: 'UNIDOM' });
    expect(!r.ok && r.problems).toEqual([expect.objectContaining({ path: 'modello', code: 'UNKNOWN_MODEL' })]);
  });

  it('treats empty strings as absent', () => {
    const raw = JSON.parse(JSON.stringify(fixtureAssunzione()));
    raw.inizio.dataFine = '';
    const r = checkCo(raw);
    expect(!r.ok && r.problems).toEqual([expect.objectContaining({ path: 'inizio.dataFine', code: 'DATA_FINE_REQUIRED' })]);
  });
});

describe('checkProrogaAgainstCurrentEnd (applied by the builder)', () => {
  it('accepts a later end and rejects an earlier or equal one', () => {
    expect(checkProrogaAgainstCurrentEnd('2024-08-31', { dataFineProroga: '2024-12-31' })).toEqual([]);
    expect(checkProrogaAgainstCurrentEnd('2024-08-31', { dataFineProroga: '2024-08-31' })).toEqual([
      expect.objectContaining({ path: 'proroga.dataFineProroga', code: 'PROROGA_NOT_AFTER_CURRENT_END' }),
    ]);
    expect(checkProrogaAgainstCurrentEnd(undefined, { dataFineProroga: '2024-08-31' })).toEqual([
      expect.objectContaining({ path: 'proroga.dataFineProroga', code: 'PROROGA_TEMPO_INDETERMINATO' }),
    ]);
  });
});
