// Per-record entry points used by the ingest: one record, or an NDJSON batch where good lines are kept and
// bad lines are reported by number. A bad line never affects its neighbours.
import { contentHash } from './idempotency';
import { parseCoJson } from './json-format';
import type { Co } from './model';
import type { Problem, ValidationResult } from './problems';
import { validateCo, type ValidateOptions } from './validate';
import { parseCoXml } from './xml-read';

export type CoFormat = 'json' | 'xml';

/** Structure and business rules of one record. */
export function readCo(text: string, format: CoFormat, opts: ValidateOptions = {}): ValidationResult<Co> {
  const parsed = format === 'json' ? parseCoJson(text) : parseCoXml(text);
  if (!parsed.ok) return parsed;
  const problems = validateCo(parsed.value, opts);
  return problems.length === 0 ? parsed : { ok: false, problems };
}

export type LineResult =
  | { line: number; ok: true; co: Co; contentHash: string }
  | { line: number; ok: false; problems: Problem[] };

/**
 * Validates NDJSON lines (1-based numbering; blank lines are skipped, not reported). Accepts the text of
 * the whole batch or its lines already split.
 */
export function validateBatch(input: string | readonly string[], opts: ValidateOptions = {}): LineResult[] {
  const lines = typeof input === 'string' ? input.split(/\r?\n/) : input;
  const out: LineResult[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    const r = readCo(text, 'json', opts);
    out.push(r.ok ? { line: i + 1, ok: true, co: r.value, contentHash: contentHash(r.value) } : { line: i + 1, ok: false, problems: r.problems });
  });
  return out;
}
