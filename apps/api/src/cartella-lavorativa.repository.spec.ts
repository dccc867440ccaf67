// The published contract is mapped field by field from the projection: the UNISOMM user company always,
// the residence permit only when the purpose is granted it.
import { coFixtures as F } from '@fsl/co';
import { applyBatch, emptyState, project } from '@fsl/cartella-lavorativa';
import { toCartellaDto } from './cartella-lavorativa.repository';

const permesso = { tipoDocumento: '1', numeroDocumento: 'AB1234567', motivo: 'CSST1', scadenza: '2026-05-31', questura: '058' };

describe('toCartellaDto', () => {
  const hire = F.fixtureUnisomm();
  hire.lavoratore = { ...hire.lavoratore, cittadinanza: '201', permessoSoggiorno: permesso };
  const cartella = project(applyBatch(emptyState(F.FIXTURE_WORKER_CF), [hire]).state, '2024-04-01');

  it('maps the residence permit only when granted', () => {
    expect(toCartellaDto('X', 1, cartella, { permessoSoggiorno: true }).permessoSoggiorno).toEqual(permesso);
    expect(toCartellaDto('X', 1, cartella, { permessoSoggiorno: false })).not.toHaveProperty('permessoSoggiorno');
    expect(toCartellaDto('X', 1, cartella)).not.toHaveProperty('permessoSoggiorno');
    expect(JSON.stringify(toCartellaDto('X', 1, cartella))).not.toContain('AB1234567');
  });

  it('names the user company of a UNISOMM mission', () => {
    expect(toCartellaDto('X', 1, cartella).rapporti[0].missione).toEqual({
      utilizzatore: { codiceFiscale: F.FIXTURE_EMPLOYER_CF, denominazione: 'ESEMPIO SRL' },
      dal: '2024-03-01',
      al: '2024-05-31',
    });
  });
});
