// The SIISL section of the cartella lavorativa as published, from a state folded with the lib's own
// apply functions on libs/siisl's fixtures; expected answers written out by hand, compared as JSON.
import { applyOfferta, applySiisl, curriculumAllaVersione, emptyCatalogoOfferte, emptySezioneSiisl, projectSiisl } from '@fsl/cartella-lavorativa';
import { siislFixtures as F, type Curriculum } from '@fsl/siisl';
import { toCurriculumDto, toSezioneSiislDto } from './cartella-lavorativa.siisl';

const wire = (x: unknown) => JSON.parse(JSON.stringify(x));
const v1 = F.valid('curriculum') as Extract<Curriculum, { operazione: 'AGGIORNAMENTO' }>;
const v2: Curriculum = { ...v1, versione: 2, aggiornatoIl: '2025-04-01T10:00:00+02:00', dati: { esperienze: [], istruzione: [], lingue: [{ lingua: 'fr', livelloCefr: 'A2' }], competenze: [{ descrizione: 'Pasticceria' }] } };

let state = emptySezioneSiisl(F.CITTADINO_CF);
state = applySiisl(state, 'curriculum', v2).state;
state = applySiisl(state, 'curriculum', v1).state;
state = applySiisl(state, 'proposta-lavoro', F.valid('proposta-lavoro')).state;

describe('cartella lavorativa, SIISL section, published', () => {
  it('the current CV, every version received, and each proposal with its offer', () => {
    const catalogo = applyOfferta(emptyCatalogoOfferte(), F.valid('offerta-lavoro')).state;
    expect(wire(toSezioneSiislDto(projectSiisl(state, catalogo)))).toStrictEqual({
      curriculum: {
        id: 'CV-0001',
        versione: 2,
        aggiornatoIl: '2025-04-01T10:00:00+02:00',
        esperienze: [],
        istruzione: [],
        lingue: [{ lingua: 'fr', livelloCefr: 'A2' }],
        competenze: [{ descrizione: 'Pasticceria' }],
      },
      versioniCurriculum: [
        { id: 'CV-0001', versione: 1, aggiornatoIl: '2025-03-10T09:30:00+01:00', eliminata: false },
        { id: 'CV-0001', versione: 2, aggiornatoIl: '2025-04-01T10:00:00+02:00', eliminata: false },
      ],
      proposteLavoro: [
        {
          id: 'PROP-0001',
          versione: 1,
          offertaId: 'OFF-0001',
          collegamento: 'COLLEGATO',
          offerta: {
            id: 'OFF-0001',
            versione: 1,
            datore: { codiceFiscale: F.DATORE_CF, denominazione: 'ESEMPIO SRL' },
            qualificaCp2011: '5.2.2.1.0.0',
            settoreAteco: '56.10.11',
            sedeComune: 'F205',
            tipologiaContrattuale: 'A.02.00',
            dataPubblicazione: '2025-02-01',
            dataChiusura: '2025-04-30',
            stato: 'PUBBLICATA',
          },
          stato: 'RIFIUTATA',
          dataProposta: '2025-02-10',
          dataScadenza: '2025-02-24',
          dataEsito: '2025-02-12',
          motivoRifiuto: 'Distanza dalla sede',
          rifiutoGiustificato: true,
        },
      ],
    });
  });

  it('a proposal whose offer has not arrived: IN_ATTESA, offer null', () => {
    const dto = toSezioneSiislDto(projectSiisl(state, emptyCatalogoOfferte()));
    expect(dto.proposteLavoro).toEqual([expect.objectContaining({ id: 'PROP-0001', offertaId: 'OFF-0001', collegamento: 'IN_ATTESA', offerta: null })]);
  });

  it('an earlier CV version as it was, every field', () => {
    expect(wire(toCurriculumDto(curriculumAllaVersione(state, 'CV-0001', 1)!))).toStrictEqual({
      id: 'CV-0001',
      versione: 1,
      aggiornatoIl: '2025-03-10T09:30:00+01:00',
      esperienze: [
        {
          datore: { codiceFiscale: F.DATORE_CF, denominazione: 'ESEMPIO SRL' },
          dataInizio: '2019-02-01',
          dataFine: '2021-06-30',
          qualificaCp2011: '5.2.2.1.0.0',
          settoreAteco: '56.10.11',
          mansioni: 'Preparazione dei pasti',
          fonte: 'CO',
        },
        { dataInizio: '2022-01-10', qualificaCp2011: '5.1.2.2.0', fonte: 'DICHIARATA' },
      ],
      istruzione: [{ titolo: 'Diploma di istituto alberghiero', livelloIsced: '3', livelloEqf: '4', annoConseguimento: 2010 }],
      lingue: [
        { lingua: 'it', livelloCefr: 'C2', madrelingua: true },
        { lingua: 'en', livelloCefr: 'B1' },
      ],
      competenze: [{ escoUri: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000004', tipo: 'SKILL' }, { descrizione: 'HACCP' }],
      disponibilita: { comuni: ['F205', 'B157'], orario: 'TEMPO_PIENO', distanzaMassimaKm: 40, trasferte: false },
    });
  });
});
