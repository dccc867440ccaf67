// Pure projection of the cartella lavorativa from Comunicazioni Obbligatorie. The builder stores
// a WorkerState per worker (JSONB), applies incoming COs with `apply`, and serves `project(state, today)`.
// No I/O here: Kafka, Postgres and HTTP wiring live elsewhere and call these functions.
export { adoptFact, apply, applyCo, applyBatch, emptyState, STATE_SCHEMA_VERSION } from './state';
export { reviewState, type CoRifiutata, type StateReview } from './review';
export type { ApplyOptions, ApplyOutcome, StoredFact, WorkerState } from './state';
export { project, projectRaw, overdueCorrections } from './project';
export { toFact, type CoFact } from './fact';
export type * from './types';
export * from './siisl';
export { cronologia, giorniOccupazione, rapportiAttiviAl, type Cronologia, type PeriodoInVigore, type RapportoNelTempo } from './cronologia';
