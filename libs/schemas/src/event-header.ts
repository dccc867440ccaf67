// The envelope every event carries, shared by the CO and SIISL subjects' types (types.ts, siisl-types.ts).

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
