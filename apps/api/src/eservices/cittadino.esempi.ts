import type { EsitoOffertaFormativaDto } from '../cittadino/contract';
import type { EsitoFetta } from '../cittadino/fette.service';
import { MISURA_ADI } from './esempi';

// Examples of the citizen-slice and course-catalogue e-services' OpenAPI documents: the demo data's first
// worker (scripts/demo-data.js, Maria Rossi) as the demo answers show her. Typed as the answers, so an example
// cannot drift from the contract unnoticed.

export const CITTADINO = { codiceFiscale: 'RSSMRA85C52H501N' };
const VERSIONE = 34;
const CASO = 'CASO-20250331-52';
const PAIS = 'PAIS-20250331-52';
export const CORSO_ID = 'CORSO-20250331-6';
export const ENTE_CF = '43334420916';
export const CODICE_CORSO_ENTE = 'CEN-6';

export const PARTECIPAZIONI_PUC: EsitoFetta<'partecipazioni-puc'> = {
  versione: VERSIONE,
  partecipazioniPuc: [
    {
      progettoId: 'PUC-PRJ-37',
      titoloProgetto: 'Accompagnamento anziani',
      comune: 'F205',
      dataInizio: '2024-05-01',
      dataFine: '2024-10-28',
      oreSettimanali: 12,
      fonti: [{ fonte: 'SIISL', id: 'PUC-201', versione: 1 }],
    },
    {
      progettoId: 'PUC-PRJ-35',
      comune: 'A488',
      ambito: 'AMBIENTALE',
      dataInizio: '2024-07-11',
      dataFine: '2025-01-07',
      oreSettimanali: 8,
      oreSvolte: 100,
      fonti: [{ fonte: 'GEPI', id: 'PUCG-20250331-52', versione: 1, casoId: CASO }],
    },
  ],
};

export const IMPEGNI_PAIS: EsitoFetta<'impegni-pais'> = {
  versione: VERSIONE,
  impegni: [
    { casoId: CASO, paisId: PAIS, id: 'I1', tipo: 'COLLOQUI_SERVIZIO', descrizione: 'Colloquio mensile con il case manager', dal: '2024-06-13' },
    { casoId: CASO, paisId: PAIS, id: 'I2', tipo: 'RICERCA_ATTIVA_LAVORO', dal: '2024-06-13' },
  ],
};

