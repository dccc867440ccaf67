// @fsl/siuss — the SIUSS "Welfare as a Service" flows of the municipalities (PS_PSA_SINA and SINBA), as the
// official interface serves them: decoding and validation of a GET /flussi entry, the internal model, the
// cancellation key, the Avro mapping, the benefit nomenclature and a seeded generator of flows. Pure code:
// no I/O except reading the shipped tables.
export * from './model';
export { problem, ENTRY_MESSAGES, XSD_MESSAGES, RULE_MESSAGES, WARNING_MESSAGES, type Problem, type ProblemCode, type WarningCode } from './problems';
export { TIPI_FLUSSO, ENTRY_LIMITS, CODICE_ENTE, ID_FLUSSO, tsFlussoMillis, readEntry, decodeXmlBytes, type TipoFlusso, type FlussoEntry, type EntryHeader, type EntryOptions } from './entry';
export { decodeFlusso, riferimentoFlusso, DEFAULT_MAX_XML_CHARS, DEFAULT_MAX_XML_DEPTH, type DecodeOptions, type DecodeResult, type EsitoRifiuto, type RiferimentoFlusso } from './decode';
export { chiavePrestazione, chiavePrestazioneTesto, dataInizioPrestazione, type ChiavePrestazione } from './chiave';
export { TABLES, DEFAULT_CODE_LISTS_DIR, NOMENCLATURA_LAYOUT, loadSiussTables, defaultTables, nomePrestazione, type SiussTable, type SiussTables } from './codes';
export { compareDecimal, sumDecimal, centesimi } from './decimal';
export { NAMESPACE, XSD_CF_PATTERN, PS_PSA_SINA_ROOT, SINBA_ROOT, SINBA_ATTRIBUTES, type ElementSpec, type AttributeSpec, type SimpleType } from './xsd-spec';
export {
  SUBJECT_PRESTAZIONE,
  SUBJECT_SINBA,
  TOPIC_PRESTAZIONI,
  TOPIC_SINBA,
  SOURCE_SYSTEM,
  SINBA_AVRO_FIELDS,
  siussContentHash,
  prestazioneSocialeToAvro,
  sinbaToAvro,
  prestazioneSocialeFromAvro,
  sinbaFromAvro,
  SiussAvroMappingError,
  sourceRecordIdOf,
  headerOperationOf,
  siussHeader,
  siussKeyMaterial,
  siussKafkaKey,
  siussMessage,
  type ToAvroOptions,
  type SiussMessage,
  type PrestazioneMessage,
  type SinbaMessage,
  type MessageContext,
} from './avro-mapping';
export { flussoXml, flussoEntry } from './xml-write';
export { generateFlussi, DIFETTI, type Difetto, type FlussoGenerato, type GenerateFlussiOptions } from './generator';
