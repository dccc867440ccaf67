// Internal model of a Comunicazione Obbligatoria (see libs/co/README.md). Code fields are plain strings on
// purpose: code lists change over time (retired codes must stay readable in old COs), so they are checked
// against versioned lookup tables (code-lists.ts), never frozen into TypeScript unions or Avro enums.
// Only the envelope vocabularies that our own logic branches on are unions.

/** YYYY-MM-DD */
export type IsoDate = string;
/** ISO 8601 date-time with offset or Z */
export type IsoDateTime = string;

export const MODELLI = ['UNILAV', 'UNISOMM', 'VARDATORI', 'UNIURG'] as const;
export type Modello = (typeof MODELLI)[number];

/** Ministerial TU code. 05 exists but its meaning is unverified, so it is parsed and then rejected. */
export const TIPI_COMUNICAZIONE = ['01', '02', '03', '04', '05', '06', '07', '08', '09'] as const;
export type TipoComunicazione = (typeof TIPI_COMUNICAZIONE)[number];
export const TU_RETTIFICA = '03';
export const TU_ANNULLAMENTO = '04';
/** Definitive UNILAV that completes an earlier UNIURG (ordinary, telematic, fax, tourism sector). */
export const TU_DOPO_URGENZA: readonly TipoComunicazione[] = ['02', '07', '08', '09'];

/** Events carried by UNILAV and UNISOMM (COMONL internal codes). */
export const EVENTI_RAPPORTO = ['ASS', 'PRO', 'TRS', 'TRD', 'CES'] as const;
export type EventoRapporto = (typeof EVENTI_RAPPORTO)[number];
export type TipoEvento = EventoRapporto | 'VAR' | 'URG';

export interface DatiInvio {
  /** 16 characters; the first two are the ministerial region code of the sending node. */
  codiceComunicazione: string;
  /** The CO being rectified / annulled, the UNIURG being completed, or an earlier CO of the rapporto. */
  codiceComunicazionePrecedente?: string;
  tipoComunicazione: TipoComunicazione;
  dataInvio: IsoDateTime;
  /** Tracciato version, e.g. CO190701R1. */
  versione?: string;
  forzaMaggiore?: boolean;
  codiceFiscaleComunicante?: string;
}

export interface Sede {
  /** Belfiore code. */
  comune: string;
  cap?: string;
  indirizzo?: string;
}

export interface Datore {
  /** 11 digits, or 16 characters for sole traders and professionals. */
  codiceFiscale: string;
  denominazione: string;
  /** ATECO, dotted 6 digits. */
  settore?: string;
  pubblicaAmministrazione?: boolean;
  sedeLegale?: Sede;
  sedeLavoro?: Sede;
}

/** Extra data of a temp-work agency (UNISOMM's datore). */
export interface Agenzia {
  numeroIscrizioneAlbo?: string;
  estera?: boolean;
}

/**
 * Residence permit of a non-EU worker. Sensitive: it travels to the projection but the api shows it only
 * to purposes granted it.
 */
export interface PermessoSoggiorno {
  /** 1 permesso, 2 carta di soggiorno, 3 in rinnovo, 4 in attesa di permesso, 5 carta permanente, 6 altro provvedimento, 7 permesso UE per soggiornanti di lungo periodo. */
  tipoDocumento: string;
  numeroDocumento: string;
  /** Ministerial code of the reason, e.g. CSST1. */
  motivo?: string;
  scadenza?: IsoDate;
  /** 3-digit code of the issuing questura. */
  questura?: string;
}

/** Anagrafica of a worker beyond the identifying fields: what UNILAV, UNISOMM, UNIURG and (optionally) VARDATORI carry. */
export interface AnagraficaLavoratore {
  sesso?: 'M' | 'F';
  nascita?: { comune: string; data: IsoDate };
  /** 3-digit ministerial code, 000 = Italian. */
  cittadinanza?: string;
  domicilio?: Sede;
  permessoSoggiorno?: PermessoSoggiorno;
}

export interface Lavoratore extends AnagraficaLavoratore {
  /** 16 characters, or 11 digits for a provisional code. */
  codiceFiscale: string;
  cognome: string;
  nome: string;
}

/** Terms of a rapporto that a UNIURG or a VARDATORI may carry, all optional (a UNILAV's inizio requires some). */
export interface TerminiRapporto {
  dataFinePeriodoFormativo?: IsoDate;
  tipoOrario?: string;
  oreSettimanaliMedie?: number;
  qualificaProfessionale?: string;
  ccnl?: string;
  livelloInquadramento?: string;
  /** Integer euro. */
  retribuzione?: number;
  entePrevidenziale?: string;
}

export interface InizioRapporto {
  dataInizio: IsoDate;
  /** Present for fixed-term contracts. */
  dataFine?: IsoDate;
  /** Apprenticeships. */
  dataFinePeriodoFormativo?: IsoDate;
  tipologiaContrattuale: string;
  tipoOrario: string;
  /** Mandatory unless tipoOrario is F or N. */
  oreSettimanaliMedie?: number;
  /** CP2011 unità professionale plus a 6th digit. */
  qualificaProfessionale: string;
  ccnl?: string;
  livelloInquadramento?: string;
  /** Integer euro. */
  retribuzione?: number;
  entePrevidenziale?: string;
}

