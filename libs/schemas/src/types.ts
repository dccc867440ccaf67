// Hand-written TypeScript shapes of the Avro schemas (src/types.spec.ts checks them against the
// fixtures). Versioned names stay forever, like the .avsc files; SubjectValues points at the current one.
import type { EventHeader } from './event-header';
import type { GepiSubjectValues } from './gepi-types';
import type { SiislSubjectValues } from './siisl-types';
import type { SiussSubjectValues } from './siuss-types';

export type * from './siisl-types';
export type * from './gepi-types';
export type * from './siuss-types';

export type { SourceSystem, Operation, EventHeader } from './event-header';

/** it.fsl.co.Datore, v1. */
export interface DatoreV1 {
  codiceFiscale: string;
  denominazione: string;
}

/** it.fsl.co.Lavoratore, v1. */
export interface LavoratoreV1 {
  codiceFiscale: string;
  cognome: string;
  nome: string;
}

/** it.fsl.co.Rapporto, v1. Dates are ISO strings (YYYY-MM-DD). */
export interface RapportoV1 {
  dataInizio: string;
  dataFine: string | null;
  tipologiaContrattuale: string;
  tipoOrario: string | null;
}

/** it.fsl.co.Comunicazione, v1 (avro/co.comunicazione/v1.avsc). */
export interface ComunicazioneV1 {
  codiceComunicazione: string;
  codiceComunicazionePrecedente: string | null;
  tipoComunicazione: string;
  modello: string;
  evento: string;
  /** ISO 8601 datetime. */
  dataInvio: string;
  datore: DatoreV1;
  lavoratore: LavoratoreV1;
  rapporto: RapportoV1;
}

/** it.fsl.co.ComunicazioneEvent, v1: the value of subject co.comunicazione. */
export interface ComunicazioneEventV1 {
  header: EventHeader;
  /** null for VOID. */
  payload: ComunicazioneV1 | null;
}

/** Value type of each subject's *current* version — what encode() writes and decode() returns. */
export interface SubjectValues extends SiislSubjectValues, GepiSubjectValues, SiussSubjectValues {
  'co.comunicazione': ComunicazioneEventV1;
  'co.comunicazione-obbligatoria': ComunicazioneObbligatoriaEventV2;
}

export type Subject = keyof SubjectValues;

// ---- co.comunicazione-obbligatoria v1 (avro/co.comunicazione-obbligatoria/v1.avsc): the full CO model of
// libs/co, one message per (CO, worker). Optional model fields are `T | null` here; libs/co's avro-mapping
// converts both ways.

/** it.fsl.co.obbligatoria.DatiInvio, v1. */
export interface CoDatiInvioV1 {
  codiceComunicazione: string;
  codiceComunicazionePrecedente: string | null;
  tipoComunicazione: string;
  dataInvio: string;
  versione: string | null;
  forzaMaggiore: boolean | null;
  codiceFiscaleComunicante: string | null;
}

/** it.fsl.co.obbligatoria.Sede, v1. */
export interface CoSedeV1 {
  comune: string;
  cap: string | null;
  indirizzo: string | null;
}

/** it.fsl.co.obbligatoria.Datore, v1. */
export interface CoDatoreV1 {
  codiceFiscale: string;
  denominazione: string;
  settore: string | null;
  pubblicaAmministrazione: boolean | null;
  sedeLegale: CoSedeV1 | null;
  sedeLavoro: CoSedeV1 | null;
}

/** it.fsl.co.obbligatoria.DatoreRiferimento, v1 (distaccatario, datorePrecedente). */
export interface CoDatoreRiferimentoV1 {
  codiceFiscale: string;
  denominazione: string | null;
}

/** it.fsl.co.obbligatoria.Agenzia, v1. */
export interface CoAgenziaV1 {
  numeroIscrizioneAlbo: string | null;
  estera: boolean | null;
}

/** it.fsl.co.obbligatoria.Lavoratore, v1. */
export interface CoLavoratoreV1 {
  codiceFiscale: string;
  cognome: string;
  nome: string;
  sesso: string | null;
  nascita: { comune: string; data: string } | null;
  cittadinanza: string | null;
  domicilio: CoSedeV1 | null;
}

/** it.fsl.co.obbligatoria.InizioRapporto, v1. */
export interface CoInizioRapportoV1 {
  dataInizio: string;
  dataFine: string | null;
  dataFinePeriodoFormativo: string | null;
  tipologiaContrattuale: string;
  tipoOrario: string;
  oreSettimanaliMedie: number | null;
  qualificaProfessionale: string;
  ccnl: string | null;
  livelloInquadramento: string | null;
  retribuzione: number | null;
  entePrevidenziale: string | null;
}

/** it.fsl.co.obbligatoria.Missione, v1. */
export interface CoMissioneV1 {
  utilizzatore: CoDatoreV1;
  dataInizio: string;
  dataFine: string | null;
  tipoOrario: string;
  oreSettimanaliMedie: number | null;
  qualificaProfessionale: string;
}

/** it.fsl.co.obbligatoria.TrasferimentoDistacco, v1. */
export interface CoTrasferimentoV1 {
  tipo: string;
  data: string;
  sedeLavoro: CoSedeV1;
  sedeLavoroPrecedente: CoSedeV1 | null;
  dataFineDistacco: string | null;
  distaccatario: CoDatoreRiferimentoV1 | null;
  distaccoParziale: boolean | null;
  distaccoAziendaEstera: boolean | null;
}

