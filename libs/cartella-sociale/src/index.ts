// Pure projection of the cartella sociale: the SIISL part (ADI/SFL measures with the PAD and each member's
// route, PUC participations) folded per citizen, and the GePI part folded per case (a citizen links to the
// cases of the households they belonged to). No I/O.
export { emptyCittadino, applySociale, SEZIONI, STATE_SCHEMA_VERSION, type CittadinoSociale, type EntitaSociale } from './state';
export { project, type CartellaSocialeSiisl, type MisuraVista, type PucVista } from './project';
export { emptyCaso, applyGepi, CASO_STATE_SCHEMA_VERSION, type CasoGepi, type SezioniCaso } from './gepi/state';
export {
  projectCaso,
  versioneDocumento,
  documentoCorrente,
  collegamentoCittadino,
  collegamentiCittadino,
  chiaviCaso,
  enteAl,
  type CasoVista,
  type ChiaviCaso,
  type CollegamentoCaso,
  type DocumentoVista,
  type EnteVista,
  type MembroVista,
  type Periodo,
  type VersioneDocumentoVista,
} from './gepi/project';
export { unificaPuc, type FontePuc, type PartecipazionePucUnificata, type PucGepiVista } from './gepi/puc';