export interface Proroga {
  dataFineProroga: IsoDate;
  /** UNISOMM: the mission may be extended with the rapporto. */
  dataFineMissione?: IsoDate;
}

export interface Trasformazione {
  codice: string;
  data: IsoDate;
  /** The contract / orario in force after the transformation (repeated by the sender). */
  tipologiaContrattuale?: string;
  tipoOrario?: string;
  oreSettimanaliMedie?: number;
}

export interface TrasferimentoDistacco {
  /** TL trasferimento, DL distacco. */
  tipo: 'TL' | 'DL';
  data: IsoDate;
  sedeLavoro: Sede;
  sedeLavoroPrecedente?: Sede;
  dataFineDistacco?: IsoDate;
  distaccatario?: { codiceFiscale: string; denominazione?: string };
  distaccoParziale?: boolean;
  distaccoAziendaEstera?: boolean;
}

export interface Cessazione {
  data: IsoDate;
  /** 2 characters. */
  causa: string;
}

/** UNISOMM: the mission at the user company. */
export interface Missione {
  utilizzatore: Datore;
  dataInizio: IsoDate;
  dataFine?: IsoDate;
  tipoOrario: string;
  oreSettimanaliMedie?: number;
  qualificaProfessionale: string;
}

interface CoBase {
  datiInvio: DatiInvio;
}

export interface Unilav extends CoBase {
  modello: 'UNILAV';
  tipoEvento: EventoRapporto;
  datore: Datore;
  lavoratore: Lavoratore;
  /** Repeated by every UNILAV event: it identifies the rapporto (datore + lavoratore + dataInizio). */
  inizio: InizioRapporto;
  proroga?: Proroga;
  trasformazione?: Trasformazione;
  trasferimento?: TrasferimentoDistacco;
  cessazione?: Cessazione;
}

export interface Unisomm extends CoBase {
  modello: 'UNISOMM';
  tipoEvento: EventoRapporto;
  /** The agency: the legal employer. */
  datore: Datore;
  agenzia?: Agenzia;
  lavoratore: Lavoratore;
  /** The rapporto with the agency. */
  inizio: InizioRapporto;
  missione?: Missione;
  proroga?: Proroga;
  trasformazione?: Trasformazione;
  trasferimento?: TrasferimentoDistacco;
  cessazione?: Cessazione;
}

/** Our own vocabulary (the ministerial one is not public) [I]. */
export const TIPI_VARIAZIONE = ['RAGIONE_SOCIALE', 'TRASFERIMENTO_AZIENDA', 'TRASFERIMENTO_RAMO', 'AFFITTO_RAMO', 'FUSIONE'] as const;
export type TipoVariazione = (typeof TIPI_VARIAZIONE)[number];

export interface LavoratoreCoinvolto extends AnagraficaLavoratore {
  codiceFiscale: string;
  cognome: string;
  nome: string;
  /** Start of the rapporto being moved; absent = every rapporto open with the previous employer. */
  dataInizio?: IsoDate;
  /** The rapporto's terms with the new employer, when sent (they replace the current ones). */
  termini?: TerminiRapporto & { tipologiaContrattuale?: string; dataFine?: IsoDate };
}

export interface Vardatori extends CoBase {
  modello: 'VARDATORI';
  tipoEvento: 'VAR';
  /** The new employer. */
  datore: Datore;
  datorePrecedente: { codiceFiscale: string; denominazione?: string };
  variazione: { tipo: TipoVariazione; data: IsoDate; dataFineRamoAffitto?: IsoDate };
  lavoratori: LavoratoreCoinvolto[];
}

export interface InizioUrgenza extends TerminiRapporto {
  dataInizio: IsoDate;
  dataFine?: IsoDate;
  tipologiaContrattuale?: string;
}

export interface Uniurg extends CoBase {
  modello: 'UNIURG';
  tipoEvento: 'URG';
  datore: Datore;
  lavoratore: Lavoratore;
  inizio: InizioUrgenza;
  motivoUrgenza?: string;
}

export type Co = Unilav | Unisomm | Vardatori | Uniurg;
/** The models that carry a full rapporto (sections inizio / proroga / …). */
export type CoRapporto = Unilav | Unisomm;

export function isCoRapporto(co: Co): co is CoRapporto {
  return co.modello === 'UNILAV' || co.modello === 'UNISOMM';
}

export function isCorrection(co: Co): boolean {
  const tu = co.datiInvio.tipoComunicazione;
  return tu === TU_RETTIFICA || tu === TU_ANNULLAMENTO;
}

/** Every worker CF a CO concerns (VARDATORI lists several). Used to route a CO to per-worker state. */
export function workerCfs(co: Co): string[] {
  return co.modello === 'VARDATORI' ? co.lavoratori.map((l) => l.codiceFiscale) : [co.lavoratore.codiceFiscale];
}
