import type {
  CasoCittadinoDto,
  EsitoCasiCittadinoDto,
  EsitoCasiEnteDto,
  EsitoCasoMisuraDto,
  EsitoEquipeDto,
  EsitoNucleoCasoDto,
  EsitoPadNucleoDto,
  EsitoVersioneDocumento,
  SintesiCasoDto,
} from '../casi-pais/consultazioni.contract';
import type { DatiAnalisiPreliminareDto, DatiCasoDto, DatiPaisDto, DatiQuadroAnalisiDto, EsitoCasoPaisDto, MembroCasoDto, VersioneDocumentoDto } from '../casi-pais/contract';

// Examples of the GePI case e-services' OpenAPI documents: the demo data's case of its first worker
// (scripts/demo-data.js, Maria Rossi: CASO-20250331-52, the household of her ADI application managed by the
// comune A488) as the demo answers show it. Typed as the answers, so an example cannot drift from the
// contract unnoticed.

const CASO = 'CASO-20250331-52';
const DOMANDA = 'ADI-20250331-201';
const A488 = { tipo: 'COMUNE', codice: 'A488', dal: '2024-03-15' };
const [FIGLIO, MARIA, CONIUGE, NEONATA] = ['FTTCRL06M23F205U', 'RSSMRA85C52H501N', 'SMPLSE01E44F205X', 'SNTLIA24R70F205N'];
const SERVIZIO_SOCIALE = { tipo: 'SERVIZIO_SOCIALE', denominazione: 'Servizio sociale professionale' };

export const CASO_ID = { casoId: CASO };
export const VERSIONE_PAIS = { casoId: CASO, numeroVersione: 3 };
export const VERSIONE_ANALISI_PRELIMINARE = { casoId: CASO, numeroVersione: 1 };
export const VERSIONE_QUADRO_ANALISI = { casoId: CASO, numeroVersione: 2 };
export const DOMANDA_ID = { domandaId: DOMANDA };
export const CRITERI_ENTE = { stati: ['PATTO_SOTTOSCRITTO', 'MONITORAGGIO'], dataAperturaDal: '2024-01-01', limite: 20 };
export const CITTADINO = { codiceFiscale: MARIA };

const DATI_CASO: DatiCasoDto = {
  versione: 8,
  domandaId: DOMANDA,
  misura: 'ADI',
  stato: 'MONITORAGGIO',
  dataApertura: '2024-03-15',
  dataAssegnazione: '2024-03-23',
  enteCorrente: A488,
  enti: [A488],
  operatori: [
    { ruolo: 'CASE_MANAGER', dal: '2024-03-23' },
    { ruolo: 'COORDINATORE', dal: '2024-03-15' },
  ],
};

const membro = (codiceFiscale: string, ruolo: string, dal: string, minore: boolean): MembroCasoDto => ({
  codiceFiscale,
  ruolo,
  periodi: [{ dal }],
  attuale: true,
  condizioni: minore ? ['MINORE'] : [],
  inScala: true,
  attivabile: !minore,
  caricoCura: false,
  esonerato: false,
});
const MEMBRI = [membro(FIGLIO, 'FIGLIO', '2024-03-15', true), membro(MARIA, 'RICHIEDENTE', '2024-03-15', false), membro(CONIUGE, 'CONIUGE', '2024-03-15', false), membro(NEONATA, 'FIGLIO', '2024-10-30', true)];

