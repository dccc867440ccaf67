// @fsl/co — the Comunicazioni Obbligatorie source: model, wire formats, validation, idempotency helpers
// and a synthetic-data generator. Pure code: no I/O except reading the shipped code-list files.
export * from './model';
export type { Avviso, Problem, ValidationResult } from './problems';
export { STRUCTURE_MESSAGES, parseStructure } from './structure';
export { RULE_MESSAGES, AVVISO_MESSAGES, type RuleCode, type AvvisoCode } from './validate-context';
export { validateCo, checkCo, checkCoRules, type ValidateOptions, type RuleFindings } from './validate';
export { PLAUSIBILITY_MESSAGES, DEFAULT_CLOCK_SKEW_MS, MIN_AGE_YEARS, MAX_AGE_YEARS, type PlausibilityOptions } from './plausibility';
export { TEXT_MAX } from './text-limits';
export { IGNORED_MESSAGES } from './xml-visits';
export { romeDateTime, withRomeOffset } from './rome-time';
export { checkProrogaAgainstCurrentEnd } from './rules';
export { readCo, validateBatch, type CoFormat, type LineResult } from './batch';
export { parseCoJson, serializeCoJson, serializeCoNdjson } from './json-format';
export { parseCoXml, parseCoXmlBatch } from './xml-read';
export { parseXmlSafely, decodeXmlReferences, normalizeAttributeWhitespace, DEFAULT_MAX_XML_DEPTH, type SafeXmlOptions, type SafeXmlResult, type XmlRefusal } from './xml-safe';
export { serializeCoXml, serializeCoXmlBatch, serializeCoXmlBatchItem, XML_BATCH_OPEN, XML_BATCH_CLOSE } from './xml-write';
export { XML_ROOTS } from './xml-names';
export { canonicalJson, contentHash, idempotencyKey, decideIdempotency, type IdempotencyDecision, type IdempotencyKey } from './idempotency';
export {
  CodeLists,
  loadCodeLists,
  defaultCodeLists,
  buildTable,
  DEFAULT_CODE_LISTS_DIR,
  TABLE_NAMES,
  type TableName,
  type CodeEntry,
  type CodeTable,
  type CodeCheck,
  type CodeVerdict,
  type TableCoverage,
} from './code-lists';
export { belfioreTable } from './belfiore-table';
export { isIsoDate, isIsoDateTime, addDays, addMonths, toIsoDate } from './dates';
export { generateCoHistories, iterateCoHistories, generateCoPerAssunzioni, type AssunzioneAttesa, type CoPerAssunzioniOptions, type GenerateOptions, type WorkerHistory } from './generator/generate';
export { mulberry32, deriveSeed, Rng } from './generator/prng';
/** Builders of valid COs for tests. */
export * as coFixtures from './fixtures';
export { coToAvro, coFromAvro, CoAvroMappingError, type CoToAvroOptions, type CoFromAvro } from './avro-mapping';
