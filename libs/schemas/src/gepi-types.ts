// Hand-written TypeScript shapes of the gepi.* subjects, v1 (avro/gepi.*/v1.avsc). Optional fields are
// `T | null`; libs/gepi's avro-mapping converts from and to its internal model field by field, and its
// round-trip tests through the real codec tie each interface to its schema.
import type { EventHeader } from './event-header';

/** The envelope every gepi.* payload shares. One message per record, keyed by its case. */
export interface GepiEnvelopeV1<D> {
  id: string;
  versione: number;
  aggiornatoIl: string;
  /** AGGIORNAMENTO (dati set, header UPSERT) or ELIMINAZIONE (dati null, header VOID). */
  operazione: string;
  /** The case the record belongs to (its own id for a case): the Kafka key. */
  casoId: string;
  contentHash: string;
  tabelleCodici: Record<string, string>;
  dati: D | null;
}

export interface GepiEventV1<P> {
  header: EventHeader;
  payload: P | null;
}

interface PeriodoV1 {
  dal: string;
  al: string | null;
}

export interface GepiOrganizzazioneV1 {
  tipo: string;
  denominazione: string;
  codiceFiscale: string | null;
}

export interface GepiBisognoV1 {
  ambito: string;
  codiceFiscale: string | null;
  descrizione: string | null;
}

interface DocumentoV1 {
  numeroVersione: number;
  statoDocumento: string;
  dataRedazione: string;
}

export interface GepiDatiCasoV1 {
  domandaId: string;
  misura: string;
  stato: string;
  dataApertura: string;
  dataAssegnazione: string | null;
  dataChiusura: string | null;
  motivoChiusura: string | null;
  enti: Array<PeriodoV1 & { tipo: string; codice: string }>;
  operatori: Array<PeriodoV1 & { ruolo: string; codiceFiscale: string }>;
}

export interface GepiDatiNucleoCasoV1 {
  componenti: Array<
    PeriodoV1 & {
      codiceFiscale: string;
      ruolo: string;
      motivoIngresso: string | null;
      motivoUscita: string | null;
      condizioni: string[];
      categoriaSvantaggio: string | null;
      inScala: boolean;
      attivabile: boolean;
      caricoCura: boolean;
      esonerato: boolean;
    }
  >;
}

export interface GepiDatiAnalisiPreliminareV1 extends DocumentoV1 {
  dataIncontro: string;
  bisogni: GepiBisognoV1[];
  risorse: string[];
  esito: string | null;
}

export interface GepiDatiQuadroAnalisiV1 extends DocumentoV1 {
  equipeId: string | null;
  provvisorio: boolean;
  dimensioni: Array<GepiBisognoV1 & { livello: string }>;
}

export interface GepiDatiEquipeV1 {
  dataCostituzione: string;
  dataScioglimento: string | null;
  componenti: Array<{ ruolo: string; organizzazione: GepiOrganizzazioneV1 }>;
}

export interface GepiSostegnoV1 extends PeriodoV1 {
  id: string;
  tipo: string;
  fornitore: GepiOrganizzazioneV1;
  beneficiari: string[];
  tirocinio: { soggettoOspitante: { codiceFiscale: string; denominazione: string }; oreSettimanali: number; indennitaMensileCentesimi: number | null } | null;
}

export interface GepiImpegnoV1 extends PeriodoV1 {
  id: string;
  codiceFiscale: string;
  tipo: string;
  descrizione: string | null;
}

export interface GepiDatiPaisV1 extends DocumentoV1 {
  stato: string;
  semplificato: boolean;
  dataSottoscrizione: string | null;
  dataInizio: string;
  dataFine: string | null;
  obiettivoGenerale: string;
  obiettivi: Array<{ id: string; descrizione: string }>;
  risultatiAttesi: Array<{ obiettivoId: string; codiceFiscale: string | null; descrizione: string; indicatore: string | null; scadenza: string }>;
  sostegni: GepiSostegnoV1[];
  impegni: GepiImpegnoV1[];
}

export interface GepiDatiPartecipazionePucV1 {
  progettoId: string;
  titoloProgetto: string | null;
  comune: string;
  ambito: string;
  dataInizio: string;
  dataFine: string | null;
  oreSettimanali: number;
  presenze: Array<{ mese: string; oreSvolte: number }>;
}

export interface GepiDatiPadNucleoV1 {
  dataSottoscrizione: string;
  richiedenteCf: string;
  componenti: Array<{
    codiceFiscale: string;
    percorso: string;
    motivoEsonero: string | null;
    categorizzazioni: { condizioni: string[]; categoriaSvantaggio: string | null; attivazione: string };
  }>;
  atsCompetente: string | null;
  cpiComune: string | null;
}

/** Subject → payload type, v1. A PUC participation also names its participant. */
export interface GepiPayloadsV1 {
  'gepi.caso': GepiEnvelopeV1<GepiDatiCasoV1>;
  'gepi.nucleo-caso': GepiEnvelopeV1<GepiDatiNucleoCasoV1>;
  'gepi.analisi-preliminare': GepiEnvelopeV1<GepiDatiAnalisiPreliminareV1>;
  'gepi.quadro-analisi': GepiEnvelopeV1<GepiDatiQuadroAnalisiV1>;
  'gepi.equipe-multidisciplinare': GepiEnvelopeV1<GepiDatiEquipeV1>;
  'gepi.pais': GepiEnvelopeV1<GepiDatiPaisV1>;
  'gepi.partecipazione-puc': GepiEnvelopeV1<GepiDatiPartecipazionePucV1> & { codiceFiscale: string };
  'gepi.pad-nucleo': GepiEnvelopeV1<GepiDatiPadNucleoV1>;
}

/** Value type of each gepi.* subject's current version (merged into SubjectValues). */
export type GepiSubjectValues = { [S in keyof GepiPayloadsV1]: GepiEventV1<GepiPayloadsV1[S]> };
