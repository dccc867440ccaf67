// Formats of identifiers, dates and codes. A value that fails its format is rejected; a well-formed code is
// then looked up in its table (codes.ts), where an unknown one is only a warning.
import { isIsoDate, isIsoDateTime } from '@fsl/co';

/** GePI record ids, case ids and references between records: opaque, URL-safe. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
/** A municipality's Belfiore (cadastral) code. */
export const BELFIORE = /^[A-Z]\d{3}$/;
/** An ambito territoriale sociale: region abbreviation, underscore, number within the region (e.g. LOM_23). */
export const ATS = /^[A-Z]{3}_\d{2,3}$/;
/** Codes of supports and commitments: upper-case words joined by underscores. */
export const CODICE_VOCE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
export const MESE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** No GePI fact predates 1900 or is planned beyond 2099: outside, it is a typing error. */
const YEARS = { min: 1900, max: 2099 } as const;
const inYears = (v: string): boolean => {
  const y = Number(v.slice(0, 4));
  return y >= YEARS.min && y <= YEARS.max;
};

export const isGepiDate = (v: string): boolean => isIsoDate(v) && inYears(v);
export const isGepiDateTime = (v: string): boolean => isIsoDateTime(v) && inYears(v);
