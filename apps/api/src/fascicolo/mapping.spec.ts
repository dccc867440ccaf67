// The cartelle formativa and sociale as published, from states folded with the libs' own apply functions
// on libs/siisl's fixtures. Expected answers are written out by hand from the fixtures, compared as they
// travel (JSON), so an absent optional field must really be absent.
import { applyCittadino, applyCorso, emptyCatalogo, emptyCittadino as emptyFormazione, project as projectFormativa } from '@fsl/cartella-formativa';
import { applySociale, emptyCittadino as emptySociale, project as projectSociale } from '@fsl/cartella-sociale';
import { siislFixtures as F, type Iscrizione, type MisuraInclusione } from '@fsl/siisl';
import { toCartellaFormativaDto, toMisureInclusioneDto, toPartecipazioniPucDto } from './mapping';

const wire = (x: unknown) => JSON.parse(JSON.stringify(x));

const CORSO = {
  id: 'CORSO-0001',
  versione: 1,
  titolo: 'Addetto alla cucina',
  codiceCorsoEnte: 'AC-2025-01',
  ente: { codiceFiscale: F.ENTE_CF, denominazione: 'ENTE FORMAZIONE ESEMPIO' },
  sedeComune: 'F205',
  modalita: 'MISTA',
  ore: 120,
  dataInizio: '2025-04-01',
  dataFine: '2025-05-31',
  livelloEqf: '3',
  qualificazione: 'Attestato di competenze',
};

describe('cartella formativa, published', () => {
  const waiting: Iscrizione = {
    operazione: 'AGGIORNAMENTO',
    id: 'ISCR-0002',
    versione: 1,
    aggiornatoIl: '2025-03-10T09:30:00+01:00',
    codiceFiscale: F.CITTADINO_CF,
    dati: { corsoId: 'CORSO-0099', eventi: [{ tipo: 'ISCRITTO', data: '2025-03-02' }, { tipo: 'RITIRATO', data: '2025-03-04', motivo: 'Trasferimento' }] },
  };
  let state = emptyFormazione(F.CITTADINO_CF);
  state = applyCittadino(state, 'iscrizione', F.valid('iscrizione')).state;
  state = applyCittadino(state, 'iscrizione', waiting).state;
  state = applyCittadino(state, 'manifestazione-interesse', F.valid('manifestazione-interesse')).state;
  const catalogo = applyCorso(emptyCatalogo(), F.valid('corso')).state;

  it('enrolments with their course (or null while it has not arrived), their state and history; interests', () => {
    expect(wire(toCartellaFormativaDto(projectFormativa(state, catalogo)))).toStrictEqual({
      iscrizioni: [
        {
          id: 'ISCR-0001',
          versione: 1,
          corsoId: 'CORSO-0001',
          collegamento: 'COLLEGATO',
          corso: CORSO,
          stato: 'AVVIATO',
          eventi: [
            { tipo: 'ISCRITTO', data: '2025-03-01' },
            { tipo: 'AVVIATO', data: '2025-03-05' },
          ],
        },
        {
          id: 'ISCR-0002',
          versione: 1,
          corsoId: 'CORSO-0099',
          collegamento: 'IN_ATTESA',
          corso: null,
          stato: 'RITIRATO',
          eventi: [
            { tipo: 'ISCRITTO', data: '2025-03-02' },
            { tipo: 'RITIRATO', data: '2025-03-04', motivo: 'Trasferimento' },
          ],
        },
      ],
      manifestazioniInteresse: [{ id: 'MAN-0001', versione: 1, corsoId: 'CORSO-0001', collegamento: 'COLLEGATO', corso: CORSO, data: '2025-02-20' }],
    });
  });

  it('a deleted course: the enrolment stays, ELIMINATO, without the course', () => {
    const deleted = applyCorso(catalogo, F.deletion('corso', 2)).state;
    const dto = toCartellaFormativaDto(projectFormativa(state, deleted));
    expect(dto.iscrizioni[0]).toMatchObject({ id: 'ISCR-0001', collegamento: 'ELIMINATO', corso: null, stato: 'AVVIATO' });
    expect(dto.manifestazioniInteresse[0]).toMatchObject({ id: 'MAN-0001', collegamento: 'ELIMINATO', corso: null });
  });

  it('never passes on a field the contract does not name', () => {
    const cartella = projectFormativa(state, catalogo);
    const widened = { ...cartella, iscrizioni: cartella.iscrizioni.map((i) => ({ ...i, interno: 'x', corso: i.corso && { ...i.corso, posti: 20 } })) };
    expect(JSON.stringify(toCartellaFormativaDto(widened))).not.toMatch(/interno|posti/);
  });
});

describe('cartella sociale (SIISL part), published', () => {
  const suspended = F.valid('misura-inclusione') as Extract<MisuraInclusione, { operazione: 'AGGIORNAMENTO' }>;
  const v2: MisuraInclusione = { ...suspended, versione: 2, aggiornatoIl: '2025-03-20T10:00:00+01:00', dati: { ...suspended.dati, stato: 'SOSPESA' } };
  const of = (cf: string) => {
    let s = emptySociale(cf);
    s = applySociale(s, 'misura-inclusione', v2).state;
    // the earlier version arriving late does not change the current one
    s = applySociale(s, 'misura-inclusione', F.valid('misura-inclusione')).state;
    if (cf === F.CITTADINO_CF) s = applySociale(s, 'puc', F.valid('puc')).state;
    return projectSociale(s);
  };
  const IMPORTI = [
    { mese: '2024-02', importoCentesimi: 50000, importoAffittoCentesimi: 28000 },
    { mese: '2024-03', importoCentesimi: 50000 },
  ];

  it('the applicant: the measure as RICHIEDENTE, routed to the employment centre, with the PAD date and amounts', () => {
    expect(wire(toMisureInclusioneDto(of(F.CITTADINO_CF)))).toStrictEqual([
      {
        id: 'ADI-2024-000123',
        versione: 2,
        misura: 'ADI',
        stato: 'SOSPESA',
        ruolo: 'RICHIEDENTE',
        percorso: 'CENTRO_IMPIEGO',
        componentiNucleo: 2,
        dataDecorrenza: '2024-02-01',
        dataFine: '2025-07-31',
        dataSottoscrizionePad: '2024-01-15',
        importiMensili: IMPORTI,
        totaleCentesimi: 128000,
      },
    ]);
  });

  it('a household member: the same measure as COMPONENTE, with their own route', () => {
    expect(wire(toMisureInclusioneDto(of(F.FAMILIARE_CF)))).toStrictEqual([
      expect.objectContaining({ id: 'ADI-2024-000123', ruolo: 'COMPONENTE', percorso: 'SERVIZI_SOCIALI', componentiNucleo: 2, totaleCentesimi: 128000 }),
    ]);
    expect(toPartecipazioniPucDto(of(F.FAMILIARE_CF).puc, [])).toEqual([]);
  });

  it('PUC participations, naming their SIISL record', () => {
    expect(wire(toPartecipazioniPucDto(of(F.CITTADINO_CF).puc, []))).toStrictEqual([
      {
        progettoId: 'PUC-F205-0042',
        titoloProgetto: 'Cura del verde pubblico',
        comune: 'F205',
        dataInizio: '2024-05-06',
        dataFine: '2024-11-29',
        oreSettimanali: 8,
        oreSvolte: 160,
        fonti: [{ fonte: 'SIISL', id: 'PUC-ASS-0001', versione: 1 }],
      },
    ]);
  });
});
