// Pure projection of the cartella formativa from SIISL records: the course catalogue (keyed by course id)
// and each citizen's enrolments and interests, folded by the SIISL versioning rules, projected with the
// courses linked. No I/O: the builder stores the states (JSONB) and calls these functions.
export { emptyCatalogo, emptyCittadino, applyCorso, applyCittadino, SEZIONI, STATE_SCHEMA_VERSION } from './state';
export type { Applied, Catalogo, CittadinoFormazione, EntitaCittadino } from './state';
export { project, corsoIdPerCodiceEnte, corsoNelCatalogo } from './project';
export type { CartellaFormativa, CorsoDettaglioVista, CorsoNelCatalogo, CorsoVista, IscrizioneVista, ManifestazioneVista, StatoCollegamento } from './project';
