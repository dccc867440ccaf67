import type { CartellaLavorativaDto } from '../cartella-lavorativa.contract';
import type { CasoPaisDto, EsitoCasoPaisDto, RichiestaCasoPaisDto } from '../casi-pais/contract';
import type { EsitoVersioneCurriculumDto, RichiestaVersioneCurriculumDto } from '../curricula/contract';
import type {
  CartellaFormativaDto,
  CartellaSocialeDto,
  EsitoCartellaFormativaDto,
  EsitoCartellaLavorativaDto,
  EsitoCartellaSocialeDto,
  FascicoloDto,
  RichiestaFascicoloDto,
} from '../fascicolo/contract';
import { RAPPORTI_ESEMPIO } from '../rapporti-lavoro/esempi';
import type { RegistroAccessiDto, RichiestaRegistroAccessiDto } from '../registro-accessi/contract';
import type { EsempiOperazione } from './openapi';

// The examples of the e-services that read the fascicolo, its cartelle, a CV version, a PaIS case and the
// access log: the demo's first worker, Maria Rossi (scripts/demo-data.js and the README's answers, shortened
// to one item per list), so every document tells the same story.

const CF = 'RSSMRA85C52H501N';
const VERSIONE = 34;
const AZIENDA_1 = { codiceFiscale: '09382630672', denominazione: 'AZIENDA 1 SRL' };
const CURRICULUM = {
  id: 'CV-201',
  versione: 2,
  aggiornatoIl: '2024-06-08T10:00:00Z',
  esperienze: [{ datore: AZIENDA_1, dataInizio: '2024-05-29', qualificaCp2011: '5.2.2.1.0.0', settoreAteco: '88.10.00', fonte: 'CO' }],
  istruzione: [{ titolo: 'Laurea triennale', livelloIsced: '5' }],
  lingue: [{ lingua: 'it', livelloCefr: 'C2', madrelingua: true }],
  competenze: [{ escoUri: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000013', tipo: 'SKILL' }],
  disponibilita: { comuni: [], orario: 'INDIFFERENTE', distanzaMassimaKm: 10 },
};

const LAVORATIVA: CartellaLavorativaDto = {
  codiceFiscale: CF,
  versione: VERSIONE,
  calcolataAl: '2025-06-30',
  rapporti: RAPPORTI_ESEMPIO,
  periodi: [{ dal: '2024-05-29' }],
  siisl: {
    curriculum: CURRICULUM,
    versioniCurriculum: [
      { id: 'CV-201', versione: 1, aggiornatoIl: '2024-02-09T10:00:00Z', eliminata: false },
      { id: 'CV-201', versione: 2, aggiornatoIl: '2024-06-08T10:00:00Z', eliminata: false },
    ],
    proposteLavoro: [
      {
        id: 'PROP-201',
        versione: 2,
        offertaId: 'OFF-20250331-1',
        collegamento: 'COLLEGATO',
        offerta: {
          id: 'OFF-20250331-1',
          versione: 2,
          datore: AZIENDA_1,
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
  },
};

const SERVIZIO_SOCIALE = { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale professionale' };
/** Her PUC as GePI reports it: in her cartella sociale and in her case. */
const PUC_35 = { progettoId: 'PUC-PRJ-35', comune: 'A488', ambito: 'AMBIENTALE', dataInizio: '2024-07-11', dataFine: '2025-01-07', oreSettimanali: 8 };
const A488 = { tipo: 'COMUNE', codice: 'A488', dal: '2024-03-15' };

const CASO_DEL_CITTADINO: CasoPaisDto = {
  identificativo: 'CASO-20250331-52',
  enteGestore: 'A488',
  tipoEnteGestore: 'COMUNE',
  stato: 'MONITORAGGIO',
  dataApertura: '2024-03-15',
  domandaId: 'ADI-20250331-201',
  misura: 'ADI',
  ruolo: 'RICHIEDENTE',
  periodi: [{ dal: '2024-03-15' }],
  attuale: true,
  pais: { id: 'PAIS-20250331-52', numeroVersione: 3, stato: 'SOTTOSCRITTO' },
  sostegni: [
    {
      paisId: 'PAIS-20250331-52',
      id: 'S2',
      tipo: 'TIROCINIO_INCLUSIONE',
      fornitore: SERVIZIO_SOCIALE,
      dal: '2024-06-27',
      al: '2024-12-24',
      tirocinio: { soggettoOspitante: { codiceFiscale: '01234560157', denominazione: 'AZIENDA OSPITANTE SRL' }, oreSettimanali: 20, indennitaMensileCentesimi: 50000 },
      perNucleo: false,
    },
  ],
  impegni: [{ paisId: 'PAIS-20250331-52', id: 'I1', tipo: 'COLLOQUI_SERVIZIO', dal: '2024-06-13' }],
  documentiConVersioniMancanti: [],
};

// A benefit granted by a municipality (SIUSS WaaS, through apps/ingest-enti-locali).
const PRESTAZIONE_COMUNE = {
  codicePrestazione: 'A1.05',
  nomePrestazione: 'Contributi economici per alloggio',
  denominazionePrestazione: 'Contributo affitto',
  carattere: 'PERIODICA' as const,
  ente: { codice: 'H501', denominazione: 'Roma Capitale' },
  protocolloDomanda: 'PROT-2025-000412',
  dataInizio: '2025-01-01',
  dataFine: '2025-12-31',
  importoMensileCentesimi: 25000,
  quote: { enteCentesimi: 25000, utenteCentesimi: 0, ssnCentesimi: 0 },
  sogliaIseeCentesimi: 1500000,
  idFlusso: 'H501.PS.20250110.0000412',
};

/** The ADI measure of the demo's worker #0, as the cartella sociale and the measures e-service show it. */
export const MISURA_ADI = {
  id: 'ADI-20250331-201',
  versione: 2,
  misura: 'ADI',
  stato: 'ACCOLTA',
  ruolo: 'RICHIEDENTE',
  percorso: 'CENTRO_IMPIEGO',
  componentiNucleo: 3,
  dataDecorrenza: '2024-04-01',
  dataFine: '2025-09-30',
  dataSottoscrizionePad: '2024-03-07',
  importiMensili: [{ mese: '2024-04', importoCentesimi: 31400 }],
  totaleCentesimi: 31400,
};

const SOCIALE: CartellaSocialeDto = {
  casiPais: [CASO_DEL_CITTADINO],
  prestazioniSociali: [PRESTAZIONE_COMUNE],
  misureInclusione: [MISURA_ADI],
  partecipazioniPuc: [
    {
      ...PUC_35,
      oreSvolte: 100,
      fonti: [{ fonte: 'GEPI', id: 'PUCG-20250331-52', versione: 1, casoId: 'CASO-20250331-52' }],
    },
  ],
};

const CORSO = {
  id: 'CORSO-20250331-6',
  versione: 1,
  titolo: 'Sicurezza nei luoghi di lavoro',
  codiceCorsoEnte: 'CEN-6',
  ente: { codiceFiscale: '43334420916', denominazione: 'CENTRO GAMMA' },
  sedeComune: 'D643',
  modalita: 'PRESENZA',
  ore: 300,
  dataInizio: '2024-02-13',
  dataFine: '2024-03-10',
  livelloEqf: '3',
};

const FORMATIVA: CartellaFormativaDto = {
  iscrizioni: [
    {
      id: 'ISCR-201',
      versione: 4,
      corsoId: CORSO.id,
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
  manifestazioniInteresse: [{ id: 'MAN-201', versione: 1, corsoId: CORSO.id, collegamento: 'COLLEGATO', corso: CORSO, data: '2024-01-14' }],
};

const RICHIESTA: RichiestaFascicoloDto = { codiceFiscale: CF };

export const ESEMPI_FASCICOLO: EsempiOperazione<RichiestaFascicoloDto, FascicoloDto> = {
  richiesta: RICHIESTA,
  esito: { versione: VERSIONE, cartellaLavorativa: LAVORATIVA, cartellaSociale: SOCIALE, cartellaFormativa: FORMATIVA },
};
export const ESEMPI_CARTELLA_LAVORATIVA: EsempiOperazione<RichiestaFascicoloDto, EsitoCartellaLavorativaDto> = { richiesta: RICHIESTA, esito: { versione: VERSIONE, cartellaLavorativa: LAVORATIVA } };
export const ESEMPI_CARTELLA_SOCIALE: EsempiOperazione<RichiestaFascicoloDto, EsitoCartellaSocialeDto> = { richiesta: RICHIESTA, esito: { versione: VERSIONE, cartellaSociale: SOCIALE } };
export const ESEMPI_CARTELLA_FORMATIVA: EsempiOperazione<RichiestaFascicoloDto, EsitoCartellaFormativaDto> = { richiesta: RICHIESTA, esito: { versione: VERSIONE, cartellaFormativa: FORMATIVA } };
/** The deprecated GET carries the codice fiscale in its path: an answer only. */
export const ESEMPI_CARTELLA_LAVORATIVA_GET: EsempiOperazione<never, EsitoCartellaLavorativaDto> = { esito: ESEMPI_CARTELLA_LAVORATIVA.esito };

export const ESEMPI_VERSIONE_CURRICULUM: EsempiOperazione<RichiestaVersioneCurriculumDto, EsitoVersioneCurriculumDto> = {
  richiesta: { codiceFiscale: CF, curriculumId: 'CV-201', versione: 1 },
  esito: {
    versione: VERSIONE,
    curriculum: { ...CURRICULUM, versione: 1, aggiornatoIl: '2024-02-09T10:00:00Z', esperienze: [] },
  },
};

export const ESEMPI_REGISTRO_ACCESSI: EsempiOperazione<RichiestaRegistroAccessiDto, RegistroAccessiDto> = {
  richiesta: { codiceFiscale: CF, limit: 50 },
  esito: {
    accessi: [
      {
        dataOra: '2025-06-30T08:15:02.117Z',
        fruitore: { denominazione: 'INPS (demo)', clientId: '6f1c0de0-0000-4000-8000-00000000c002', organizzazione: '6f1c0de0-0000-4000-8000-00000000e002' },
        finalita: '6f1c0de0-0000-4000-8000-00000000f002',
        eservice: 'CONSULTAZIONE_Cartella lavorativa-FSL',
      },
    ],
  },
};
