import { AppError } from '@fsl/http';
import { parseCfParam, parseRichiestaFascicolo, parseRichiestaRegistro, parseRichiestaVersioneCurriculum } from './requests';
import { parseRichiestaIdentificativoOffertaFormativa, parseRichiestaOffertaFormativa } from './requests';
import { parseRichiestaCasiCittadino, parseRichiestaCasiEnte, parseRichiestaVersioneDocumento } from './requests';

const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('no error');
};

describe('e-service request bodies', () => {
  it('accept a codice fiscale as written, normalised', () => {
    expect(parseRichiestaFascicolo({ codiceFiscale: ' rssmra85c52h501n ' })).toEqual({ codiceFiscale: 'RSSMRA85C52H501N' });
    expect(parseRichiestaRegistro({ codiceFiscale: 'RSSMRA85C52H501N', limit: 10, cursor: 'c' })).toMatchObject({ limit: 10, cursor: 'c' });
  });

  it('refuse unknown members, bad types and bad codes with 400, naming fields and never values', () => {
    const bad = 'RSSMRA85C52H501X';
    const err = problemOf(() => parseRichiestaFascicolo({ codiceFiscale: bad, filtro: 'x' }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.options.errors?.map((e) => e.path)).toEqual(['filtro']);
    expect(JSON.stringify(err.options)).not.toContain(bad);
    const badCf = problemOf(() => parseRichiestaFascicolo({ codiceFiscale: bad }));
    expect(badCf.options.errors).toEqual([expect.objectContaining({ path: 'codiceFiscale', code: expect.stringMatching(/^CF_/) })]);
    expect(JSON.stringify(badCf.options)).not.toContain(bad);
    expect(problemOf(() => parseRichiestaRegistro({ codiceFiscale: 'RSSMRA85C52H501N', limit: 1000 })).options.errors?.[0]?.path).toBe('limit');
    expect(problemOf(() => parseRichiestaFascicolo(undefined)).code).toBe('BAD_REQUEST');
    expect(problemOf(() => parseCfParam('123')).code).toBe('BAD_REQUEST');
  });

  it('a CV version: the SIISL id alphabet and a positive integer version, each field named', () => {
    expect(parseRichiestaVersioneCurriculum({ codiceFiscale: 'rssmra85c52h501n', curriculumId: 'CV-0001', versione: 3 })).toEqual({ codiceFiscale: 'RSSMRA85C52H501N', curriculumId: 'CV-0001', versione: 3 });
    const err = problemOf(() => parseRichiestaVersioneCurriculum({ codiceFiscale: 'RSSMRA85C52H501N', curriculumId: 'CV 1/..', versione: 1.5 }));
    expect(err.options.errors?.map((e) => e.path).sort()).toEqual(['curriculumId', 'versione']);
    expect(problemOf(() => parseRichiestaVersioneCurriculum({ codiceFiscale: 'RSSMRA85C52H501N', curriculumId: 'CV-1' })).options.errors?.map((e) => e.path)).toEqual(['versione']);
  });

  it('a version of a case document: the case, the number, and the document under the e-service’s own name', () => {
    expect(parseRichiestaVersioneDocumento({ casoId: 'CASO-1', numeroVersione: 2 }, 'paisId')).toEqual({ casoId: 'CASO-1', numeroVersione: 2 });
    expect(parseRichiestaVersioneDocumento({ casoId: 'CASO-1', numeroVersione: 2, paisId: 'PAIS-1' }, 'paisId')).toEqual({ casoId: 'CASO-1', numeroVersione: 2, documentoId: 'PAIS-1' });
    // Another document's name is an unknown member here.
    expect(problemOf(() => parseRichiestaVersioneDocumento({ casoId: 'CASO-1', numeroVersione: 2, paisId: 'PAIS-1' }, 'quadroAnalisiId')).options.errors?.map((e) => e.path)).toEqual(['paisId']);
    expect(problemOf(() => parseRichiestaVersioneDocumento({ casoId: 'CASO 1', numeroVersione: 10000 }, 'paisId')).options.errors?.map((e) => e.path).sort()).toEqual(['casoId', 'numeroVersione']);
  });

  it('the searches of cases: criteria, cursor and limit, each bad one named', () => {
    expect(parseRichiestaCasiEnte({ stati: ['MONITORAGGIO'], dataAperturaDal: '2024-01-01', dataAperturaAl: '2024-01-01', limite: 100 })).toEqual({ stati: ['MONITORAGGIO'], dataAperturaDal: '2024-01-01', dataAperturaAl: '2024-01-01', limite: 100 });
    expect(problemOf(() => parseRichiestaCasiEnte({ stati: [], limite: 0, cursore: '' })).options.errors?.map((e) => e.path).sort()).toEqual(['cursore', 'limite', 'stati']);
    expect(problemOf(() => parseRichiestaCasiEnte({ dataAperturaDal: '2024-02-01', dataAperturaAl: '2024-01-31' })).options.errors?.map((e) => e.path)).toEqual(['dataAperturaAl']);
    expect(parseRichiestaCasiCittadino({ codiceFiscale: 'rssmra85c52h501n', limite: 5 })).toEqual({ codiceFiscale: 'RSSMRA85C52H501N', limite: 5 });
    expect(problemOf(() => parseRichiestaCasiCittadino({ codiceFiscale: 'RSSMRA85C52H501N', stati: ['CHIUSO'] })).options.errors?.map((e) => e.path)).toEqual(['stati']);
  });
});

describe('course catalogue request bodies', () => {
  it('a course by SIISL id: the id alphabet only, no other member', () => {
    expect(parseRichiestaOffertaFormativa({ corsoId: 'CORSO-0001' })).toEqual({ corsoId: 'CORSO-0001' });
    expect(problemOf(() => parseRichiestaOffertaFormativa({ corsoId: '../CORSO' })).options.errors?.map((e) => e.path)).toEqual(['corsoId']);
    expect(problemOf(() => parseRichiestaOffertaFormativa({ corsoId: 'C1', codiceFiscale: 'RSSMRA85C52H501N' })).options.errors?.map((e) => e.path)).toEqual(['codiceFiscale']);
  });

  it("a course by the provider's data: its codice fiscale normalised, its own code trimmed, each bad field named", () => {
    expect(parseRichiestaIdentificativoOffertaFormativa({ codiceFiscaleEnte: ' 43334420916 ', codiceCorsoEnte: ' CEN-6 ' })).toEqual({ codiceFiscaleEnte: '43334420916', codiceCorsoEnte: 'CEN-6' });
    const badCf = problemOf(() => parseRichiestaIdentificativoOffertaFormativa({ codiceFiscaleEnte: '43334420917', codiceCorsoEnte: 'CEN-6' }));
    expect(badCf.options.errors).toEqual([expect.objectContaining({ path: 'codiceFiscaleEnte', code: expect.stringMatching(/^CF_/) })]);
    expect(JSON.stringify(badCf.options)).not.toContain('43334420917');
    expect(problemOf(() => parseRichiestaIdentificativoOffertaFormativa({ codiceFiscaleEnte: '43334420916', codiceCorsoEnte: '   ' })).options.errors?.map((e) => e.path)).toEqual(['codiceCorsoEnte']);
    expect(problemOf(() => parseRichiestaIdentificativoOffertaFormativa({ codiceCorsoEnte: 'x'.repeat(65) })).options.errors?.map((e) => e.path).sort()).toEqual(['codiceCorsoEnte', 'codiceFiscaleEnte']);
  });
});
