// Turns a plain object (from JSON or from the XML mapping) into a typed Co, or into structural problems.
// Inputs are normalised first (trimmed strings; '', null and empty sections treated as absent) so that
// the same CO sent in either format, or with cosmetic whitespace, yields the same model and therefore the
// same content hash.
import type { z } from 'zod';
import type { Co } from './model';
import { joinPath, type Problem, type ValidationResult } from './problems';
import { echoedName } from './echoed-names';
import { coSchema } from './schema';

export const STRUCTURE_MESSAGES = {
  REQUIRED: 'This field is required.',
  INVALID_TYPE: 'This field has the wrong type.',
  INVALID_VALUE: 'This value is not one of the allowed values.',
  INVALID_DATE: 'Expected a calendar date as YYYY-MM-DD.',
  INVALID_DATETIME: 'Expected an ISO 8601 date-time with time zone.',
  UNKNOWN_MODEL: 'modello must be UNILAV, UNISOMM, VARDATORI or UNIURG.',
  INVALID_JSON: 'The record is not valid JSON.',
  INVALID_XML: 'The document is not well-formed XML.',
  UNKNOWN_ROOT: 'The XML root element is not a known CO model.',
  NAMESPACE: 'The XML root element is not in the namespace of its model.',
  UNKNOWN_FIELD: 'This member is not part of the CO model (misspelt or misplaced?).',
  TEXT_TOO_LONG: 'This text is longer than the ministry allows for the field.',
  CONTROL_CHARACTER: 'Control characters are not allowed in a CO field.',
  XML_VALUE_CONFLICT: 'The XML gives this field both as an attribute and as an element, with different values.',
  EVENT_SECTION_AMBIGUOUS: 'No tipoEvento was sent and more than one event section is present: the event cannot be told.',
  EVENT_SECTION_MISSING: 'No tipoEvento was sent and no event section is present: the event cannot be told.',
} as const;
export type StructureCode = keyof typeof STRUCTURE_MESSAGES;

// The white space of JSON and XML only. String#trim would also drop BOM, NBSP, ideographic space and line
// separators, which hid them in front of or behind a codice fiscale instead of refusing it.
const EDGE_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const trimWireSpace = (s: string): string => (s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) ? s.replace(EDGE_SPACE, '') : s);

export function normalizeInput(value: unknown): unknown {
  if (typeof value === 'string') {
    const t = trimWireSpace(value);
    return t === '' ? undefined : t;
  }
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(normalizeInput).filter((v) => v !== undefined);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // Object.keys, not Object.entries: the same members without a [key, value] array each (GC pressure).
    for (const k of Object.keys(value)) {
      const n = normalizeInput((value as Record<string, unknown>)[k]);
      if (n !== undefined) out[k] = n;
    }
    // An all-empty section is an absent section (XML mapping builds every section unconditionally).
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

function toProblems(issue: z.core.$ZodIssue, input: unknown): Problem[] {
  const segments = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  // One problem per unknown member, each named by its own path.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ path: joinPath(...segments, echoedName(k)), code: 'UNKNOWN_FIELD', message: STRUCTURE_MESSAGES.UNKNOWN_FIELD }));
  }
  return [toProblem(issue, joinPath(...segments), input)];
}

function toProblem(issue: z.core.$ZodIssue, path: string, input: unknown): Problem {
  let code: StructureCode;
  if (Object.hasOwn(STRUCTURE_MESSAGES, issue.message)) {
    code = issue.message as StructureCode;
  } else if (issue.code === 'invalid_union' && path === 'modello') {
    code = valueAt(input, issue.path) === undefined ? 'REQUIRED' : 'UNKNOWN_MODEL';
  } else if (issue.code === 'invalid_type') {
    code = valueAt(input, issue.path) === undefined ? 'REQUIRED' : 'INVALID_TYPE';
  } else {
    code = 'INVALID_VALUE';
  }
  return { path, code, message: STRUCTURE_MESSAGES[code] };
}

/** Structural parse only; call validateCo for the business rules. */
export function parseStructure(raw: unknown): ValidationResult<Co> {
  const input = normalizeInput(raw);
  if (input === undefined || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: [{ path: '', code: 'INVALID_TYPE', message: 'A CO must be a JSON object.' }] };
  }
  const parsed = coSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as Co };
  return { ok: false, problems: parsed.error.issues.flatMap((i) => toProblems(i, input)) };
}
