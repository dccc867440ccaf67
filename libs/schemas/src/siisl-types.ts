// Hand-written TypeScript shapes of the siisl.* subjects, v1 (avro/siisl.*/v1.avsc). Optional fields are
// `T | null`; libs/siisl's avro-mapping converts from and to its internal model field by field.
// siisl-types.spec.ts ties each interface to its schema with a literal of every field set.
import type { EventHeader } from './event-header';

/** The envelope every siisl.* payload shares. */
export interface SiislEnvelopeV1<D> {
  id: string;
  versione: number;
  aggiornatoIl: string;
  /** AGGIORNAMENTO (dati set, header UPSERT) or ELIMINAZIONE (dati null, header VOID). */
  operazione: string;
  codiceFiscale: string | null;
  /** The citizen this message is for (its pseudonym is the Kafka key); null for catalogue records. */
  cittadinoCf: string | null;
  contentHash: string;
  tabelleCodici: Record<string, string>;
  dati: D | null;
}

export interface SiislEventV1<P> {
  header: EventHeader;
  payload: P | null;
}

export interface SiislCompetenzaV1 {
  escoUri: string | null;
  descrizione: string | null;
  tipo: string | null;
}

export interface SiislDatiCurriculumV1 {
  esperienze: Array<{
    datore: { codiceFiscale: string | null; denominazione: string | null } | null;
    dataInizio: string;
    dataFine: string | null;
    qualificaCp2011: string | null;
    settoreAteco: string | null;
    mansioni: string | null;
    fonte: string;
  }>;
  istruzione: Array<{ titolo: string; livelloIsced: string; livelloEqf: string | null; istituto: string | null; annoConseguimento: number | null }>;
  lingue: Array<{ lingua: string; livelloCefr: string; madrelingua: boolean | null }>;
  competenze: SiislCompetenzaV1[];
  disponibilita: { comuni: string[]; orario: string | null; distanzaMassimaKm: number | null; trasferte: boolean | null; dataDisponibilita: string | null } | null;
}

export interface SiislDatiOffertaLavoroV1 {
  datore: { codiceFiscale: string; denominazione: string };
  qualificaCp2011: string;
  settoreAteco: string | null;
  sedeComune: string;
  tipologiaContrattuale: string;
  posti: number;
  dataPubblicazione: string;
  dataChiusura: string | null;
  competenzeRichieste: SiislCompetenzaV1[];
  stato: string;
}

export interface SiislDatiPropostaLavoroV1 {
  offertaId: string;
  stato: string;
  dataProposta: string;
  dataScadenza: string | null;
  dataEsito: string | null;
  motivoRifiuto: string | null;
  rifiutoGiustificato: boolean | null;
}

export interface SiislDatiCorsoV1 {
  titolo: string;
  codiceCorsoEnte: string;
  ente: { codiceFiscale: string; denominazione: string; accreditamento: string | null };
  sede: { comune: string; indirizzo: string | null };
  modalita: string;
  ore: number;
  dataInizio: string;
  dataFine: string;
  posti: number;
  livelloEqf: string | null;
  qualificazione: string | null;
  competenze: SiislCompetenzaV1[];
  finanziamento: string | null;
}

export interface SiislDatiIscrizioneV1 {
  corsoId: string;
  eventi: Array<{ tipo: string; data: string; motivo: string | null }>;
}

export interface SiislDatiManifestazioneInteresseV1 {
  corsoId: string;
  data: string;
}

export interface SiislDatiMisuraInclusioneV1 {
  misura: string;
  stato: string;
  dataDecorrenza: string;
  dataFine: string | null;
  dataSottoscrizionePad: string | null;
  importiMensili: Array<{ mese: string; importoCentesimi: number; importoAffittoCentesimi: number | null }>;
  nucleo: Array<{ codiceFiscale: string; percorso: string | null }>;
}

export interface SiislDatiPucV1 {
  progettoId: string;
  titoloProgetto: string | null;
  comune: string;
  dataInizio: string;
  dataFine: string | null;
  oreSettimanali: number;
  oreSvolte: number | null;
}

/** The misura payload also lists, on a deletion, the household whose cartelle drop it. */
export type SiislMisuraInclusioneV1 = SiislEnvelopeV1<SiislDatiMisuraInclusioneV1> & { codiciFiscaliNucleo: string[] };

/** Subject → payload type, v1. */
export interface SiislPayloadsV1 {
  'siisl.curriculum': SiislEnvelopeV1<SiislDatiCurriculumV1>;
  'siisl.offerta-lavoro': SiislEnvelopeV1<SiislDatiOffertaLavoroV1>;
  'siisl.proposta-lavoro': SiislEnvelopeV1<SiislDatiPropostaLavoroV1>;
  'siisl.corso': SiislEnvelopeV1<SiislDatiCorsoV1>;
  'siisl.iscrizione': SiislEnvelopeV1<SiislDatiIscrizioneV1>;
  'siisl.manifestazione-interesse': SiislEnvelopeV1<SiislDatiManifestazioneInteresseV1>;
  'siisl.misura-inclusione': SiislMisuraInclusioneV1;
  'siisl.puc': SiislEnvelopeV1<SiislDatiPucV1>;
}

/** Value type of each siisl.* subject's current version (merged into SubjectValues). */
export type SiislSubjectValues = { [S in keyof SiislPayloadsV1]: SiislEventV1<SiislPayloadsV1[S]> };
