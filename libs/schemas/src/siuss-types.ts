// Hand-written TypeScript shapes of the siuss.* subjects, v1 (avro/siuss.*/v1.avsc). Optional fields are
// `T | null`; libs/siuss's avro-mapping converts from and to its internal model field by field, and its
// round-trip tests through the real codec tie each interface to its schema.
import type { EventHeader } from './event-header';

export interface SiussIntestazioneV1 {
  codiceEnte: string;
  denominazioneEnte: string | null;
  idFlusso: string;
  tipo: string;
  tsFlusso: string;
  tsFlussoMillis: number;
  nomeFlusso: string;
  ente: { codice: string; denominazione: string | null; indirizzo: string; cfOperatore: string };
}

export interface SiussSinaV1 {
  mobilita: string;
  attivitaVitaQuotidiana: string;
  disturbiAreaCognitiva: string | null;
  disturbiComportamentali: string;
  necessitaCureSanitarie: string | null;
  areaReddituale: string;
  areaSupporto: string;
  fonteDerivazioneValutazione: string;
  strumentoValutazione: string;
  fonteDerivazioneInvalidita: string | null;
  necessitaInterventiSociali: string[] | null;
  invaliditaCivile: string[] | null;
}

export interface SiussDatiPrestazioneV1 {
  tipoOperazione: string | null;
  presenzaProvaMezzi: string;
  caratterePrestazione: string;
  numeroProtocolloDSU: string | null;
  annoProtocolloDSU: string | null;
  dataDSU: string | null;
  codicePrestazione: string;
  denominazionePrestazione: string;
  protocolloDomanda: string;
  dataEvento: string | null;
  dataInizioPrestazione: string | null;
  dataFinePrestazione: string | null;
  dataErogazionePrestazione: string | null;
  importoPrestazione: string | null;
  periodoErogazione: number | null;
  importoMensile: string | null;
  importoQuotaEnte: string | null;
  importoQuotaUtente: string | null;
  importoQuotaSSN: string | null;
  importoQuotaRichiesta: string | null;
  importoSogliaISEE: string | null;
  oreServizioMensile: string | null;
  presaCarico: string;
  areaUtenza: string | null;
  sina: SiussSinaV1 | null;
}

/** it.fsl.siuss.prestazionesociale.PrestazioneSociale, v1: one benefit (insert or cancellation). */
export interface SiussPrestazioneSocialeV1 {
  intestazione: SiussIntestazioneV1;
  beneficiario: {
    codiceFiscale: string;
    anagrafica: { cognome: string; nome: string; annoNascita: string; luogoNascita: string; genere: string; codiceCittadinanza: string; codiceSecondaCittadinanza: string | null };
    indirizzi: Array<{ codiceRegione: string | null; codiceComune: string | null; codiceNazione: string }>;
  };
  prestazione: SiussDatiPrestazioneV1;
  contentHash: string;
  tabelleCodici: Record<string, string>;
}

export interface SiussDatiSinbaV1 {
  idBeneficiario: string;
  minoreStranieroNoAcc: string;
  condizioneMinore: string;
  luogoVita: string;
  scuolaFrequentata: string;
  condizioneLavoro: string;
  disabilita: string;
  tipoDisabilita: string | null;
  invCivCertificazioni: string | null;
  codiceCittadinanzaPadre: string | null;
  codiceCittadinanzaMadre: string | null;
  codiceRegioneResidenzaPadre: string | null;
  codiceRegioneResidenzaMadre: string | null;
  titoloStudioPadre: string | null;
  titoloStudioMadre: string | null;
  occupazionePadre: string | null;
  occupazioneMadre: string | null;
  dataPrimaSegnalazione: string;
  fonteSegnalazione: string;
  valutazioneMinore: string;
  valutazioneFamigliaMinore: string;
  segnalazioneAutoritaGiudiziaria: string;
  dataSegnalazione: string | null;
  provvedimentoGiudiziario: string;
  dataProvvedimentoGiudiziario: string | null;
  autoritaProvvedimento: string | null;
  potestaTutela: string | null;
  tipoProvvedimentoGiudiziario: string | null;
  formaInterventoAffido: string | null;
  tipoInterventoAffido: string | null;
  durataAffido: string | null;
  carattereAffido: string | null;
  esitoAffido: string | null;
  carattereInserimentoResidenziale: string | null;
  formaInserimentoResidenziale: string | null;
  tipoInserimentoResidenziale: string | null;
  esitoInserimentoStruttura: string | null;
  motivazioneChiusuraCarico: string | null;
  situazioneChiusuraCarico: string | null;
  collaborazioniInterventi: string | null;
  numeroComponentiISEE: number | null;
  fasciaEtaBeneficiario: string;
  fasciaISEEBeneficiario: string | null;
  annoNascita: string;
  codiceRegioneResidenza: string | null;
  codiceNazioneResidenza: string;
  prestazioni: string[];
  famiglia: string[];
}

/** it.fsl.siuss.sinba.PresaInCaricoSinba, v1: a minor in care (highly sensitive). */
export interface SiussPresaInCaricoSinbaV1 {
  intestazione: SiussIntestazioneV1;
  sinba: SiussDatiSinbaV1;
  contentHash: string;
  tabelleCodici: Record<string, string>;
}

export interface SiussEventV1<P> {
  header: EventHeader;
  payload: P | null;
}

/** Subject → payload type, v1. */
export interface SiussPayloadsV1 {
  'siuss.prestazione-sociale': SiussPrestazioneSocialeV1;
  'siuss.sinba': SiussPresaInCaricoSinbaV1;
}

/** Value type of each siuss.* subject's current version (merged into SubjectValues). */
export type SiussSubjectValues = { [S in keyof SiussPayloadsV1]: SiussEventV1<SiussPayloadsV1[S]> };
