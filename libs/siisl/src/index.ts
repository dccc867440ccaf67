// @fsl/siisl — the SIISL source: model and validation of each entity, versioned classification tables,
// versioning rules, Avro mapping and a seeded generator. Pure code: no I/O except reading the shipped tables.
export * from './vocabularies';
export type * from './model';
export { STRUCTURE_MESSAGES, parseStructure, type StructureCode } from './structure';
export { RULE_MESSAGES, checkRules, type RuleCode } from './rules';
export { CODE_MESSAGES, TABLES, DEFAULT_CODE_LISTS_DIR, defaultTables, loadSiislTables, checkCodes, codeUses, type CodeUse, type SiislTable, type SiislTables } from './codes';
export { checkSiisl, type SiislCheck, type ValidateOptions } from './validate';
export {
  recordHash,
  decideVersion,
  addVersion,
  currentVersion,
  currentRecords,
  resolveLink,
  versionRef,
  storedVersion,
  addToSection,
  type Section,
  type StatoCollegamento,
  type StoredVersion,
  type VersionDecision,
  type VersionRef,
} from './versioning';
export {
  SUBJECTS,
  SIISL_TOPIC_KEY,
  citizensOf,
  headerOperation,
  siislHeaderFields,
  siislToAvro,
  siislFromAvro,
  SiislAvroMappingError,
  type PayloadOf,
  type SiislFromAvro,
  type SiislToAvroOptions,
} from './avro-mapping';
/** Valid records of every entity, for tests. */
export * as siislFixtures from './fixtures';
export { generateSiisl, type AssunzioneDaSiisl, type GenerateSiislOptions, type Generated, type Persona, type SiislDataset } from './generator/generate';
export { deliveryOrder, generateSiislFeed, ndjsonLine, type Consegna, type ConsegnaOptions, type PersonaDemo, type SiislFeed, type SiislFeedOptions } from './generator/feed';
export { siislSource } from './source';
