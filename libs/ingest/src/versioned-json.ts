// A versioned JSON source (SIISL, GePI): records of named entities, each an envelope with an `id` and a
// `versione`, sent one per request, one per NDJSON line of an entity's batch, or in files whose lines name
// their entity. What differs between such sources is the validation, the code tables, the hash and how a
// record becomes messages; reading the input, naming the entity, the claim per version, the event id, the
// avvisi and the CF-shaped identifiers are the same, and live here.
import { readJson } from '@fsl/http';
import { maskCodiciFiscali } from '@fsl/logging';
import { eventId } from '@fsl/schemas';
import type { Avviso, Problem, SourceAdapter, SourceMessage, SourceRead } from './adapter';

/**
 * What a route hands over: the decoded body of one record, or one NDJSON line's text. `entita` is the
 * route's entity; without it (a file of mixed entities) the record's own "entita" member names it.
 */
export type VersionedInput<E extends string> = { entita?: E; value: unknown } | { entita?: E; text: string };

export type VersionedIdentity<E extends string> = { entita: E; id: string; versione: number };

/** The envelope members every versioned source's records have. */
export interface VersionedRecord {
  id: string;
  versione: number;
}

export type SourceCheck<R> = { ok: true; value: R; warnings: Problem[] } | { ok: false; problems: Problem[]; warnings: Problem[] };

export interface VersionedJsonSource<E extends string, R extends VersionedRecord> {
  /** Metric label (ingest_records_total{source}). */
  source: string;
  /** The source system as named in event ids and messages, e.g. 'SIISL', 'GEPI'. */
  system: string;
  /** How the problems name the source, e.g. 'SIISL', 'GePI'. */
  name: string;
  entita: readonly E[];
  /** Validates a record of `entita` (without its "entita" member). */
  check(entita: E, raw: unknown): SourceCheck<R>;
  /** The coded values of a valid record with their path and table, to name an unknown code's table. */
  codeUses(entita: E, record: R): readonly { path: string; table: string; code: string }[];
  hash(record: R): string;
  /**
   * The record's identifiers that travel in event headers, message keys or answers (its `id`, the record
   * it belongs to…), by member path: one shaped like a codice fiscale is refused.
   */
  identifiers(entita: E, record: R): Record<string, string>;
  /** The record's messages; every one carries `header` (eventId, ingestedAt, correlationId) in its event header. */
  messages(entita: E, record: R, ev: { hash: string; header: { eventId: string; ingestedAt: number; correlationId: string | null } }): SourceMessage[];
}

export const VERSIONE_GIA_ACCETTATA: Problem = {
  path: 'versione',
  code: 'VERSIONE_GIA_ACCETTATA',
  message: 'This version of the record was already accepted with a different content.',
};

/** `<entita>/<id>@<versione>`: a versioned source's ids have no '/' or '@', so the key splits back. */
export const versionedClaimKey = <E extends string>(i: VersionedIdentity<E>): string => `${i.entita}/${i.id}@${i.versione}`;

export function versionedIdentityOf<E extends string>(key: string): VersionedIdentity<E> {
  const slash = key.indexOf('/');
  const at = key.lastIndexOf('@');
  return { entita: key.slice(0, slash) as E, id: key.slice(slash + 1, at), versione: Number(key.slice(at + 1)) };
}

export const isEntityOf =
  <E extends string>(entita: readonly E[]) =>
  (v: unknown): v is E =>
    typeof v === 'string' && (entita as readonly string[]).includes(v);

/**
 * Paths may echo names the sender wrote (an unknown member): one shaped like a codice fiscale must not come
 * back in the answer.
 */
function masked<P extends Problem>(problems: readonly P[]): P[] {
  return problems.map((p) => {
    const path = maskCodiciFiscali(p.path);
    return path === p.path ? p : { ...p, path };
  });
}

