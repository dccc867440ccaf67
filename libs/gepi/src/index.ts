// @fsl/gepi — the GePI source: model and validation of each entity (cases, households, analyses, équipes,
// PaIS, PUC, PAD), versioned code tables, versioning rules (SIISL's, plus document versions), the Avro
// mapping and a seeded generator. Pure code: no I/O except reading the shipped tables.
export * from './vocabularies';
export type * from './model';
export { casoOf } from './model';
export { STRUCTURE_MESSAGES, parseStructure, type StructureCode } from './structure';
export { RULE_MESSAGES, TIPO_TIROCINIO, checkRules, type RuleCode } from './rules';
export { CODE_MESSAGES, TABLES, DEFAULT_CODE_LISTS_DIR, defaultTables, loadGepiTables, checkCodes, codeUses, type CodeUse, type GepiTable, type GepiTables } from './codes';
export { checkGepi, type GepiCheck, type CheckGepiOptions } from './validate';
export {
  gepiRecordHash,
  gepiStoredVersion,
  addToGepiSection,
  versioniDocumento,
  addVersion,
  currentVersion,
  currentRecords,
  decideVersion,
  resolveLink,
  type GepiSection,
  type DocumentoRecord,
  type VersioneDocumento,
  type VersioniDocumento,
  type StoredVersion,
  type VersionDecision,
  type VersionRef,
  type StatoCollegamento,
} from './versioning';
/** Valid records of every entity, for tests. */
export * as gepiFixtures from './fixtures';
export {
  SUBJECTS,
  GEPI_TOPIC_KEY,
  gepiToAvro,
  gepiFromAvro,
  gepiHeaderFields,
  gepiHeaderOperation,
  GepiAvroMappingError,
  type GepiPayloadOf,
  type GepiFromAvro,
  type GepiToAvroOptions,
} from './avro-mapping';
export { generateGepi, gepiNdjsonLine, nucleiAdiDaSiisl, type GenerateGepiOptions, type GeneratedGepi, type GepiDataset, type NucleoAdi, type CasoGenerato } from './generator/generate';
export { gepiSource } from './source';
