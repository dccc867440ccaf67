// Hand-written TypeScript shapes of the Avro schemas (src/types.spec.ts checks them against the
// fixtures). Versioned names stay forever, like the .avsc files; SubjectValues points at the current one.

/** Kept open: a new source is a new string, not a breaking enum change. */
export type SourceSystem = 'CO' | 'SIISL' | 'GEPI' | (string & {});

/**
 * UNKNOWN is the enum's Avro default: a reader built before a new symbol existed sees UNKNOWN and must
 * park the event. The encoder refuses to write it.
 */
export type Operation = 'UPSERT' | 'VOID' | 'UNKNOWN';

/** it.fsl.events.EventHeader (avro/_shared/EventHeader/v1.avsc). */
export interface EventHeader {
  /** eventId(sourceSystem, sourceRecordId, sourceVersion): a re-sent record is the same event. */
  eventId: string;
  sourceSystem: SourceSystem;
  entityType: string;
  operation: Operation;
  sourceRecordId: string;
  sourceVersion: number;
  /** Epoch millis. */
  occurredAt: number;
  /** Epoch millis. */
  ingestedAt: number;
  correlationId: string | null;
}

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
export interface SubjectValues {
  'co.comunicazione': ComunicazioneEventV1;
}

export type Subject = keyof SubjectValues;
