// One shape for every problem a CO can have, so the ingest can answer 422 problem+json with the full list
// and the builder can report anomalies with the same codes. Messages are fixed texts chosen by code
// callers: they must never interpolate field values, because CFs, names and dates of birth are personal.

export interface Problem {
  /** Dotted path in the internal model, e.g. `lavoratore.codiceFiscale`, `lavoratori[2].codiceFiscale`. */
  path: string;
  /** Stable machine code; clients branch on it, never on the message. */
  code: string;
  message: string;
}

/**
 * A data-quality warning: the record was accepted, but something in it deserves an operator's look (a
 * well-formed code that a partial table does not know, an element the mapping ignored). Same shape as a
 * Problem, fixed message per code; `tabella` and `codice` name the code-table entry concerned when there
 * is one (codes are not personal data; a code read out of a codice fiscale is never given).
 */
export interface Avviso extends Problem {
  tabella?: string;
  codice?: string;
}

/**
 * `warnings`: things worth telling the sender that do not make the CO invalid (e.g. XML elements the model
 * has no place for); absent when there are none.
 */
export type ValidationResult<T> = { ok: true; value: T; warnings?: Avviso[] } | { ok: false; problems: Problem[] };

export function problem(path: string, code: string, message: string): Problem {
  return { path, code, message };
}

/** Joins path segments, rendering numeric segments as `[n]`. */
export function joinPath(...segments: Array<string | number>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (s !== '') out += out === '' ? s : `.${s}`;
  }
  return out;
}
