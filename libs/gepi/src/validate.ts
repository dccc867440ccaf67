// Entry point of GePI validation: structure, then rules and codes. A record with problems is rejected as a
// whole (the full list, every problem at its path); warnings never reject.
import { checkCodes, defaultTables, type GepiTables } from './codes';
import type { GepiRecord, Problem } from './model';
import { checkRules } from './rules';
import { parseStructure } from './structure';
import type { Entita } from './vocabularies';

export interface CheckGepiOptions {
  /** Defaults to the shipped tables (Belfiore from libs/co). */
  tables?: GepiTables;
}

export type GepiCheck<E extends Entita> = { ok: true; value: GepiRecord<E>; warnings: Problem[] } | { ok: false; problems: Problem[]; warnings: Problem[] };

/** Validates a decoded JSON value as a record of `entita`. */
export function checkGepi<E extends Entita>(entita: E, raw: unknown, opts: CheckGepiOptions = {}): GepiCheck<E> {
  const parsed = parseStructure(entita, raw);
  if (!parsed.ok) return { ok: false, problems: parsed.problems, warnings: [] };
  const rules = checkRules(entita, parsed.value);
  // An ente whose code has the wrong format is reported by the rules; looking it up would add noise.
  const codes = checkCodes(entita, parsed.value, opts.tables ?? defaultTables());
  const badPaths = new Set(rules.map((p) => p.path));
  const warnings = codes.warnings.filter((w) => !badPaths.has(w.path));
  const problems = [...rules, ...codes.problems.filter((p) => !badPaths.has(p.path))];
  return problems.length === 0 ? { ok: true, value: parsed.value, warnings } : { ok: false, problems, warnings };
}
