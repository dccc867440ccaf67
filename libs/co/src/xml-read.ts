// Ministerial XML documents → structurally checked COs. The names are mapped in xml-map.ts and the result
// goes through the same structural schema as JSON (structure.ts); this file decides only the document
// level: well-formedness, the root element and its namespace. Elements and attributes the mapping did not
// read come back as warnings (xml-visits.ts), so that nothing a sender wrote disappears unnoticed.
import type { Co } from './model';
import type { Problem, ValidationResult } from './problems';
import { STRUCTURE_MESSAGES, parseStructure } from './structure';
import { MAPPERS, XmlMapping, list, node, type Node } from './xml-map';
import { XML_BATCH_ITEM, XML_BATCH_ROOT, XML_ROOTS, modelOfRoot } from './xml-names';
import { parseXmlSafely } from './xml-safe';
import { XmlVisits } from './xml-visits';

/**
 * Drops namespace prefixes from element and attribute names; xmlns declarations and xsi: attributes
 * (schemaLocation, type: instructions to a validator, not data) are removed.
 */
function stripNs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNs);
  const n = node(v);
  if (!n) return v;
  const out: Node = {};
  for (const [k, val] of Object.entries(n)) {
    if (k === '@_xmlns' || k.startsWith('@_xmlns:') || k.startsWith('@_xsi:')) continue;
    const local = k.startsWith('@_') ? `@_${k.slice(2).replace(/^[^:]*:/, '')}` : k.replace(/^[^:]*:/, '');
    out[local] = stripNs(val);
  }
  return out;
}

const fail = (code: keyof typeof STRUCTURE_MESSAGES, path = ''): { ok: false; problems: Problem[] } => ({
  ok: false,
  problems: [{ path, code, message: STRUCTURE_MESSAGES[code] }],
});

/** One model root element (namespace-prefixed or not) → structurally checked Co. */
function fromRoot(name: string, raw: unknown): ValidationResult<Co> {
  const local = name.replace(/^[^:]*:/, '');
  const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : undefined;
  const modello = modelOfRoot(local);
  if (!modello) return fail('UNKNOWN_ROOT');
  const declared = node(raw)?.[prefix ? `@_xmlns:${prefix}` : '@_xmlns'];
  if (declared !== XML_ROOTS[modello].namespace) return fail('NAMESPACE');
  const doc = node(stripNs(raw)) ?? {};
  const visits = new XmlVisits();
  const mapping = new XmlMapping();
  const parsed = parseStructure(MAPPERS[modello](visits.track(doc, local) as Node, mapping));
  if (mapping.problems.length > 0) return { ok: false, problems: [...mapping.problems, ...(parsed.ok ? [] : parsed.problems)] };
  if (!parsed.ok) return parsed;
  const warnings = visits.ignored(doc, local);
  return warnings.length > 0 ? { ...parsed, warnings } : parsed;
}

/** The shared hardened reader (xml-safe.ts): no DTD, well-formed, nesting limited. */
function parseDocument(xml: string): Node | undefined {
  const read = parseXmlSafely(xml);
  return read.ok ? node(read.doc) : undefined;
}

const rootsOf = (doc: Node): string[] => Object.keys(doc).filter((k) => !k.startsWith('?'));

/** A single CO document → structurally checked Co (call validateCo for the business rules). */
export function parseCoXml(xml: string): ValidationResult<Co> {
  const doc = parseDocument(xml);
  if (!doc) return fail('INVALID_XML');
  const roots = rootsOf(doc);
  if (roots.length !== 1) return fail('UNKNOWN_ROOT');
  return fromRoot(roots[0], doc[roots[0]]);
}

/** A <Comunicazioni> file → one structural result per <Comunicazione>, in document order. */
export function parseCoXmlBatch(xml: string): ValidationResult<Co>[] | { ok: false; problems: Problem[] } {
  const doc = parseDocument(xml);
  if (!doc) return fail('INVALID_XML');
  const container = node(doc[XML_BATCH_ROOT]);
  if (!container && doc[XML_BATCH_ROOT] !== '') return fail('UNKNOWN_ROOT');
  return list(container?.[XML_BATCH_ITEM]).map((item) => {
    const roots = Object.keys(item).filter((k) => !k.startsWith('@_'));
    return roots.length === 1 ? fromRoot(roots[0], item[roots[0]]) : fail('UNKNOWN_ROOT');
  });
}
