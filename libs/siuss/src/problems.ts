// Every refusal and warning of a flow: a path, a stable code and a fixed message per code. A message never
// contains a value of the flow (flows carry codici fiscali, names, a minor's case): that is why there is
// no interpolation anywhere here.
import { CF_REJECTION_MESSAGES, type CfRejection } from '@fsl/codice-fiscale';

/** `path`: an entry member (`id_flusso`) or an XPath into the XML (`/Flusso/Beneficiario/@CodiceFiscale`). */
export interface Problem {
  path: string;
  code: string;
  message: string;
  /** A code the nomenclature does not know: which table (never personal data). */
  tabella?: string;
  codice?: string;
}

/** Flow entry (the JSON item of GET /flussi) and its decoding down to the XML text. */
export const ENTRY_MESSAGES = {
  ENTRY_NOT_OBJECT: 'A flow entry must be a JSON object.',
  REQUIRED: 'This member is required.',
  NOT_A_STRING: 'This member must be a string.',
  TOO_LONG: 'This value is longer than the interface allows.',
  CODICE_ENTE_FORMAT: 'codice_ente must be a Belfiore code: one capital letter and three digits.',
  ENTE_NON_AMMESSO: 'This e-service is not registered to publish flows of this ente.',
  ID_FLUSSO_FORMAT: 'id_flusso must read EEEEE.TIPO.AAAAMMGG.NNNNNNN: an ente code of 4 or 5 letters or digits, PS or SINBA, a calendar date, a progressive number.',
  TIPO_FLUSSO: 'tipo must be PS_PSA_SINA or SINBA.',
  TS_FLUSSO_FORMAT: 'ts_flusso must be a date-time (RFC 3339) or a number of milliseconds since 1970.',
  FLUSSO_BASE64: 'flusso is not valid base64.',
  FLUSSO_ENCODING: 'The XML is not in a character encoding we read (UTF-8, UTF-16 with BOM, ISO-8859-1, windows-1252, US-ASCII), or its bytes do not match the encoding it declares.',
  XML_TOO_LARGE: 'The XML is larger than a flow may be.',
  XML_DOCTYPE: 'The XML declares a DOCTYPE: flows never need one, and it is refused (no entity expansion).',
  XML_NOT_WELL_FORMED: 'The XML is not well-formed.',
  XML_TOO_DEEP: 'The XML nests elements deeper than a flow ever does.',
} as const;

/** The flow against its XSD. */
export const XSD_MESSAGES = {
  XML_ROOT: 'The root element must be Flusso in the namespace http://inps.it/Casellario.',
  XML_NAMESPACE: 'This element is not in the namespace http://inps.it/Casellario.',
  XML_UNKNOWN_ELEMENT: 'The schema has no such element here.',
  XML_UNKNOWN_ATTRIBUTE: 'The schema has no such attribute on this element.',
  XML_MISSING_ELEMENT: 'A required element is missing here.',
  XML_TOO_FEW: 'This element occurs fewer times than the schema requires.',
  XML_TOO_MANY: 'This element occurs more times than the schema allows.',
  XML_ORDER: 'This element is out of the order the schema prescribes.',
  XML_TEXT_NOT_ALLOWED: 'This element holds only elements: no text.',
  XML_ELEMENT_NOT_ALLOWED: 'This element holds only text: no elements.',
  REQUIRED_ATTRIBUTE: 'A required attribute is missing.',
  VALUE_LENGTH: 'The value is shorter or longer than the schema allows.',
  VALUE_PATTERN: 'The value does not match the pattern of the schema.',
  VALUE_ENUM: 'The value is not one of the codes the schema lists.',
  VALUE_DATE: 'The value is not a date (AAAA-MM-GG) that exists in the calendar.',
  VALUE_DECIMAL: 'The value is not a decimal number (digits with an optional point; no comma, no exponent).',
  VALUE_INT: 'The value is not an integer within the range the schema allows.',
  CF_OMOCODIA_FUORI_SCHEMA:
    'A valid omocodic codice fiscale that the official schema does not allow (it accepts only the first three substitutions): refused as the schema refuses it.',
} as const;