const PAIS_V3: VersioneDocumentoDto<DatiPaisDto> = {
  numeroVersione: 3,
  versioneRecord: 4,
  ente: A488,
  dati: {
    numeroVersione: 3,
    statoDocumento: 'DEFINITIVO',
    dataRedazione: '2024-12-10',
    stato: 'SOTTOSCRITTO',
    semplificato: false,
    dataSottoscrizione: '2024-06-11',
    dataInizio: '2024-06-13',
    dataFine: '2025-06-12',
    obiettivoGenerale: 'Autonomia economica e sociale del nucleo',
    obiettivi: [
      { id: 'OB1', descrizione: 'Inclusione lavorativa' },
      { id: 'OB2', descrizione: 'Benessere dei minori' },
    ],
    risultatiAttesi: [{ obiettivoId: 'OB1', codiceFiscale: MARIA, descrizione: 'Avvio di un percorso di inserimento', scadenza: '2024-12-10' }],
    sostegni: [
      { id: 'S1', tipo: 'SOSTEGNO_ABITATIVO', fornitore: SERVIZIO_SOCIALE, dal: '2024-06-13', beneficiari: [] },
      {
        id: 'S2',
        tipo: 'TIROCINIO_INCLUSIONE',
        fornitore: SERVIZIO_SOCIALE,
        dal: '2024-06-27',
        al: '2024-12-24',
        beneficiari: [MARIA],
        tirocinio: { soggettoOspitante: { codiceFiscale: '01234560157', denominazione: 'AZIENDA OSPITANTE SRL' }, oreSettimanali: 20, indennitaMensileCentesimi: 50000 },
      },
      { id: 'S11', tipo: 'EDUCATIVA_DOMICILIARE', fornitore: SERVIZIO_SOCIALE, dal: '2024-12-10', beneficiari: [NEONATA] },
    ],
    impegni: [
      { id: 'I1', codiceFiscale: MARIA, tipo: 'COLLOQUI_SERVIZIO', dal: '2024-06-13' },
      { id: 'I11', codiceFiscale: NEONATA, tipo: 'CONTROLLI_SANITARI', dal: '2024-12-10' },
    ],
  },
};

const AP_V1: VersioneDocumentoDto<DatiAnalisiPreliminareDto> = {
  numeroVersione: 1,
  versioneRecord: 2,
  ente: A488,
  dati: {
    numeroVersione: 1,
    statoDocumento: 'DEFINITIVO',
    dataRedazione: '2024-04-12',
    dataIncontro: '2024-04-10',
    bisogni: [{ ambito: 'LAVORO', codiceFiscale: MARIA, descrizione: 'Ricerca di un impiego compatibile con la cura dei figli' }, { ambito: 'ABITATIVO' }],
    risorse: ['Rete familiare disponibile'],
    esito: 'QUADRO_ANALISI',
  },
};

const QA_V2: VersioneDocumentoDto<DatiQuadroAnalisiDto> = {
  numeroVersione: 2,
  versioneRecord: 2,
  ente: A488,
  dati: {
    numeroVersione: 2,
    statoDocumento: 'DEFINITIVO',
    dataRedazione: '2024-05-20',
    equipeId: 'EM-20250331-52',
    provvisorio: false,
    dimensioni: [
      { ambito: 'LAVORO', codiceFiscale: MARIA, livello: 'ALTO' },
      { ambito: 'ISTRUZIONE_FORMAZIONE', codiceFiscale: FIGLIO, livello: 'MEDIO', descrizione: 'Frequenza irregolare' },
    ],
  },
};

const EQUIPE: EsitoEquipeDto['equipe'] = [
  {
    id: 'EM-20250331-52',
    versione: 1,
    dataCostituzione: '2024-05-10',
    componenti: [
      { ruolo: 'CASE_MANAGER', organizzazione: SERVIZIO_SOCIALE },
      { ruolo: 'OPERATORE_CPI', organizzazione: { tipo: 'CPI', denominazione: "Centro per l'impiego" } },
    ],
  },
];

const PAD: EsitoPadNucleoDto['pad'] = [
  {
    id: 'PAD-ADI-20250331-201',
    versione: 1,
    dataSottoscrizione: '2024-03-07',
    richiedenteCf: MARIA,
    componenti: [
      { codiceFiscale: MARIA, percorso: 'LAVORATIVO', categorizzazioni: { condizioni: [], attivazione: 'ATTIVABILE' } },
      { codiceFiscale: FIGLIO, percorso: 'SOCIALE', categorizzazioni: { condizioni: ['MINORE'], attivazione: 'NON_ATTIVABILE' } },
      { codiceFiscale: CONIUGE, percorso: 'LAVORATIVO', categorizzazioni: { condizioni: [], attivazione: 'ATTIVABILE' } },
    ],
    cpiComune: 'A488',
  },
];

