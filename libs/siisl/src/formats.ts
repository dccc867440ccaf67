// Formats of identifiers, dates and classification codes. A value that fails its format is rejected; a
// well-formed classification code is then looked up in the shipped tables (codes.ts).
import { isIsoDate, isIsoDateTime } from '@fsl/co';

/** SIISL record ids and references between records (offerta, corso, progetto): opaque, URL-safe. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
/** CP2011 unità professionale (5 levels, as in the SAP) or with the CO's sixth digit. */
export const CP2011 = /^\d(\.\d){4,5}$/;
/** ATECO 2007 / 2025 section-free code down to the sub-category: 2, 3-4, or 5-6 digits, dotted. */
export const ATECO = /^\d{2}(\.\d{1,2}(\.\d{1,2})?)?$/;
export const ISCED = /^[0-8]$/;
export const EQF = /^[1-8]$/;
/** An ESCO concept URI (skill or occupation), as published in ESCO's CSV `conceptUri` column. */
export const ESCO = /^http:\/\/data\.europa\.eu\/esco\/(skill|occupation)\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A municipality's Belfiore (cadastral) code, or Z + 3 digits for a foreign state. */
export const BELFIORE = /^[A-Z]\d{3}$/;
/** CO tipologia contrattuale, e.g. A.02.00. */
export const TIPOLOGIA_CONTRATTUALE = /^[A-Z]\.\d{2}\.\d{2}$/;
/** ISO 639-1 language code, lower case. */
export const LINGUA = /^[a-z]{2}$/;
export const MESE = /^\d{4}-(0[1-9]|1[0-2])$/;

// Dates outside these years are typing errors in this domain (no SIISL fact predates 1900 or is planned
// beyond 2099); tighter, relative checks (not after the record's update) are rules (rules.ts).
const EARLIEST = '1900-01-01';
const LATEST = '2099-12-31';

export function isPlausibleDate(v: string): boolean {
  return isIsoDate(v) && v >= EARLIEST && v <= LATEST;
}

export function isPlausibleDateTime(v: string): boolean {
  return isIsoDateTime(v) && v.slice(0, 10) >= EARLIEST && v.slice(0, 10) <= LATEST;
}