/** it.fsl.co.obbligatoria.LavoratoreCoinvolto, v1 (VARDATORI). */
export interface CoLavoratoreCoinvoltoV1 {
  codiceFiscale: string;
  cognome: string;
  nome: string;
  dataInizio: string | null;
}

/** it.fsl.co.ComunicazioneObbligatoria, v1: the full CO for one of its workers. */
export interface ComunicazioneObbligatoriaV1 {
  /** The worker this message is for; the Kafka key is its pseudonym. */
  lavoratoreCf: string;
  indiceLavoratore: number;
  numeroLavoratori: number;
  contentHash: string;
  modello: string;
  tipoEvento: string;
  datiInvio: CoDatiInvioV1;
  datore: CoDatoreV1;
  agenzia: CoAgenziaV1 | null;
  lavoratore: CoLavoratoreV1 | null;
  inizio: CoInizioRapportoV1 | null;
  missione: CoMissioneV1 | null;
  proroga: { dataFineProroga: string; dataFineMissione: string | null } | null;
  trasformazione: {
    codice: string;
    data: string;
    tipologiaContrattuale: string | null;
    tipoOrario: string | null;
    oreSettimanaliMedie: number | null;
  } | null;
  trasferimento: CoTrasferimentoV1 | null;
  cessazione: { data: string; causa: string } | null;
  datorePrecedente: CoDatoreRiferimentoV1 | null;
  variazione: { tipo: string; data: string; dataFineRamoAffitto: string | null } | null;
  lavoratori: CoLavoratoreCoinvoltoV1[];
  inizioUrgenza: { dataInizio: string; dataFine: string | null; tipologiaContrattuale: string | null } | null;
  motivoUrgenza: string | null;
  /** Code-list table name → version used by the ingest validation. */
  tabelleCodici: Record<string, string>;
}

/** it.fsl.co.ComunicazioneObbligatoriaEvent, v1: the value of subject co.comunicazione-obbligatoria. */
export interface ComunicazioneObbligatoriaEventV1 {
  header: EventHeader;
  /** Always set (operation UPSERT): corrections are new COs. */
  payload: ComunicazioneObbligatoriaV1 | null;
}

// ---- co.comunicazione-obbligatoria v2 (avro/co.comunicazione-obbligatoria/v2.avsc): v1 plus optional fields
// (null by default, so v1 messages read as v2 with them null): the residence permit, the full anagrafica
// and terms of VARDATORI workers, the full start terms of a UNIURG.

/** it.fsl.co.obbligatoria.PermessoSoggiorno, v2. */
export interface CoPermessoSoggiornoV2 {
  tipoDocumento: string;
  numeroDocumento: string;
  motivo: string | null;
  scadenza: string | null;
  questura: string | null;
}

/** it.fsl.co.obbligatoria.Lavoratore, v2. */
export interface CoLavoratoreV2 extends CoLavoratoreV1 {
  permessoSoggiorno: CoPermessoSoggiornoV2 | null;
}

/** The optional rapporto terms shared by InizioUrgenza and TerminiRapporto, v2. */
export interface CoTerminiV2 {
  dataFinePeriodoFormativo: string | null;
  tipoOrario: string | null;
  oreSettimanaliMedie: number | null;
  qualificaProfessionale: string | null;
  ccnl: string | null;
  livelloInquadramento: string | null;
  retribuzione: number | null;
  entePrevidenziale: string | null;
}

/** it.fsl.co.obbligatoria.TerminiRapporto, v2 (a VARDATORI worker's terms with the new employer). */
export interface CoTerminiRapportoV2 extends CoTerminiV2 {
  tipologiaContrattuale: string | null;
  dataFine: string | null;
}

/** it.fsl.co.obbligatoria.LavoratoreCoinvolto, v2. */
export interface CoLavoratoreCoinvoltoV2 extends CoLavoratoreCoinvoltoV1 {
  sesso: string | null;
  nascita: { comune: string; data: string } | null;
  cittadinanza: string | null;
  domicilio: CoSedeV1 | null;
  permessoSoggiorno: CoPermessoSoggiornoV2 | null;
  termini: CoTerminiRapportoV2 | null;
}

/** it.fsl.co.obbligatoria.InizioUrgenza, v2. */
export interface CoInizioUrgenzaV2 extends CoTerminiV2 {
  dataInizio: string;
  dataFine: string | null;
  tipologiaContrattuale: string | null;
}

/** it.fsl.co.ComunicazioneObbligatoria, v2. */
export interface ComunicazioneObbligatoriaV2 extends Omit<ComunicazioneObbligatoriaV1, 'lavoratore' | 'lavoratori' | 'inizioUrgenza'> {
  lavoratore: CoLavoratoreV2 | null;
  lavoratori: CoLavoratoreCoinvoltoV2[];
  inizioUrgenza: CoInizioUrgenzaV2 | null;
}

/** it.fsl.co.ComunicazioneObbligatoriaEvent, v2: the value of subject co.comunicazione-obbligatoria. */
export interface ComunicazioneObbligatoriaEventV2 {
  header: EventHeader;
  payload: ComunicazioneObbligatoriaV2 | null;
}
