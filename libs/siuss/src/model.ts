// The internal model of a decoded flow: every attribute and element of the XSD that the flow may carry,
// under the XSD's name in lower camel case, values as checked (strings as written; dates AAAA-MM-GG; decimal
// amounts as the decimal strings the ente wrote, never floats; integers as numbers). An optional attribute
// the ente left out is absent. Nothing of the flow is dropped: the Avro mapping carries every field.
import type { TipoFlusso } from './entry';

export type IsoDate = string;
/** xs:decimal as written (white space collapsed), e.g. "101.23", "0.0", "+5", ".5". */
export type Decimale = string;

/** The entry's metadata and the flow's IdentificazioneFlusso. */
export interface Intestazione {
  /** The Belfiore code of the ente that published the flow (entry `codice_ente`). */
  codiceEnte: string;
  denominazioneEnte?: string;
  idFlusso: string;
  tipo: TipoFlusso;
  /** `ts_flusso` as the ente wrote it (a date-time string, or milliseconds as a decimal string). */
  tsFlusso: string;
  tsFlussoMillis: number;
  /** IdentificazioneFlusso/@Nome. */
  nomeFlusso: string;
  ente: { codice: string; denominazione?: string; indirizzo: string; cfOperatore: string };
}

export interface Anagrafica {
  cognome: string;
  nome: string;
  /** Only the year of birth travels. */
  annoNascita: string;
  luogoNascita: string;
  /** 1 maschio, 2 femmina. */
  genere: string;
  codiceCittadinanza: string;
  codiceSecondaCittadinanza?: string;
}

export interface Indirizzo {
  codiceRegione?: string;
  codiceComune?: string;
  codiceNazione: string;
}

/** The SINA block: the non-self-sufficiency assessment of the beneficiary. */
export interface Sina {
  mobilita: string;
  attivitaVitaQuotidiana: string;
  disturbiAreaCognitiva?: string;
  disturbiComportamentali: string;
  necessitaCureSanitarie?: string;
  areaReddituale: string;
  areaSupporto: string;
  fonteDerivazioneValutazione: string;
  strumentoValutazione: string;
  fonteDerivazioneInvalidita?: string;
  /** NecessitaInterventiSociali/CodicePrestazione; absent element = undefined, never an empty list. */
  necessitaInterventiSociali?: string[];
  /** InvaliditaCivile/InvCiv. */
  invaliditaCivile?: string[];
}

/** PrestazioniSociali: one benefit. */
export interface DatiPrestazione {
  /** As written; absent means I (the XSD's default, per the specification). */
  tipoOperazione?: 'I' | 'C';
  presenzaProvaMezzi: string;
  /** 1 periodic, 2 one-off. Optional in the XSD, required by the specification and here. */
  caratterePrestazione: '1' | '2';
  numeroProtocolloDSU?: string;
  annoProtocolloDSU?: string;
  dataDSU?: IsoDate;
  codicePrestazione: string;
  denominazionePrestazione: string;
  protocolloDomanda: string;
  dataEvento?: IsoDate;
  dataInizioPrestazione?: IsoDate;
  dataFinePrestazione?: IsoDate;
  dataErogazionePrestazione?: IsoDate;
  importoPrestazione?: Decimale;
  periodoErogazione?: number;
  importoMensile?: Decimale;
  importoQuotaEnte?: Decimale;
  importoQuotaUtente?: Decimale;
  importoQuotaSSN?: Decimale;
  importoQuotaRichiesta?: Decimale;
  importoSogliaISEE?: Decimale;
  oreServizioMensile?: Decimale;
  presaCarico: string;
  areaUtenza?: string;
  sina?: Sina;
}

/** A PS_PSA_SINA flow: one beneficiary, one benefit (the interface's rule). */
export interface PrestazioneSociale {
  tipo: 'PS_PSA_SINA';
  intestazione: Intestazione;
  beneficiario: {
    /** The identity: the code as written, trimmed and upper-cased (libs/codice-fiscale's normalizeCf), never de-omocoded. */
    codiceFiscale: string;
    anagrafica: Anagrafica;
    /** 1 to 5, in document order. */
    indirizzi: Indirizzo[];
  };
  prestazione: DatiPrestazione;
}

/** The SINBA element's attributes, lower camel case of the XSD names (SINBA_FIELDS maps them). */
export interface DatiSinba {
  idBeneficiario: string;
  minoreStranieroNoAcc: string;
  condizioneMinore: string;
  luogoVita: string;
  scuolaFrequentata: string;
  condizioneLavoro: string;
  disabilita: string;
  tipoDisabilita?: string;
  invCivCertificazioni?: string;
  codiceCittadinanzaPadre?: string;
  codiceCittadinanzaMadre?: string;
  codiceRegioneResidenzaPadre?: string;
  codiceRegioneResidenzaMadre?: string;
  titoloStudioPadre?: string;
  titoloStudioMadre?: string;
  occupazionePadre?: string;
  occupazioneMadre?: string;
  /** MM/AAAA as written. */
  dataPrimaSegnalazione: string;
  fonteSegnalazione: string;
  valutazioneMinore: string;
  valutazioneFamigliaMinore: string;
  segnalazioneAutoritaGiudiziaria: string;
  dataSegnalazione?: string;
  provvedimentoGiudiziario: string;
  dataProvvedimentoGiudiziario?: string;
  autoritaProvvedimento?: string;
  potestaTutela?: string;
  tipoProvvedimentoGiudiziario?: string;
  formaInterventoAffido?: string;
  tipoInterventoAffido?: string;
  durataAffido?: string;
  carattereAffido?: string;
  esitoAffido?: string;
  carattereInserimentoResidenziale?: string;
  formaInserimentoResidenziale?: string;
  tipoInserimentoResidenziale?: string;
  esitoInserimentoStruttura?: string;
  motivazioneChiusuraCarico?: string;
  situazioneChiusuraCarico?: string;
  collaborazioniInterventi?: string;
  numeroComponentiISEE?: number;
  fasciaEtaBeneficiario: string;
  fasciaISEEBeneficiario?: string;
  annoNascita: string;
  codiceRegioneResidenza?: string;
  codiceNazioneResidenza: string;
  /** Prestazioni/CodicePrestazione: the interventions of this case, at least one. */
  prestazioni: string[];
  /** Famiglia/ComposizioneFamiglia, at least one. */
  famiglia: string[];
}

/**
 * A SINBA flow: a minor in the care of the social services. Highly sensitive: stored apart and served only
 * to purposes explicitly granted it (see README). No codice fiscale: the minor is `idBeneficiario`, the
 * ente's own code.
 */
export interface PresaInCaricoSinba {
  tipo: 'SINBA';
  intestazione: Intestazione;
  sinba: DatiSinba;
}

export type FlussoDecodificato = PrestazioneSociale | PresaInCaricoSinba;

/** Insert or cancellation, with the XSD's default. */
export const operazioneDi = (p: PrestazioneSociale): 'INSERIMENTO' | 'CANCELLAZIONE' => (p.prestazione.tipoOperazione === 'C' ? 'CANCELLAZIONE' : 'INSERIMENTO');

/** SINBA flows are the one kind whose content is restricted to purposes granted it explicitly. */
export const isAltamenteSensibile = (f: FlussoDecodificato): boolean => f.tipo === 'SINBA';
