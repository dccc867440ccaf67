// JSON wire format: one object whose sections mirror UNILAV (datiInvio, datore, lavoratore, inizio,
// proroga, trasformazione, trasferimento, cessazione) plus `modello` and `tipoEvento`, i.e. exactly the
// internal model. Batches are NDJSON, one CO per line.
import type { Co } from './model';
import type { ValidationResult } from './problems';
import { STRUCTURE_MESSAGES, parseStructure } from './structure';

/** Structural parse of one JSON record (call validateCo for the business rules). */
export function parseCoJson(text: string): ValidationResult<Co> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ path: '', code: 'INVALID_JSON', message: STRUCTURE_MESSAGES.INVALID_JSON }] };
  }
  return parseStructure(raw);
}

/** One line, no trailing newline: suitable for NDJSON. */
export function serializeCoJson(co: Co): string {
  return JSON.stringify(co);
}

export function serializeCoNdjson(cos: readonly Co[]): string {
  return cos.map((c) => `${serializeCoJson(c)}\n`).join('');
}