/** The interface's rules beyond the XSD (and the specification's notes), and the identity of the beneficiary. */
export const RULE_MESSAGES = {
  UN_SOLO_BENEFICIARIO: 'Through the interface a flow carries exactly one beneficiary.',
  UNA_SOLA_PRESTAZIONE: 'Through the interface a flow carries exactly one benefit.',
  CARATTERE_PRESTAZIONE_MANCANTE: 'CaratterePrestazione is required by the specification: it says which date starts the benefit.',
  DATA_INIZIO_MANCANTE: 'A periodic benefit (CaratterePrestazione 1) requires DataInizioPrestazione.',
  DATA_EROGAZIONE_MANCANTE: 'A one-off benefit (CaratterePrestazione 2) requires DataErogazionePrestazione.',
  DATA_FINE_PRIMA_INIZIO: 'DataFinePrestazione is before DataInizioPrestazione.',
  DATA_FUORI_INTERVALLO: 'The date is outside the years 1900-2099.',
  ...Object.fromEntries(Object.entries(CF_REJECTION_MESSAGES).map(([k, v]) => [`CF_${k}`, v])),
} as { readonly [K in RuleCode]: string };

export type RuleCode =
  | 'UN_SOLO_BENEFICIARIO'
  | 'UNA_SOLA_PRESTAZIONE'
  | 'CARATTERE_PRESTAZIONE_MANCANTE'
  | 'DATA_INIZIO_MANCANTE'
  | 'DATA_EROGAZIONE_MANCANTE'
  | 'DATA_FINE_PRIMA_INIZIO'
  | 'DATA_FUORI_INTERVALLO'
  | `CF_${CfRejection}`;

/** Accepted, with something an operator should know. */
export const WARNING_MESSAGES = {
  UNKNOWN_MEMBER: 'The interface has no such member in a flow entry: ignored.',
  TS_FLUSSO_SENZA_FUSO: 'ts_flusso has no UTC offset: read as Italian local time.',
  TS_FLUSSO_MILLISECONDI: 'ts_flusso is a number of milliseconds, not the date-time of the OpenAPI: read as such.',
  ID_FLUSSO_TIPO_DIVERSO: 'The TIPO part of id_flusso does not match tipo.',
  NOME_FLUSSO_DIVERSO: 'IdentificazioneFlusso/@Nome differs from id_flusso.',
  DATA_CON_FUSO: 'The date carries a time zone: only the date is kept.',
  CODE_UNKNOWN: 'This benefit code is not in the shipped nomenclature: accepted, to be checked.',
  CODE_LAYOUT: 'This benefit code does not have the nomenclature layout (a letter, digits, a point, two digits): accepted as the schema allows it.',
  BELFIORE_UNKNOWN: 'This Belfiore code is not in the shipped table of comuni and states: accepted, to be checked.',
  IMPORTO_MENSILE_MANCANTE: 'A periodic benefit should carry ImportoMensile (specification).',
  IMPORTO_PRESTAZIONE_MANCANTE: 'A one-off benefit should carry ImportoPrestazione (specification).',
  IMPORTO_NON_POSITIVO: 'The specification asks for an amount greater than zero here.',
  QUOTE_SOMMA: 'The shares (ente, user, SSN) do not add up to the monthly or one-off amount.',
  DATA_FINE_ALTRO_ANNO: 'DataFinePrestazione is not in the year of DataInizioPrestazione (specification).',
  AREA_UTENZA_MANCANTE: 'AreaUtenza should be given when PresaCarico is 1 (specification).',
  DSU_INCOMPLETA: 'The DSU fields (number, year, date) should be given all together or not at all (specification).',
  INDIRIZZO_ITALIA_INCOMPLETO: 'An Italian address (CodiceNazione 380) should carry CodiceRegione and CodiceComune (specification).',
  ID_BENEFICIARIO_CF: 'IDBeneficiario looks like a codice fiscale: a SINBA flow should not identify the minor.',
} as const;

export type WarningCode = keyof typeof WARNING_MESSAGES;
export type ProblemCode = keyof typeof ENTRY_MESSAGES | keyof typeof XSD_MESSAGES | RuleCode;

const ALL_MESSAGES: Readonly<Record<string, string>> = { ...ENTRY_MESSAGES, ...XSD_MESSAGES, ...RULE_MESSAGES, ...WARNING_MESSAGES };

export function problem(path: string, code: ProblemCode | WarningCode): Problem {
  return { path, code, message: ALL_MESSAGES[code] };
}
