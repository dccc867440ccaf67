import { encodePersonalCf } from '@fsl/codice-fiscale';
import { FIXTURE_WORKER_CF, fixtureAssunzione, fixtureUnisomm, fixtureUniurg, fixtureVardatori } from './fixtures';
import type { Co, Unilav } from './model';
import { buildTable, CodeLists, defaultCodeLists, TABLE_NAMES, type CodeTable, type TableName } from './code-lists';
import { checkProrogaAgainstCurrentEnd } from './rules';
import { checkCo, validateCo } from './validate';

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
    ['worker CF birth place unknown', () => fixtureAssunzione({ lavoratore: { ...fixtureAssunzione().lavoratore, codiceFiscale: encodePersonalCf({ surname: 'Rossi', name: 'Maria', sex: 'F', birthDate: '1990-04-12', placeCode: 'A001' }) } }), 'lavoratore.codiceFiscale', 'CF_PLACE_UNKNOWN'],
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
    ['unknown contract', () => withInizio({ tipologiaContrattuale: 'Z.99.99' }), 'inizio.tipologiaContrattuale', 'CODE_UNKNOWN'],
    ['retired contract', () => withInizio({ tipologiaContrattuale: 'B.01.00' }), 'inizio.tipologiaContrattuale', 'CODE_NOT_VALID_ON_DATE'],
    ['unknown tipo orario', () => withInizio({ tipoOrario: 'X' }), 'inizio.tipoOrario', 'CODE_UNKNOWN'],
    ['part-time without hours', () => withInizio({ oreSettimanaliMedie: undefined }), 'inizio.oreSettimanaliMedie', 'ORE_SETTIMANALI_REQUIRED'],
    ['hours out of range', () => withInizio({ oreSettimanaliMedie: 70 }), 'inizio.oreSettimanaliMedie', 'ORE_SETTIMANALI_RANGE'],
    ['qualifica format', () => withInizio({ qualificaProfessionale: '5.2.2' }), 'inizio.qualificaProfessionale', 'QUALIFICA_FORMAT'],
    ['ATECO unknown', () => fixtureAssunzione({ datore: { ...fixtureAssunzione().datore, settore: '99.99.99' } }), 'datore.settore', 'CODE_UNKNOWN'],
    ['sede lavoro Belfiore unknown', () => fixtureAssunzione({ datore: { ...fixtureAssunzione().datore, sedeLavoro: { comune: 'A000' } } }), 'datore.sedeLavoro.comune', 'CODE_UNKNOWN'],
    ['sede lavoro missing', () => fixtureAssunzione({ datore: { ...fixtureAssunzione().datore, sedeLavoro: undefined } }), 'datore.sedeLavoro', 'SECTION_REQUIRED'],
    ['birth place unknown', () => fixtureAssunzione({ lavoratore: { ...fixtureAssunzione().lavoratore, nascita: { comune: 'A000', data: '1990-04-12' } } }), 'lavoratore.nascita.comune', 'CODE_UNKNOWN'],
    ['cittadinanza unknown', () => fixtureAssunzione({ lavoratore: { ...fixtureAssunzione().lavoratore, cittadinanza: '999' } }), 'lavoratore.cittadinanza', 'CODE_UNKNOWN'],
    ['proroga section missing', () => fixtureAssunzione({ tipoEvento: 'PRO' }), 'proroga', 'SECTION_REQUIRED'],
    ['section of another event', () => fixtureAssunzione({ cessazione: { data: '2024-04-30', causa: 'LI' } }), 'cessazione', 'SECTION_NOT_ALLOWED'],
    ['proroga not after start', () => fixtureAssunzione({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-03-01' } }), 'proroga.dataFineProroga', 'PROROGA_NOT_AFTER_INIZIO'],
    ['proroga not after the end it extends', () => fixtureAssunzione({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-08-31' } }), 'proroga.dataFineProroga', 'PROROGA_NOT_AFTER_CURRENT_END'],
    ['proroga before the end it extends', () => fixtureAssunzione({ tipoEvento: 'PRO', proroga: { dataFineProroga: '2024-06-30' } }), 'proroga.dataFineProroga', 'PROROGA_NOT_AFTER_CURRENT_END'],
    ['proroga of open-ended', () => ({ ...proroga(), inizio: { ...proroga().inizio, tipologiaContrattuale: 'A.01.00', dataFine: undefined } }), 'proroga.dataFineProroga', 'PROROGA_TEMPO_INDETERMINATO'],
    ['cessazione before start', () => ({ ...cessazione(), cessazione: { data: '2024-02-01', causa: 'LI' } }), 'cessazione.data', 'CESSAZIONE_BEFORE_INIZIO'],
    ['causa cessazione unknown', () => ({ ...cessazione(), cessazione: { data: '2024-04-30', causa: 'QQ' } }), 'cessazione.causa', 'CODE_UNKNOWN'],
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
    ['unknown trasformazione', () => trasf('ZZ'), 'trasformazione.codice', 'CODE_UNKNOWN'],
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
    co.datore.settore = '00.00.00';
    co.inizio.tipoOrario = 'M';
    delete co.inizio.oreSettimanaliMedie;
    co.inizio.dataFine = '2020-01-01';
    expect(validateCo(co).map((p) => p.code).sort()).toEqual(
      ['CF_LENGTH', 'CODE_UNKNOWN', 'DATA_FINE_BEFORE_INIZIO', 'ORE_SETTIMANALI_REQUIRED'].sort(),
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