export function versionedJsonAdapter<E extends string, R extends VersionedRecord>(s: VersionedJsonSource<E, R>): SourceAdapter<VersionedInput<E>, VersionedIdentity<E>> {
  const PROBLEMS = {
    ENTITA_REQUIRED: `The entity is required: a top-level "entita" member naming one of the ${s.name} entities.`,
    ENTITA_UNKNOWN: `Not a ${s.name} entity.`,
    ENTITA_MISMATCH: 'The "entita" member differs from the entity of the route.',
    NOT_AN_OBJECT: 'A record is a JSON object.',
    ID_SHAPED_LIKE_CF: 'An identifier shaped like a codice fiscale is refused: identifiers travel in event headers, message keys and answers.',
  } as const;
  const problem = (path: string, code: keyof typeof PROBLEMS): Problem => ({ path, code, message: PROBLEMS[code] });
  const isEntita = isEntityOf(s.entita);

  /** The entity and the envelope without its "entita" member (the sources' schemas are strict). */
  function entityOf(input: VersionedInput<E>, value: unknown): { entita: E; raw: unknown } | { problems: Problem[] } {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problems: [problem('', 'NOT_AN_OBJECT')] };
    const { entita: named, ...raw } = value as Record<string, unknown>;
    if (input.entita) {
      if (named !== undefined && named !== input.entita) return { problems: [problem('entita', 'ENTITA_MISMATCH')] };
      return { entita: input.entita, raw };
    }
    if (named === undefined) return { problems: [problem('entita', 'ENTITA_REQUIRED')] };
    if (!isEntita(named)) return { problems: [problem('entita', 'ENTITA_UNKNOWN')] };
    return { entita: named, raw };
  }

  /** CODE_UNKNOWN warnings name their table and code (codes are not personal data), so the ingest counts them. */
  function avvisiOf(entita: E, record: R, warnings: readonly Problem[]): Avviso[] {
    if (warnings.length === 0) return [];
    const uses = new Map(s.codeUses(entita, record).map((u) => [u.path, u]));
    return masked(warnings).map((w) => {
      const u = w.code === 'CODE_UNKNOWN' ? uses.get(w.path) : undefined;
      return u ? { ...w, tabella: u.table, codice: u.code } : w;
    });
  }

  return {
    source: s.source,
    read(input, { correlationId, now }): SourceRead<VersionedIdentity<E>> {
      let value: unknown;
      if ('text' in input) {
        // Depth-limited (libs/http): a line nested thousands deep is that line's problem.
        const r = readJson(input.text);
        if (!r.ok) return { ok: false, problems: [r.problem] };
        value = r.value;
      } else value = input.value;
      const e = entityOf(input, value);
      if ('problems' in e) return { ok: false, problems: e.problems };
      const { entita } = e;
      const checked = s.check(entita, e.raw);
      if (!checked.ok) return { ok: false, problems: masked(checked.problems), avvisi: masked(checked.warnings) };
      const record = checked.value;
      const avvisi = avvisiOf(entita, record, checked.warnings);
      const shaped = Object.entries(s.identifiers(entita, record)).filter(([, v]) => maskCodiciFiscali(v) !== v);
      if (shaped.length) return { ok: false, problems: shaped.map(([path]) => problem(path, 'ID_SHAPED_LIKE_CF')), avvisi };
      const hash = s.hash(record);
      const id = eventId(s.system, `${entita}:${record.id}`, record.versione);
      const messages = s.messages(entita, record, { hash, header: { eventId: id, ingestedAt: now, correlationId: correlationId ?? null } });
      const identity = { entita, id: record.id, versione: record.versione };
      return {
        ok: true,
        key: versionedClaimKey(identity),
        hash,
        version: { of: `${entita}/${record.id}`, versione: record.versione },
        eventIds: [id],
        messages,
        avvisi,
        identity,
      };
    },
    fromLine: (text) => ({ text }),
    identityOf: versionedIdentityOf,
  };
}
