import { applyCittadino, applyCorso, corsoIdPerCodiceEnte, corsoNelCatalogo, emptyCatalogo, emptyCittadino, project } from './index';
import { siislFixtures } from '@fsl/siisl';
import { CF, corso, eliminazione, interesse, iscrizione } from './testing/records';

const CF_ENTE = siislFixtures.ENTE_CF;

const ISCRITTO = { tipo: 'ISCRITTO' as const, data: '2025-03-01' };
const AVVIATO = { tipo: 'AVVIATO' as const, data: '2025-03-05' };

describe('cartella formativa', () => {
  it('an enrolment naming a course not received yet is kept, then linked when the course arrives', () => {
    let s = applyCittadino(emptyCittadino(CF), 'iscrizione', iscrizione('I1', 1, 'C1', [ISCRITTO])).state;
    const cat0 = emptyCatalogo();
    expect(project(s, cat0).iscrizioni).toEqual([expect.objectContaining({ id: 'I1', corsoId: 'C1', collegamento: 'IN_ATTESA', corso: null, stato: 'ISCRITTO' })]);
    const cat1 = applyCorso(cat0, corso('C1', 1, { titolo: 'Saldatura' })).state;
    s = applyCittadino(s, 'manifestazione-interesse', interesse('M1', 1, 'C1', '2025-02-20')).state;
    const c = project(s, cat1);
    expect(c.iscrizioni[0]).toMatchObject({ collegamento: 'COLLEGATO', corso: { id: 'C1', titolo: 'Saldatura', versione: 1 } });
    expect(c.manifestazioniInteresse).toEqual([expect.objectContaining({ id: 'M1', collegamento: 'COLLEGATO', data: '2025-02-20' })]);
  });

  it('the highest version is current; an older one arriving later is stale but does not change it', () => {
    let s = emptyCittadino(CF);
    const r2 = applyCittadino(s, 'iscrizione', iscrizione('I1', 2, 'C1', [ISCRITTO, AVVIATO]));
    expect(r2.decision).toBe('current');
    const r1 = applyCittadino(r2.state, 'iscrizione', iscrizione('I1', 1, 'C1', [ISCRITTO]));
    expect(r1.decision).toBe('stale');
    s = r1.state;
    expect(s.iscrizioni.I1.map((v) => v.versione)).toEqual([1, 2]);
    expect(project(s, emptyCatalogo()).iscrizioni[0]).toMatchObject({ versione: 2, stato: 'AVVIATO' });
  });

  it('a duplicate has no effect; a conflict is reported and keeps one content whatever the order', () => {
    const a = iscrizione('I1', 1, 'C1', [ISCRITTO]);
    const b = iscrizione('I1', 1, 'C2', [ISCRITTO]);
    const s1 = applyCittadino(emptyCittadino(CF), 'iscrizione', a).state;
    const dup = applyCittadino(s1, 'iscrizione', structuredClone(a));
    expect(dup.decision).toBe('duplicate');
    expect(dup.state).toEqual(s1);
    const ab = applyCittadino(s1, 'iscrizione', b);
    const ba = applyCittadino(applyCittadino(emptyCittadino(CF), 'iscrizione', b).state, 'iscrizione', a);
    expect([ab.decision, ba.decision]).toEqual(['conflict', 'conflict']);
    expect(ab.state).toEqual(ba.state);
  });

  it('a deletion voids the record while it is the highest version; a later version revives it', () => {
    const i1 = iscrizione('I1', 1, 'C1', [ISCRITTO]);
    let s = applyCittadino(emptyCittadino(CF), 'iscrizione', i1).state;
    s = applyCittadino(s, 'iscrizione', eliminazione(i1, 2)).state;
    expect(project(s, emptyCatalogo()).iscrizioni).toEqual([]);
    s = applyCittadino(s, 'iscrizione', iscrizione('I1', 3, 'C1', [ISCRITTO, AVVIATO])).state;
    expect(project(s, emptyCatalogo()).iscrizioni).toMatchObject([{ id: 'I1', versione: 3 }]);
  });

  it('a deleted course leaves its enrolments in place, marked ELIMINATO', () => {
    const s = applyCittadino(emptyCittadino(CF), 'iscrizione', iscrizione('I1', 1, 'C1', [ISCRITTO])).state;
    let cat = applyCorso(emptyCatalogo(), corso('C1', 1)).state;
    cat = applyCorso(cat, eliminazione(corso('C1', 1), 2)).state;
    expect(project(s, cat).iscrizioni[0]).toMatchObject({ collegamento: 'ELIMINATO', corso: null });
  });

  it('finds a course id from the provider\'s own code, only among current courses', () => {
    let cat = applyCorso(emptyCatalogo(), corso('C2', 1, { codiceCorsoEnte: 'X-1' })).state;
    cat = applyCorso(cat, corso('C1', 1, { codiceCorsoEnte: 'X-2' })).state;
    const ente = cat.corsi.C2[0].record.operazione === 'AGGIORNAMENTO' ? cat.corsi.C2[0].record.dati.ente.codiceFiscale : '';
    expect(corsoIdPerCodiceEnte(cat, ente, 'X-1')).toBe('C2');
    expect(corsoIdPerCodiceEnte(cat, ente, 'X-3')).toBeUndefined();
    cat = applyCorso(cat, eliminazione(corso('C2', 1), 2)).state;
    expect(corsoIdPerCodiceEnte(cat, ente, 'X-1')).toBeUndefined();
  });

  it('reads one course of the catalogue: its detail while current, its deletion as a course without content', () => {
    expect(corsoNelCatalogo(emptyCatalogo(), 'C1')).toBeUndefined();
    const c1 = corso('C1', 1, { titolo: 'Saldatura', posti: 12, finanziamento: undefined, sede: { comune: 'L219' } });
    let cat = applyCorso(emptyCatalogo(), c1).state;
    cat = applyCorso(cat, corso('C1', 3, { titolo: 'Saldatura TIG', posti: 15, sede: { comune: 'L219', indirizzo: 'Via Po 3' } })).state;
    // Version 2 arrives late: stale, so version 3 stays the one shown.
    cat = applyCorso(cat, corso('C1', 2, { titolo: 'Saldatura MIG' })).state;
    // The fixture's provider, accreditation, dates and skill, as libs/siisl's fixtures write them.
    expect(corsoNelCatalogo(cat, 'C1')).toEqual({
      id: 'C1',
      versione: 3,
      corso: {
        id: 'C1',
        versione: 3,
        titolo: 'Saldatura TIG',
        codiceCorsoEnte: 'AC-2025-01',
        ente: { codiceFiscale: CF_ENTE, denominazione: 'ENTE FORMAZIONE ESEMPIO' },
        accreditamentoEnte: 'Regione Lombardia',
        sedeComune: 'L219',
        indirizzoSede: 'Via Po 3',
        modalita: 'MISTA',
        ore: 120,
        dataInizio: '2025-04-01',
        dataFine: '2025-05-31',
        posti: 15,
        livelloEqf: '3',
        qualificazione: 'Attestato di competenze',
        competenze: [{ escoUri: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000004' }],
        finanziamento: 'GOL',
      },
    });
    cat = applyCorso(cat, eliminazione(c1, 4)).state;
    expect(corsoNelCatalogo(cat, 'C1')).toEqual({ id: 'C1', versione: 4, corso: null });
  });

  it('refuses a record of another citizen (the caller routes by codice fiscale)', () => {
    expect(() => applyCittadino(emptyCittadino('AAAAAA00A00A000A'), 'iscrizione', iscrizione('I1', 1, 'C1', [ISCRITTO]))).toThrow(RangeError);
  });
});
