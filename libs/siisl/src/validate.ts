// Entry point of SIISL validation: structure, then business rules and classification codes. A record with
// problems is rejected as a whole (422 with the full list); warnings never reject.
import { checkCodes, defaultTables, type SiislTables } from './codes';
import type { Problem, RecordOf } from './model';
import { checkRules } from './rules';
import { parseStructure } from './structure';
import type { Entita } from './vocabularies';

export interface ValidateOptions {
  /** Defaults to the tables shipped in libs/siisl/code-lists. */
  tables?: SiislTables;
}

export type SiislCheck<E extends Entita> =
  | { ok: true; value: RecordOf[E]; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

/** Validates a decoded JSON value as a record of `entita`. */
export function checkSiisl<E extends Entita>(entita: E, raw: unknown, opts: ValidateOptions = {}): SiislCheck<E> {
  const parsed = parseStructure(entita, raw);
  if (!parsed.ok) return { ok: false, problems: parsed.problems, warnings: [] };
  const record = parsed.value;
  const codes = checkCodes(entita, record, opts.tables ?? defaultTables());
  const problems = [...checkRules(entita, record), ...codes.problems];
  return problems.length === 0 ? { ok: true, value: record, warnings: codes.warnings } : { ok: false, problems, warnings: codes.warnings };
}
