// The fields the CO format used to drop, from the CO to the projection: the residence permit (latest one
// in force), a UNIURG's start terms, a VARDATORI's terms with the new employer, the UNISOMM user company.
import { coFixtures as F, type PermessoSoggiorno, type Unilav } from '@fsl/co';
import { applyBatch, emptyState, project } from './index';
import { reviewState } from './review';

const W = F.FIXTURE_WORKER_CF;
const TODAY = '2024-07-01';
let seq = 0;
const code = (): string => `22${String(++seq).padStart(14, '0')}`;
const envelope = (dataInvio: string, over: Partial<Unilav['datiInvio']> = {}) => ({ codiceComunicazione: code(), tipoComunicazione: '01' as const, dataInvio, ...over });
const permit = (numeroDocumento: string, scadenza: string): PermessoSoggiorno => ({ tipoDocumento: '1', numeroDocumento, motivo: 'CSST1', scadenza, questura: '058' });

function hire(dataInvio: string, permesso?: PermessoSoggiorno): Unilav {
  const co = F.fixtureAssunzione({ datiInvio: envelope(dataInvio) });
  if (permesso) co.lavoratore = { ...co.lavoratore, cittadinanza: '201', permessoSoggiorno: permesso };
  return co;
}

describe('residence permit in the projection', () => {
  it('is the one of the most recent CO that states one', () => {
    const first = hire('2024-02-28T10:00:00+01:00', permit('OLD1', '2024-12-31'));
    const later = { ...hire('2024-04-02T10:00:00+02:00', permit('NEW2', '2026-05-31')), inizio: { ...first.inizio, dataInizio: '2024-04-03' } };
    const silent = { ...hire('2024-05-02T10:00:00+02:00'), inizio: { ...first.inizio, dataInizio: '2024-05-03' } };
    // arrival order does not matter
    for (const order of [[first, later, silent], [silent, later, first]]) {
      const c = project(applyBatch(emptyState(W), order).state, TODAY);
      expect(c.permessoSoggiorno).toEqual(permit('NEW2', '2026-05-31'));
    }
  });

  it('an annulled CO does not state a permit any more; none at all leaves it absent', () => {
    const a = hire('2024-02-28T10:00:00+01:00', permit('AB1', '2025-01-31'));
    const annul = { ...structuredClone(a), datiInvio: envelope('2024-02-29T10:00:00+01:00', { tipoComunicazione: '04', codiceComunicazionePrecedente: a.datiInvio.codiceComunicazione }) };
    expect(project(applyBatch(emptyState(W), [a]).state, TODAY).permessoSoggiorno).toEqual(permit('AB1', '2025-01-31'));
    expect(project(applyBatch(emptyState(W), [a, annul]).state, TODAY)).not.toHaveProperty('permessoSoggiorno');
    expect(project(applyBatch(emptyState(W), [hire('2024-02-28T10:00:00+01:00')]).state, TODAY)).not.toHaveProperty('permessoSoggiorno');
  });

  it('a rettifica correcting the permit replaces it', () => {
    const a = hire('2024-02-28T10:00:00+01:00', permit('TYPO', '2025-01-31'));
    const fix = { ...structuredClone(a), datiInvio: envelope('2024-02-29T10:00:00+01:00', { tipoComunicazione: '03', codiceComunicazionePrecedente: a.datiInvio.codiceComunicazione }) };
    fix.lavoratore.permessoSoggiorno = permit('RIGHT', '2025-01-31');
    expect(project(applyBatch(emptyState(W), [a, fix]).state, TODAY).permessoSoggiorno?.numeroDocumento).toBe('RIGHT');
    // a correction of the permit alone changes the dossier's effect (its version moves)
    expect(reviewState(applyBatch(emptyState(W), [a, fix]).state).effect).not.toBe(reviewState(applyBatch(emptyState(W), [a]).state).effect);
  });
});

describe('terms the projection used to miss', () => {
  it('a UNIURG alone shows its orario, hours and qualifica', () => {
    const urg = F.fixtureUniurg({ datiInvio: envelope('2024-03-01T07:00:00+01:00') });
    urg.inizio = { ...urg.inizio, tipoOrario: 'P', oreSettimanaliMedie: 24, qualificaProfessionale: '5.2.2.3.1.0', dataFinePeriodoFormativo: undefined };
    const [r] = project(applyBatch(emptyState(W), [urg]).state, TODAY).rapporti;
    expect(r.provvisorio).toBe(true);
    expect(r.attuale).toMatchObject({ tipologiaContrattuale: 'A.02.00', tipoOrario: 'P', oreSettimanaliMedie: 24, qualificaProfessionale: '5.2.2.3.1.0', dataFine: '2024-08-31' });
  });

  it('a VARDATORI with terms for the worker changes them with the employer', () => {
    const a = hire('2024-02-28T10:00:00+01:00');
    const vd = F.fixtureVardatori({ datiInvio: envelope('2024-06-03T09:00:00+02:00') });
    vd.lavoratori[0].termini = { tipologiaContrattuale: 'A.01.00', tipoOrario: 'F', qualificaProfessionale: '4.1.1.1.0.0' };
    const [r] = project(applyBatch(emptyState(W), [a, vd]).state, TODAY).rapporti;
    expect(r.attuale.datore.codiceFiscale).toBe(F.FIXTURE_EMPLOYER2_CF);
    expect(r.attuale).toMatchObject({ tipologiaContrattuale: 'A.01.00', tipoOrario: 'F', qualificaProfessionale: '4.1.1.1.0.0' });
    expect(r.attuale).not.toHaveProperty('oreSettimanaliMedie');
    // without terms the VARDATORI keeps them
    const [same] = project(applyBatch(emptyState(W), [a, F.fixtureVardatori({ datiInvio: envelope('2024-06-03T09:00:00+02:00') })]).state, TODAY).rapporti;
    expect(same.attuale).toMatchObject({ tipologiaContrattuale: 'A.02.00', tipoOrario: 'P', oreSettimanaliMedie: 20 });
  });

  it('a UNISOMM rapporto names the user company', () => {
    const s = F.fixtureUnisomm({ datiInvio: envelope('2024-02-28T10:00:00+01:00') });
    const [r] = project(applyBatch(emptyState(W), [s]).state, TODAY).rapporti;
    expect(r.attuale.missione).toEqual({ utilizzatoreCf: F.FIXTURE_EMPLOYER_CF, utilizzatoreDenominazione: 'ESEMPIO SRL', dal: '2024-03-01', al: '2024-05-31' });
  });
});
