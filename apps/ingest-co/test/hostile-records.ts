// Seeded hostile records for ingest-co (fast-check's generators, fixed seeds: the same records every
// run). Each one is a valid UNILAV hiring with 1 to 3 mutations, or, for NDJSON, a broken line. What a
// mutation does to the verdict is not predicted here: a mutated record may still be valid (a lower-case
// CF, an unknown member while those are tolerated), so the tests judge "accepted, or refused naming a
// field or line; never a 5xx".
import fc from 'fast-check';
import { coFixtures as F, serializeCoJson, serializeCoXml, type Unilav } from '@fsl/co';
import { randomCf } from '../../../test/support/env';

/** Variants of a valid CF: every one but the lower-case spelling is somebody else's code or none. */
const CF_VARIANTS: ReadonlyArray<(cf: string) => unknown> = [
  (cf) => `\u00A0${cf}`,
  (cf) => `\uFEFF${cf}`,
  (cf) => `${cf}\u3000`,
  (cf) => `${cf}\u2028`,
  (cf) => `${cf.slice(0, 1)}ſ${cf.slice(2)}`,
  (cf) => `${cf.slice(0, 3)}ı${cf.slice(4)}`,
  (cf) => `ß${cf.slice(2)}`,
  (cf) => `ﬁ${cf.slice(2)}`,
  (cf) => `Ｒ${cf.slice(1)}`,
  (cf) => cf.toLowerCase(),
  (cf) => `${cf.slice(0, 15)}${cf[15] === 'A' ? 'B' : 'A'}`,
  (cf) => cf.slice(0, 15),
  (cf) => `${cf}X`,
  () => '',
  () => 12345678903,
  () => ['RSSMRA45D25F205N'],
];

const BAD_DATES = ['2025-02-30', '2025-13-01', '0000-00-00', '2025-3-3', '03/03/2025', '2025-03-03T25:00:00Z', 'ieri', '+002025-03-03', '2025-03-03\u0000'];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\uFEFF', '\uD800', '\r\n'];

export type Mutation =
  | { kind: 'type'; at: number; value: unknown }
  | { kind: 'missing'; at: number }
  | { kind: 'unknown'; at: number; key: string; value: unknown }
  | { kind: 'overlong'; at: number; length: number }
  | { kind: 'control'; at: number; char: number; pos: number }
  | { kind: 'date'; at: number; value: number }
  | { kind: 'cf'; at: number; variant: number }
  | { kind: 'deep'; at: number; depth: number; object: boolean };

const at = fc.nat({ max: 1000 });
// Values of every JSON type (fc.anything's deeper values cost seconds per 10,000 records for nothing more).
const otherType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
  fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2, [], {}),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), at, value: otherType }),
  fc.record({ kind: fc.constant('missing' as const), at }),
  fc.record({ kind: fc.constant('unknown' as const), at, key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', '')), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('overlong' as const), at, length: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 257, max: 5000 }) }, { weight: 1, arbitrary: fc.constant(70_000) }) }),
  fc.record({ kind: fc.constant('control' as const), at, char: fc.nat({ max: CONTROL.length - 1 }), pos: fc.nat({ max: 20 }) }),
  fc.record({ kind: fc.constant('date' as const), at, value: fc.nat({ max: BAD_DATES.length - 1 }) }),
  fc.record({ kind: fc.constant('cf' as const), at, variant: fc.nat({ max: CF_VARIANTS.length - 1 }) }),
  fc.record({ kind: fc.constant('deep' as const), at, depth: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 33, max: 100 }) }, { weight: 1, arbitrary: fc.constant(3000) }), object: fc.boolean() }),
);

/** A valid hiring of a random worker under a fresh codice. */
export function goodRecord(codice: string, worker = randomCf()): Unilav {
  const co = F.fixtureAssunzione({ datiInvio: { codiceComunicazione: codice, tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' } });
  co.lavoratore = F.fixtureLavoratore(worker);
  delete co.lavoratore.nascita; // the random CF's birth data differ from the fixture's
  return co;
}

type Json = Record<string, unknown>;

/** Every member path of a record ("lavoratore.codiceFiscale", "inizio", …), parents before children. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}
const TEMPLATE_PATHS = pathsOf(goodRecord('1300000000000001', 'RSSMRA45D25F205N'));
const leafPaths = (pred: (p: string[]) => boolean) => TEMPLATE_PATHS.filter(pred);
const DATE_PATHS = leafPaths((p) => /^data/.test(p[p.length - 1]));
const CF_PATHS = leafPaths((p) => p[p.length - 1] === 'codiceFiscale');
const SECTION_PATHS = [[], ...TEMPLATE_PATHS.filter((p) => p.length === 1 && !['modello', 'tipoEvento'].includes(p[0]))];

function parentOf(root: Json, path: string[]): Json | undefined {
  let cur: unknown = root;
  for (const seg of path.slice(0, -1)) cur = cur !== null && typeof cur === 'object' ? (cur as Json)[seg] : undefined;
  return cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Json) : undefined;
}

/** A value as text; a member already mutated into an object or array counts as empty. */
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

function nest(depth: number, object: boolean): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = object ? { a: v } : [v];
  return v;
}

function apply(co: Json, m: Mutation): void {
  const pick = (list: string[][]) => list[m.at % list.length];
  const path = pick(TEMPLATE_PATHS);
  const set = (p: string[], v: unknown) => {
    const parent = parentOf(co, p);
    if (parent) parent[p[p.length - 1]] = v;
  };
  const current = (p: string[]) => parentOf(co, p)?.[p[p.length - 1]];
  switch (m.kind) {
    case 'type':
      return set(path, m.value);
    case 'missing': {
      const parent = parentOf(co, path);
      if (parent) delete parent[path[path.length - 1]];
      return;
    }
    case 'unknown': {
      const section = pick(SECTION_PATHS);
      const target = section.length === 0 ? co : current(section);
      if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      return;
    }
    case 'overlong':
      return set(path, `${text(current(path))}${'Z'.repeat(m.length)}`);
    case 'control': {
      const s = text(current(path));
      const i = m.pos % (s.length + 1);
      return set(path, `${s.slice(0, i)}${CONTROL[m.char]}${s.slice(i)}`);
    }
    case 'date':
      return set(pick(DATE_PATHS), BAD_DATES[m.value]);
    case 'cf': {
      const p = pick(CF_PATHS);
      return set(p, CF_VARIANTS[m.variant](text(current(p)) || 'RSSMRA45D25F205N'));
    }
    case 'deep':
      return set(path, nest(m.depth, m.object));
  }
}

/** `count` mutated hirings (as objects: JSON.stringify them), under fresh codici from `codice`. */
export function mutatedRecords(count: number, seed: number, codice: () => string): Json[] {
  const plans = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 3 }), { seed, numRuns: count });
  return plans.map((plan) => {
    const co = goodRecord(codice()) as unknown as Json;
    for (const m of plan) apply(co, m);
    return co;
  });
}

