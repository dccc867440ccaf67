// Turns a decoded JSON value into a typed record of one entity, or into structural problems. No input
// normalisation beyond what the schemas declare (trimmed texts, upper-cased CFs): a GePI record is
// machine-written, and its content hash is taken on the parsed model.
import { STRUCTURE_MESSAGES as SIISL_STRUCTURE_MESSAGES } from '@fsl/siisl';
import type { z } from 'zod';
import type { GepiRecord, Problem } from './model';
import { schemas } from './schema';
import type { Entita } from './vocabularies';

// The generic codes read as SIISL's: one wording for the same mistake whichever source made it.
const SHARED = ['REQUIRED', 'INVALID_TYPE', 'INVALID_VALUE', 'UNKNOWN_MEMBER', 'INVALID_DATE', 'INVALID_DATETIME', 'EMPTY_TEXT', 'TEXT_TOO_LONG', 'EMPTY_LIST', 'INTEGER_REQUIRED', 'OUT_OF_RANGE', 'ID_FORMAT', 'BELFIORE_FORMAT', 'MESE_FORMAT'] as const;

export const STRUCTURE_MESSAGES = {
  ...(Object.fromEntries(SHARED.map((code) => [code, SIISL_STRUCTURE_MESSAGES[code]])) as { [C in (typeof SHARED)[number]]: (typeof SIISL_STRUCTURE_MESSAGES)[C] }),
  NOT_AN_OBJECT: 'A GePI record must be a JSON object.',
  ATS_FORMAT: 'An ambito territoriale sociale code is a three-letter region, an underscore and a number, e.g. LOM_23.',
  CODICE_FORMAT: 'A code is upper-case words joined by underscores, e.g. TIROCINIO_INCLUSIONE.',
} as const;
export type StructureCode = keyof typeof STRUCTURE_MESSAGES;

const isCode = (s: string): s is StructureCode => Object.prototype.hasOwnProperty.call(STRUCTURE_MESSAGES, s);

/** `a.b[2].c` from zod's path segments. */
function dotted(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : `${out === '' ? '' : '.'}${String(s)}`;
  return out;
}

function isAbsent(root: unknown, segments: ReadonlyArray<PropertyKey>): boolean {
  const value = segments.reduce<unknown>((node, s) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[s] : undefined), root);
  return value === undefined;
}

function problemsOf(issue: z.core.$ZodIssue, input: unknown): Problem[] {
  const problem = (code: StructureCode, path: string = dotted(issue.path)): Problem => ({ path, code, message: STRUCTURE_MESSAGES[code] });
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => problem('UNKNOWN_MEMBER', dotted([...issue.path, k])));
  // A missing member is REQUIRED whatever check it missed (type, enum value or discriminator).
  if (isAbsent(input, issue.path)) return [problem('REQUIRED')];
  if (isCode(issue.message)) return [problem(issue.message)];
  return [problem(issue.code === 'invalid_type' ? 'INVALID_TYPE' : 'INVALID_VALUE')];
}

/** Structure only; validate.ts adds the rules and the code-table lookups. */
export function parseStructure<E extends Entita>(entita: E, raw: unknown): { ok: true; value: GepiRecord<E> } | { ok: false; problems: Problem[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ path: '', code: 'NOT_AN_OBJECT', message: STRUCTURE_MESSAGES.NOT_AN_OBJECT }] };
  const parsed = schemas[entita].safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data as GepiRecord<E> } : { ok: false, problems: parsed.error.issues.flatMap((i) => problemsOf(i, raw)) };
}
