// A PUC participation reported by SIISL and by GePI (same project, same period) appears once, naming both.
import { gepiFixtures as G } from '@fsl/gepi';
import { siislFixtures as S, type Puc } from '@fsl/siisl';
import { applySociale, emptyCittadino, project, unificaPuc, type PucGepiVista } from '../index';

type Upd<R> = Extract<R, { operazione: 'AGGIORNAMENTO' }>;

// Both fixtures describe project PUC-F205-0042 from 2024-05-06 to 2024-11-29.
const siislPuc = (change: Partial<Upd<Puc>['dati']> = {}, id = 'PUC-ASS-0001') => {
  const p = S.valid('puc') as Upd<Puc>;
  return project(applySociale(emptyCittadino(S.CITTADINO_CF), 'puc', { ...p, id, dati: { ...p.dati, ...change } }).state).puc;
};
const gepiPuc = (change: Partial<PucGepiVista> = {}): PucGepiVista => {
  const r = G.valid('partecipazione-puc') as Extract<ReturnType<typeof G.valid<'partecipazione-puc'>>, { operazione: 'AGGIORNAMENTO' }>;
  return { id: r.id, versione: r.versione, codiceFiscale: r.codiceFiscale, casoId: r.casoId, ...r.dati, ...change };
};

describe('unificaPuc', () => {
  it('merges the same project and period into one participation naming both sources', () => {
    expect(unificaPuc(siislPuc(), [gepiPuc()])).toEqual([
      {
        progettoId: 'PUC-F205-0042',
        dataInizio: '2024-05-06',
        dataFine: '2024-11-29',
        titoloProgetto: 'Cura del verde pubblico',
        comune: 'F205',
        ambito: 'AMBIENTALE',
        oreSettimanali: 8,
        // GePI's attendance (32 + 28 hours) rather than SIISL's running figure.
        oreSvolte: 60,
        fonti: [
          { fonte: 'SIISL', id: 'PUC-ASS-0001', versione: 1 },
          { fonte: 'GEPI', id: 'GEPI-PUC-0001', versione: 1, casoId: 'GEPI-CASO-0001' },
        ],
      },
    ]);
  });

  it('keeps participations apart when the period differs, or the project', () => {
    const got = unificaPuc(siislPuc({ dataFine: '2024-12-31' }), [gepiPuc(), gepiPuc({ id: 'GEPI-PUC-0002', progettoId: 'PUC-F205-0099', dataInizio: '2024-05-06' })]);
    expect(got.map((p) => [p.progettoId, p.dataFine, p.fonti.map((f) => f.fonte)])).toEqual([
      ['PUC-F205-0042', '2024-11-29', ['GEPI']],
      ['PUC-F205-0042', '2024-12-31', ['SIISL']],
      ['PUC-F205-0099', '2024-11-29', ['GEPI']],
    ]);
  });

  it('an open end matches only an open end; SIISL fills what GePI lacks', () => {
    const got = unificaPuc(siislPuc({ dataFine: undefined }), [gepiPuc({ dataFine: undefined, presenze: [], titoloProgetto: undefined })]);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ titoloProgetto: 'Cura del verde pubblico', oreSvolte: 160, fonti: [{ fonte: 'SIISL' }, { fonte: 'GEPI' }] });
    expect(got[0].dataFine).toBeUndefined();
    expect(unificaPuc(siislPuc({ dataFine: undefined }), [gepiPuc()])).toHaveLength(2);
  });

  it('does not depend on the order of its inputs', () => {
    const s = [...siislPuc(), ...siislPuc({}, 'PUC-ASS-0002')];
    const g = [gepiPuc(), gepiPuc({ id: 'GEPI-PUC-0003', dataInizio: '2025-01-07', dataFine: undefined })];
    const once = unificaPuc(s, g);
    expect(unificaPuc([...s].reverse(), [...g].reverse())).toEqual(once);
    expect(once.map((p) => p.fonti.map((f) => f.id))).toEqual([['PUC-ASS-0001', 'PUC-ASS-0002', 'GEPI-PUC-0001'], ['GEPI-PUC-0003']]);
  });
});