const SERVIZIO_SOCIALE = { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale professionale' };
export const SOSTEGNI_PAIS: EsitoFetta<'sostegni-pais'> = {
  versione: VERSIONE,
  sostegni: [
    { casoId: CASO, paisId: PAIS, id: 'S1', tipo: 'SOSTEGNO_ABITATIVO', fornitore: SERVIZIO_SOCIALE, dal: '2024-06-13', perNucleo: true },
    {
      casoId: CASO,
      paisId: PAIS,
      id: 'S2',
      tipo: 'TIROCINIO_INCLUSIONE',
      fornitore: SERVIZIO_SOCIALE,
      dal: '2024-06-27',
      al: '2024-12-24',
      tirocinio: { soggettoOspitante: { codiceFiscale: '01234560157', denominazione: 'AZIENDA OSPITANTE SRL' }, oreSettimanali: 20, indennitaMensileCentesimi: 50000 },
      perNucleo: false,
    },
    { casoId: CASO, paisId: PAIS, id: 'S3', tipo: 'SUPPORTO_RICERCA_LAVORO', fornitore: { tipo: 'CPI', denominazione: "Centro per l'impiego" }, dal: '2024-12-10', perNucleo: false },
  ],
};

export const MISURE_INCLUSIONE: EsitoFetta<'misure-inclusione'> = {
  versione: VERSIONE,
  misureInclusione: [
    {
      ...MISURA_ADI,
      importiMensili: [
        { mese: '2024-04', importoCentesimi: 31400 },
        { mese: '2024-05', importoCentesimi: 31400, importoAffittoCentesimi: 15000 },
      ],
      totaleCentesimi: 77800,
    },
  ],
};

const CORSO = {
  id: CORSO_ID,
  versione: 1,
  titolo: 'Sicurezza nei luoghi di lavoro',
  codiceCorsoEnte: CODICE_CORSO_ENTE,
  ente: { codiceFiscale: ENTE_CF, denominazione: 'CENTRO GAMMA' },
  sedeComune: 'D643',
  modalita: 'PRESENZA',
  ore: 300,
  dataInizio: '2024-02-13',
  dataFine: '2024-03-10',
  livelloEqf: '3',
};

export const ISCRIZIONI_CORSI: EsitoFetta<'iscrizioni-corsi'> = {
  versione: VERSIONE,
  iscrizioni: [
    {
      id: 'ISCR-201',
      versione: 4,
      corsoId: CORSO_ID,
      collegamento: 'COLLEGATO',
      corso: CORSO,
      stato: 'CERTIFICATO',
      eventi: [
        { tipo: 'ISCRITTO', data: '2024-02-05' },
        { tipo: 'AVVIATO', data: '2024-02-13' },
        { tipo: 'CONCLUSO', data: '2024-03-10' },
        { tipo: 'CERTIFICATO', data: '2024-03-24' },
      ],
    },
  ],
};

export const MANIFESTAZIONI_INTERESSE: EsitoFetta<'manifestazioni-interesse'> = {
  versione: VERSIONE,
  manifestazioniInteresse: [{ id: 'MAN-201', versione: 1, corsoId: CORSO_ID, collegamento: 'COLLEGATO', corso: CORSO, data: '2024-01-14' }],
};

export const CURRICULUM: EsitoFetta<'curriculum'> = {
  versione: VERSIONE,
  curriculum: {
    id: 'CV-201',
    versione: 2,
    aggiornatoIl: '2024-06-08T10:00:00Z',
    esperienze: [
      { datore: { codiceFiscale: '09382630672', denominazione: 'AZIENDA 1 SRL' }, dataInizio: '2024-05-29', qualificaCp2011: '5.2.2.1.0.0', settoreAteco: '88.10.00', fonte: 'CO' },
    ],
    istruzione: [{ titolo: 'Laurea triennale', livelloIsced: '5' }],
    lingue: [{ lingua: 'it', livelloCefr: 'C2', madrelingua: true }],
    competenze: [{ escoUri: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000013', tipo: 'SKILL' }],
    disponibilita: { comuni: [], orario: 'INDIFFERENTE', distanzaMassimaKm: 10 },
  },
  versioniCurriculum: [
    { id: 'CV-201', versione: 1, aggiornatoIl: '2024-02-09T10:00:00Z', eliminata: false },
    { id: 'CV-201', versione: 2, aggiornatoIl: '2024-06-08T10:00:00Z', eliminata: false },
  ],
};

export const OFFERTE_LAVORO: EsitoFetta<'offerte-lavoro'> = {
  versione: VERSIONE,
  proposteLavoro: [
    {
      id: 'PROP-201',
      versione: 2,
      offertaId: 'OFF-20250331-1',
      collegamento: 'COLLEGATO',
      offerta: {
        id: 'OFF-20250331-1',
        versione: 2,
        datore: { codiceFiscale: '09382630672', denominazione: 'AZIENDA 1 SRL' },
        qualificaCp2011: '5.2.2.1.0.0',
        settoreAteco: '88.10.00',
        sedeComune: 'H703',
        tipologiaContrattuale: 'A.03.02',
        dataPubblicazione: '2024-05-17',
        dataChiusura: '2024-07-16',
        stato: 'CHIUSA',
      },
      stato: 'ACCETTATA',
      dataProposta: '2024-05-20',
      dataEsito: '2024-05-22',
    },
  ],
};

export const OFFERTA_FORMATIVA: EsitoOffertaFormativaDto = {
  corsoId: CORSO_ID,
  versione: 1,
  eliminato: false,
  corso: { ...CORSO, accreditamentoEnte: 'Regione Campania', indirizzoSede: 'Via Roma 1', posti: 20, competenze: [{ escoUri: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000013' }] },
};