export const ESITO_CASO: EsitoCasoPaisDto = {
  caso: {
    casoId: CASO,
    caso: DATI_CASO,
    membri: MEMBRI,
    analisiPreliminari: [{ id: 'AP-20250331-52', eliminato: false, versioni: [AP_V1], versioniMancanti: [], versioneCorrente: 1 }],
    quadriAnalisi: [{ id: 'QA-20250331-52', eliminato: false, versioni: [QA_V2], versioniMancanti: [1], versioneCorrente: 2 }],
    pais: [{ id: 'PAIS-20250331-52', eliminato: false, versioni: [PAIS_V3], versioniMancanti: [1, 2], versioneCorrente: 3 }],
    equipe: EQUIPE,
    partecipazioniPuc: [
      {
        id: 'PUCG-20250331-52',
        versione: 1,
        codiceFiscale: MARIA,
        progettoId: 'PUC-PRJ-35',
        comune: 'A488',
        ambito: 'AMBIENTALE',
        dataInizio: '2024-07-11',
        dataFine: '2025-01-07',
        oreSettimanali: 8,
        presenze: [{ mese: '2024-07', oreSvolte: 25 }],
      },
    ],
    pad: PAD,
    documentiConVersioniMancanti: [
      { entita: 'quadro-analisi', id: 'QA-20250331-52', versioniMancanti: [1] },
      { entita: 'pais', id: 'PAIS-20250331-52', versioniMancanti: [1, 2] },
    ],
  },
};

export const ESITO_PAIS: EsitoVersioneDocumento<'paisId', DatiPaisDto> = { casoId: CASO, paisId: 'PAIS-20250331-52', versione: PAIS_V3 };
export const ESITO_ANALISI_PRELIMINARE: EsitoVersioneDocumento<'analisiPreliminareId', DatiAnalisiPreliminareDto> = { casoId: CASO, analisiPreliminareId: 'AP-20250331-52', versione: AP_V1 };
export const ESITO_QUADRO_ANALISI: EsitoVersioneDocumento<'quadroAnalisiId', DatiQuadroAnalisiDto> = { casoId: CASO, quadroAnalisiId: 'QA-20250331-52', versione: QA_V2 };
export const ESITO_EQUIPE: EsitoEquipeDto = { casoId: CASO, equipe: EQUIPE };
export const ESITO_NUCLEO: EsitoNucleoCasoDto = { casoId: CASO, membri: MEMBRI };
export const ESITO_PAD: EsitoPadNucleoDto = { casoId: CASO, pad: PAD };
export const ESITO_CASO_MISURA: EsitoCasoMisuraDto = { casoId: CASO, caso: DATI_CASO };

const SINTESI: SintesiCasoDto = { casoId: CASO, domandaId: DOMANDA, misura: 'ADI', stato: 'MONITORAGGIO', dataApertura: '2024-03-15', enteCorrente: A488 };
export const ESITO_CASI_ENTE: EsitoCasiEnteDto = {
  casi: [SINTESI, { casoId: 'CASO-20250331-17', domandaId: 'ADI-20250331-66', misura: 'ADI', stato: 'PATTO_SOTTOSCRITTO', dataApertura: '2024-02-20', enteCorrente: { ...A488, dal: '2024-02-20' } }],
  pagina: { prossimo: 'WyIyMDI0LTAyLTIwIiwiQ0FTTy0yMDI1MDMzMS0xNyJd.3q2-7w8xS1n0Jk4d2VfY9gLm0PqRsTuV' },
};
const CASO_DI_MARIA: CasoCittadinoDto = { ...SINTESI, ruolo: 'RICHIEDENTE', periodi: [{ dal: '2024-03-15' }], attuale: true };
export const ESITO_CASI_CITTADINO: EsitoCasiCittadinoDto = { versione: 34, casi: [CASO_DI_MARIA], pagina: {} };
