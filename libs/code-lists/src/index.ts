// @fsl/code-lists — versioned lookup tables of classification codes shipped as CSV data with their source,
// for every source library (libs/co, libs/siisl). Pure apart from reading the files.
export { parseCsv } from './csv';
export { VersionedTable, type CodeDate, type CodeRow, type Lookup } from './table';
export { TableSet, loadTableSet } from './manifest';
