// Pure projection of the SIISL part of the cartella sociale (ADI/SFL measures with the PAD and each
// member's route, PUC participations), folded by the SIISL versioning rules. No I/O.
export { emptyCittadino, applySociale, SEZIONI, STATE_SCHEMA_VERSION, type CittadinoSociale, type EntitaSociale } from './state';
export { project, type CartellaSocialeSiisl, type MisuraVista, type PucVista } from './project';
