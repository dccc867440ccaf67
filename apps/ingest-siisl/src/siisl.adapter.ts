// The SIISL source as @fsl/ingest sees it: a JSON envelope of libs/siisl, validated by checkSiisl, claimed
// per version of the record, published as one message per citizen it concerns (siislToAvro) on the SIISL
// topic — keyed by the owner's pseudonym, or by entity and id for catalogue records.
import { readJson } from '@fsl/http';
import type { Avviso, Problem, SourceAdapter, SourceRead } from '@fsl/ingest';
import { maskCodiciFiscali } from '@fsl/logging';
import { eventId } from '@fsl/schemas';
import {
  checkSiisl,
  codeUses,
  defaultTables,
  ENTITA,
  recordHash,
  siislHeaderFields,
  siislToAvro,
  SUBJECTS,
  type Entita,
  type SiislRecord,
  type SiislTables,
} from '@fsl/siisl';

/**
 * What a route hands over: the decoded body of one record, or one NDJSON line's text. `entita` is the
 * route's entity; without it (a file of mixed entities) the record's own "entita" member names it.
 */
export type SiislInput = { entita?: Entita; value: unknown } | { entita?: Entita; text: string };

export type SiislIdentity = { entita: Entita; id: string; versione: number };

export const CONFLICT_PROBLEM: Problem = {
  path: 'versione',
  code: 'VERSIONE_GIA_ACCETTATA',
  message: 'This version of the record was already accepted with a different content.',
};

const PROBLEMS = {
  ENTITA_REQUIRED: 'The entity is required: a top-level "entita" member naming one of the SIISL entities.',
  ENTITA_UNKNOWN: 'Not a SIISL entity.',
  ENTITA_MISMATCH: 'The "entita" member differs from the entity of the route.',
  NOT_AN_OBJECT: 'A record is a JSON object.',
  ID_SHAPED_LIKE_CF: 'An id shaped like a codice fiscale is refused: ids travel in event headers and answers.',
} as const;

const problem = (path: string, code: keyof typeof PROBLEMS): Problem => ({ path, code, message: PROBLEMS[code] });

export const isEntita = (v: unknown): v is Entita => typeof v === 'string' && (ENTITA as readonly string[]).includes(v);

/** `<entita>/<id>@<versione>`: an id has no '/' or '@' (libs/siisl's id format), so the key splits back. */
export const claimKey = (i: SiislIdentity): string => `${i.entita}/${i.id}@${i.versione}`;

export function identityOf(key: string): SiislIdentity {
  const slash = key.indexOf('/');
  const at = key.lastIndexOf('@');
  return { entita: key.slice(0, slash) as Entita, id: key.slice(slash + 1, at), versione: Number(key.slice(at + 1)) };
}

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

/** The entity and the envelope without its "entita" member (libs/siisl's schema is strict). */
function entityOf(input: SiislInput, value: unknown): { entita: Entita; raw: unknown } | { problems: Problem[] } {
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

/**
 * CODE_UNKNOWN warnings as avvisi naming the table and the code (codes are not personal data), so the
 * ingest counts them in ingest_siisl_unknown_codes_total.
 */
function avvisiOf<E extends Entita>(entita: E, record: SiislRecord<E>, warnings: readonly Problem[]): Avviso[] {
  if (warnings.length === 0) return [];
  const uses = new Map(codeUses(entita, record).map((u) => [u.path, u]));
  return masked(warnings).map((w) => {
    const u = w.code === 'CODE_UNKNOWN' ? uses.get(w.path) : undefined;
    return u ? { ...w, tabella: u.table, codice: u.code } : w;
  });
}

export function siislAdapter(tables: SiislTables = defaultTables()): SourceAdapter<SiislInput, SiislIdentity> {
  const tabelleCodici = tables.versions();
  return {
    source: 'siisl',
    read(input, { correlationId, now }): SourceRead<SiislIdentity> {
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
      const checked = checkSiisl(entita, e.raw, { tables });
      if (!checked.ok) return { ok: false, problems: masked(checked.problems), avvisi: masked(checked.warnings) };
      const record = checked.value as SiislRecord;
      const avvisi = avvisiOf(entita, record, checked.warnings);
      // The id becomes the header's sourceRecordId and the catalogue records' key, which never carry a CF.
      if (maskCodiciFiscali(record.id) !== record.id) return { ok: false, problems: [problem('id', 'ID_SHAPED_LIKE_CF')], avvisi };
      const hash = recordHash(record);
      const id = eventId('SIISL', `${entita}:${record.id}`, record.versione);
      const subject = SUBJECTS[entita];
      // One event per version of the record, one message per citizen it concerns (they share the event id
      // and differ by cittadinoCf and sourceRecordId), all under the owner's key — a measure's under its
      // applicant's — so that a record's versions keep their order on one partition.
      const key = 'codiceFiscale' in record ? { cf: record.codiceFiscale } : { raw: `${entita}/${record.id}` };
      const messages = siislToAvro(entita, record, { tabelleCodici, contentHash: hash }).map((payload, i) => ({
        subject,
        event: { header: { ...siislHeaderFields(entita, record, i), eventId: id, ingestedAt: now, correlationId: correlationId ?? null }, payload },
        key,
      }));
      const identity = { entita, id: record.id, versione: record.versione };
      return { ok: true, key: claimKey(identity), hash, version: { of: `${entita}/${record.id}`, versione: record.versione }, eventIds: [id], messages, avvisi, identity };
    },
    fromLine: (text) => ({ text }),
    identityOf,
  };
}
