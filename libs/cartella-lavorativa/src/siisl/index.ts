// The SIISL section of the cartella lavorativa (CV, job proposals, offer catalogue). Pure; see ../../README.md.
export { emptyCatalogoOfferte, emptySezioneSiisl, applyOfferta, applySiisl, SIISL_STATE_SCHEMA_VERSION, type CatalogoOfferte, type SezioneSiisl } from './state';
export { projectSiisl, curriculumAllaVersione, type CurriculumVista, type OffertaVista, type PropostaVista, type SezioneSiislVista } from './project';