/** NDJSON lines that are not a JSON object at all (never blank, never holding a newline). */
const brokenLine: fc.Arbitrary<Buffer> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => {
    const text = serializeCoJson(goodRecord(`13${String(a).padStart(14, '0')}`, 'RSSMRA45D25F205N'));
    return Buffer.from(text.slice(0, 1 + (b % (text.length - 1))));
  }),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.concat([Buffer.from('x'), Buffer.from(bytes.map((b) => (b === 0x0a || b === 0x0d ? 0x20 : b)))])),
  fc.constantFrom('[]', '42', 'null', '"RSSMRA45D25F205N"', 'true', '{', '{"modello":', '}{', '{"a":1}{"b":2}', '\u0000', '[{"modello":"UNILAV"}]').map((s) => Buffer.from(s)),
  fc.constant(Buffer.concat([Buffer.from('{"modello":"UNILAV","x":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])),
);

export function brokenLines(count: number, seed: number): Buffer[] {
  return fc.sample(brokenLine, { seed, numRuns: count });
}

/** Text-level mutations of a valid ministry XML document. */
const xmlMutation = fc.record({
  kind: fc.constantFrom('text', 'attr', 'drop', 'unknown', 'deep', 'truncate', 'doctype', 'root'),
  at: fc.nat({ max: 1000 }),
  value: fc.oneof(
    fc.constantFrom(...BAD_DATES, ...CONTROL.map((c) => `A${c}B`), '&', ']]>', '<![CDATA[x]]>', '&#0;', '&unknown;', '<', '"', 'RſSMRA45D25F205N', '\u00A0RSSMRA45D25F205N', 'Z'.repeat(70_000)),
    fc.string({ maxLength: 40, unit: 'binary' }),
  ),
  depth: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 101, max: 300 }) }, { weight: 1, arbitrary: fc.constant(3000) }),
});

function replaceNth(text: string, re: RegExp, n: number, fn: (m: RegExpExecArray) => string): string {
  const all = [...text.matchAll(re)];
  if (all.length === 0) return text;
  const m = all[n % all.length];
  return text.slice(0, m.index) + fn(m) + text.slice(m.index! + m[0].length);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** `count` mutated XML documents; about half the text values are put in raw, the other half escaped. */
export function mutatedXml(count: number, seed: number, codice: () => string): string[] {
  const plans = fc.sample(fc.array(xmlMutation, { minLength: 1, maxLength: 3 }), { seed, numRuns: count });
  return plans.map((plan) => {
    let xml = serializeCoXml(goodRecord(codice()));
    for (const m of plan) {
      const v = m.at % 2 === 0 ? m.value : escapeXml(m.value);
      switch (m.kind) {
        case 'text':
          xml = replaceNth(xml, />([^<>]+)</g, m.at, () => `>${v}<`);
          break;
        case 'attr':
          xml = replaceNth(xml, /="([^"]*)"/g, m.at, () => `="${v}"`);
          break;
        case 'drop':
          xml = replaceNth(xml, /<([A-Za-z-]+)>[^<]*<\/\1>/g, m.at, () => '');
          break;
        case 'unknown':
          xml = replaceNth(xml, /<\/[A-Za-z]+>/g, m.at, (x) => `<Sconosciuto a="1">${escapeXml(m.value)}</Sconosciuto>${x[0]}`);
          break;
        case 'deep':
          xml = replaceNth(xml, /<\/[A-Za-z]+>/g, m.at, (x) => `${'<n>'.repeat(m.depth)}${'</n>'.repeat(m.depth)}${x[0]}`);
          break;
        case 'truncate':
          xml = xml.slice(0, m.at % xml.length);
          break;
        case 'doctype':
          xml = xml.replace('?>', '?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>');
          break;
        case 'root':
          xml = xml.replace(m.at % 2 ? 'UniLav' : 'unilav"', m.at % 2 ? 'UniLavoro' : 'unilav/x"');
          break;
      }
    }
    return xml;
  });
}
