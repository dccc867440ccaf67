// The CSV reader moved to @fsl/code-lists, shared by every source's code lists.
export { parseCsv } from '@fsl/code-lists';
