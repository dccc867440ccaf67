// The format's own vocabularies: values our logic branches on, so an unknown value is a rejection (unlike
// the classification codes of supports, commitments and ambiti, checked against tables in codes.ts).
// GePI's internal names are not public: the Italian names are ours; libs/gepi/README.md lists each inference.

/** Every GePI entity, as used in Avro subjects (`gepi.<entita>`) and in ingest URLs. */
export const ENTITA = [
  'caso',
  'nucleo-caso',
  'analisi-preliminare',
  'quadro-analisi',
  'equipe-multidisciplinare',
  'pais',
  'partecipazione-puc',
  'pad-nucleo',
] as const;
export type Entita = (typeof ENTITA)[number];

/** Documents keep every version addressable by its own number (`dati.numeroVersione`). */
export const ENTITA_DOCUMENTO = ['analisi-preliminare', 'quadro-analisi', 'pais'] as const satisfies readonly Entita[];
export type EntitaDocumento = (typeof ENTITA_DOCUMENTO)[number];
export const isDocumento = (e: Entita): e is EntitaDocumento => (ENTITA_DOCUMENTO as readonly Entita[]).includes(e);

export const OPERAZIONI = ['AGGIORNAMENTO', 'ELIMINAZIONE'] as const;
export type Operazione = (typeof OPERAZIONI)[number];

/** ADI today; RdC for the cases opened before 2024 and still on the platform. */
export const MISURE_CASO = ['ADI', 'RDC'] as const;

export const STATI_CASO = [
  'DA_ASSEGNARE',
  'ASSEGNATO',
  'CONVOCATO',
  'AP_IN_CORSO',
  'AP_CONCLUSA',
  'QA_IN_CORSO',
  'PATTO_SOTTOSCRITTO',
  'MONITORAGGIO',
  'CHIUSO',
  'ESONERATO',
  'DECADUTO',
] as const;
export type StatoCaso = (typeof STATI_CASO)[number];
/** States that end the case: they need `dataChiusura` (and CHIUSO its reason). */
export const STATI_FINALI: readonly StatoCaso[] = ['CHIUSO', 'ESONERATO', 'DECADUTO'];

export const MOTIVI_CHIUSURA = ['OBIETTIVI_RAGGIUNTI', 'FINE_MISURA', 'DECADENZA', 'RINUNCIA', 'TRASFERIMENTO_FUORI_PIATTAFORMA', 'ALTRO'] as const;

/** The manager of a case: a municipality (Belfiore code) or an ambito territoriale sociale (ATS code). */
export const TIPI_ENTE = ['COMUNE', 'ATS'] as const;
export type TipoEnte = (typeof TIPI_ENTE)[number];

/** GePI user roles that are assigned to a case (the ATS administrator accredits users, it holds no case). */
export const RUOLI_OPERATORE = ['COORDINATORE', 'CASE_MANAGER', 'RESPONSABILE_CONTROLLI_ANAGRAFICI', 'RESPONSABILE_PUC'] as const;

/** Relationship to the applicant, as in the household of the measure. */
export const RUOLI_NUCLEO = ['RICHIEDENTE', 'CONIUGE', 'FIGLIO', 'GENITORE', 'FRATELLO_SORELLA', 'ALTRO_PARENTE', 'ALTRO'] as const;
export const MOTIVI_INGRESSO = ['COMPOSIZIONE_INIZIALE', 'NASCITA', 'ADOZIONE_AFFIDO', 'RICONGIUNGIMENTO', 'ALTRO'] as const;
export const MOTIVI_USCITA = ['TRASFERIMENTO_RESIDENZA', 'NUOVO_NUCLEO', 'DECESSO', 'RICOVERO_STRUTTURA', 'ALTRO'] as const;

/** Eligibility conditions of a member (the measure needs at least one in the household). */
export const CONDIZIONI = ['MINORE', 'DISABILE', 'OVER_60', 'SVANTAGGIO'] as const;
/** Certified svantaggio categories (the sub-category of SVANTAGGIO). */
export const CATEGORIE_SVANTAGGIO = [
  'DISTURBI_MENTALI',
  'DISABILITA_46',
  'DIPENDENZE',
  'VITTIMA_TRATTA',
  'VITTIMA_VIOLENZA_GENERE',
  'EX_DETENUTO',
  'FRAGILITA_ABITATIVA',
  'SENZA_DIMORA',
  'CARE_LEAVER',
] as const;
export const STATI_ATTIVAZIONE = ['ATTIVABILE', 'NON_ATTIVABILE', 'ESONERATO', 'CARICHI_DI_CURA'] as const;
/** Where the PAD routed a member. */
export const PERCORSI_PAD = ['SOCIALE', 'LAVORATIVO', 'ESONERATO'] as const;

export const STATI_DOCUMENTO = ['BOZZA', 'DEFINITIVO'] as const;
/** Outcome of the analisi preliminare, what routes the case next. */
export const ESITI_AP = ['PAIS_SEMPLIFICATO', 'QUADRO_ANALISI', 'SERVIZI_SPECIALISTICI', 'INVIO_CPI'] as const;
export const AMBITI_BISOGNO = ['ECONOMICO', 'ABITATIVO', 'LAVORO', 'SALUTE', 'ISTRUZIONE_FORMAZIONE', 'RELAZIONI_FAMILIARI', 'CURA', 'INCLUSIONE_SOCIALE'] as const;
export const LIVELLI_BISOGNO = ['BASSO', 'MEDIO', 'ALTO'] as const;

export const RUOLI_EQUIPE = ['CASE_MANAGER', 'ASSISTENTE_SOCIALE', 'OPERATORE_CPI', 'OPERATORE_SANITARIO', 'OPERATORE_SCOLASTICO', 'OPERATORE_TERZO_SETTORE', 'ALTRO'] as const;
export const TIPI_ORGANIZZAZIONE = ['SERVIZIO_SOCIALE', 'CPI', 'ASL', 'SCUOLA', 'ENTE_FORMAZIONE', 'TERZO_SETTORE', 'ALTRO'] as const;

export const STATI_PAIS = ['BOZZA', 'SOTTOSCRITTO', 'CONCLUSO'] as const;
export type StatoPais = (typeof STATI_PAIS)[number];

export const AMBITI_PUC = ['CULTURALE', 'SOCIALE', 'ARTISTICO', 'AMBIENTALE', 'FORMATIVO', 'TUTELA_BENI_COMUNI'] as const;
