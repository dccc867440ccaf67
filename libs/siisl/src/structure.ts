// Turns a decoded JSON value into a typed record of one entity, or into structural problems. No input
// normalisation beyond what the schemas declare (trimmed texts, upper-cased CFs): a SIISL record is
// machine-written, and its content hash is taken on the parsed model.
import type { z } from 'zod';
import type { Problem, SiislRecord } from './model';
import { schemas } from './schema';
import type { Entita } from './vocabularies';

export const STRUCTURE_MESSAGES = {
  NOT_AN_OBJECT: 'A SIISL record must be a JSON object.',
  REQUIRED: 'This field is required.',
  INVALID_TYPE: 'This field has the wrong type.',
  INVALID_VALUE: 'This value is not one of the allowed values.',
  UNKNOWN_MEMBER: 'This member is not part of the record format.',
  INVALID_DATE: 'Expected a calendar date as YYYY-MM-DD between 1900 and 2099.',
  INVALID_DATETIME: 'Expected an ISO 8601 date-time with time zone, between 1900 and 2099.',
  EMPTY_TEXT: 'This text must not be empty.',
  TEXT_TOO_LONG: 'This text is longer than the format allows.',
  EMPTY_LIST: 'This list needs at least one element.',
  INTEGER_REQUIRED: 'Expected an integer.',
  OUT_OF_RANGE: 'This number is outside the range the format allows.',
  ID_FORMAT: 'An id has 1-64 letters, digits or . _ : - and starts with a letter or digit.',
  CP2011_FORMAT: 'A CP2011 code has five or six dotted digits, e.g. 5.2.2.1.0.',
  ATECO_FORMAT: 'An ATECO code is two digits, optionally followed by dotted groups, e.g. 56.10.11.',
  ISCED_FORMAT: 'An ISCED 2011 level is one digit from 0 to 8.',
  EQF_FORMAT: 'An EQF level is one digit from 1 to 8.',
  ESCO_FORMAT: 'An ESCO reference is a concept URI http://data.europa.eu/esco/skill/<uuid> (or /occupation/).',
  BELFIORE_FORMAT: 'A Belfiore code is one upper-case letter and three digits, e.g. F205.',
  TIPOLOGIA_FORMAT: 'A tipologia contrattuale has the layout X.NN.NN, e.g. A.02.00.',
  LINGUA_FORMAT: 'A language is an ISO 639-1 code of two lower-case letters.',
  MESE_FORMAT: 'A month is written YYYY-MM.',
} as const;
export type StructureCode = keyof typeof STRUCTURE_MESSAGES;

const pathOf = (segments: ReadonlyArray<PropertyKey>): string =>
  segments.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out === '' ? String(s) : `${out}.${String(s)}`), '');

function valueAt(root: unknown, segments: ReadonlyArray<PropertyKey>): unknown {
  let cur = root;
  for (const s of segments) cur = cur !== null && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[s] : undefined;
  return cur;
}

function toProblems(issue: z.core.$ZodIssue, input: unknown): Problem[] {
  const at = (code: StructureCode, segments = issue.path): Problem => ({ path: pathOf(segments), code, message: STRUCTURE_MESSAGES[code] });
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => at('UNKNOWN_MEMBER', [...issue.path, k]));
  if (issue.message in STRUCTURE_MESSAGES) return [at(issue.message as StructureCode)];
  const absent = valueAt(input, issue.path) === undefined;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') return [at(absent ? 'REQUIRED' : issue.code === 'invalid_type' ? 'INVALID_TYPE' : 'INVALID_VALUE')];
  return [at('INVALID_VALUE')];
}

/** Structure only; validate.ts adds the rules and the code-table lookups. */
export function parseStructure<E extends Entita>(entita: E, raw: unknown): { ok: true; value: SiislRecord<E> } | { ok: false; problems: Problem[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ path: '', code: 'NOT_AN_OBJECT', message: STRUCTURE_MESSAGES.NOT_AN_OBJECT }] };
  const parsed = schemas[entita].safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as SiislRecord<E> };
  return { ok: false, problems: parsed.error.issues.flatMap((i) => toProblems(i, raw)) };
}
