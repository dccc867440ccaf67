// The CO source's whole mapping in one place: a submitted record (JSON object, JSON text line, ministry
// XML) → libs/co structure and rules → the Avro events of subject co.comunicazione-obbligatoria, one per
// worker of the CO. Everything after this (claiming the codice, publishing) is format-independent.
import {
  coToAvro,
  contentHash,
  parseCoXml,
  parseStructure,
  RULE_MESSAGES,
  checkCoRules,
  workerCfs,
  type Avviso,
  type CodeLists,
  type Co,
  type Problem,
  type ValidationResult,
} from '@fsl/co';
import { readJson } from '@fsl/http';
import { maskCodiciFiscali } from '@fsl/logging';
import { eventId, type ComunicazioneObbligatoriaEventV2, type EventHeader } from '@fsl/schemas';

export const CO_SUBJECT = 'co.comunicazione-obbligatoria';
const SOURCE_SYSTEM = 'CO';
const ENTITY_TYPE = 'COMUNICAZIONE_OBBLIGATORIA';
// A CO is immutable once sent (corrections are new COs with their own codice), so its version is fixed.
const SOURCE_VERSION = 1;

export type CoInput = { format: 'json'; value: unknown } | { format: 'ndjson-line'; text: string } | { format: 'xml'; text: string };

/** One Kafka message: the event and the worker whose pseudonym keys it. */
export interface CoMessage {
  workerCf: string;
  event: ComunicazioneObbligatoriaEventV2;
}

/**
 * An accepted record: what the ingest claims and publishes. Not the parsed CO: a chunk holds its records
 * until Kafka acknowledged them, and keeping every CO's object graph alive that long made it survive the
 * young-generation collections (~5 µs a record); the payloads carry everything the events need.
 */
export interface ReadCo {
  ok: true;
  codice: string;
  hash: string;
  /** Deterministic: the same CO always yields the same ids, whatever the format or the time it is sent. */
  eventIds: string[];
  messages: CoMessage[];
  /** Data-quality warnings of parsing and validation: the record is accepted all the same. */
  avvisi: Avviso[];
}

/** No codice here: a rejected record's fields are untrusted and a 16-character code may well be a CF. */
export type RejectedCo = { ok: false; problems: Problem[]; avvisi?: Avviso[] };

export interface MappingContext {
  codeLists: CodeLists;
  correlationId?: string;
  /** The receiving clock: events' ingestedAt, and the bound for dataInvio. */
  now: number;
  /** How far dataInvio may be ahead of `now` (libs/co's default when absent). */
  clockSkewMs?: number;
}

/** Never contains a CF: `<codiceComunicazione>:<index of the worker in workerCfs(co)>`. */
export function sourceRecordId(codiceComunicazione: string, workerIndex: number): string {
  return `${codiceComunicazione}:${workerIndex}`;
}

export function coEventIds(co: Co): string[] {
  return workerCfs(co).map((_, i) => eventId(SOURCE_SYSTEM, sourceRecordId(co.datiInvio.codiceComunicazione, i), SOURCE_VERSION));
}

function parse(input: CoInput): ValidationResult<Co> {
  switch (input.format) {
    case 'json':
      return parseStructure(input.value);
    case 'ndjson-line': {
      // Depth-limited (libs/http): one line nested thousands deep used to overflow the stack and fail the
      // whole batch; now it is that line's problem.
      const read = readJson(input.text);
      return read.ok ? parseStructure(read.value) : { ok: false, problems: [read.problem] };
    }
    case 'xml':
      return parseCoXml(input.text);
  }
}

// CodeLists.versions() builds its record on every call and the tables of a CodeLists never change; coToAvro
// copies the record into each payload, so one per CodeLists can be shared.
const tableVersions = new WeakMap<CodeLists, Record<string, string>>();

function versionsOf(codeLists: CodeLists): Record<string, string> {
  let v = tableVersions.get(codeLists);
  if (!v) tableVersions.set(codeLists, (v = codeLists.versions()));
  return v;
}

function toMessages(co: Co, hash: string, ids: string[], ctx: MappingContext): CoMessage[] {
  const occurredAt = Date.parse(co.datiInvio.dataInvio);
  return coToAvro(co, { tabelleCodici: versionsOf(ctx.codeLists), contentHash: hash }).map((payload, i) => {
    const id = sourceRecordId(payload.datiInvio.codiceComunicazione, i);
    const header: EventHeader = {
      eventId: ids[i],
      sourceSystem: SOURCE_SYSTEM,
      entityType: ENTITY_TYPE,
      operation: 'UPSERT',
      sourceRecordId: id,
      sourceVersion: SOURCE_VERSION,
      occurredAt,
      ingestedAt: ctx.now,
      correlationId: ctx.correlationId ?? null,
    };
    return { workerCf: payload.lavoratoreCf, event: { header, payload } };
  });
}

/**
 * Paths may echo names the sender wrote (an unknown JSON member, an unread XML element): one shaped like a
 * codice fiscale must not come back in the answer.
 */
function masked<P extends Problem>(problems: P[]): P[] {
  return problems.map((p) => {
    const path = maskCodiciFiscali(p.path);
    return path === p.path ? p : { ...p, path };
  });
}

/** Structure, every business rule that needs no state, and the events; every problem is reported. */
export function readCoInput(input: CoInput, ctx: MappingContext): ReadCo | RejectedCo {
  const parsed = parse(input);
  if (!parsed.ok) return { ok: false, problems: masked(parsed.problems) };
  const co = parsed.value;
  const rules = checkCoRules(co, { codeLists: ctx.codeLists, now: ctx.now, clockSkewMs: ctx.clockSkewMs });
  const problems = rules.problems;
  // One list for the answer: what parsing noticed (e.g. ignored XML elements, names masked), then what
  // the rules did.
  const avvisi = parsed.warnings?.length ? [...masked(parsed.warnings), ...rules.avvisi] : rules.avvisi;
  // The codice becomes the header's sourceRecordId, which must never carry a CF: one shaped like a
  // personal code is refused even though libs/co's format rule (16 digits or letters) allows it.
  const codicePath = 'datiInvio.codiceComunicazione';
  if (maskCodiciFiscali(co.datiInvio.codiceComunicazione) !== co.datiInvio.codiceComunicazione && !problems.some((p) => p.path === codicePath)) {
    problems.push({ path: codicePath, code: 'CODICE_COMUNICAZIONE_FORMAT', message: RULE_MESSAGES.CODICE_COMUNICAZIONE_FORMAT });
  }
  if (problems.length > 0) return { ok: false, problems, avvisi };
  const hash = contentHash(co);
  const eventIds = coEventIds(co);
  return { ok: true, codice: co.datiInvio.codiceComunicazione, hash, eventIds, messages: toMessages(co, hash, eventIds, ctx), avvisi };
}
