// A flow's ordered XML tree (libs/co's parseXmlSafely, mode `ordered`) against one of the two XSDs written
// out in xsd-spec.ts, the way a schema validator judges it: namespace of every element, element order and
// occurrences, no undeclared element or attribute, no text in element-only content, and every value
// through its simple type with the XSD's white-space handling (strings as written, dates and numbers
// collapsed). What passes comes back as a plain tree of checked values. Stricter than the XSD only where the
// model needs it (a date must fit AAAA-MM-GG), never looser: every flow accepted here passes the XSD
// (xsd-conformance.spec.ts checks it with a real validator).
import { decodeXmlReferences, normalizeAttributeWhitespace } from '@fsl/co';
import { problem, type Problem, type ProblemCode } from './problems';
import { NAMESPACE, ROOT_ELEMENT, type ElementSpec, type SimpleType } from './xsd-spec';

/** A checked element: attribute values (absent = not written) and children by name, in document order. */
export interface Plain {
  attrs: Readonly<Record<string, string>>;
  children: Readonly<Record<string, readonly Plain[]>>;
  /** Simple-content elements only. */
  text?: string;
}

export type CheckResult = { ok: true; root: Plain; warnings: Problem[] } | { ok: false; problems: Problem[]; warnings: Problem[] };

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** xsi: attributes a flow may carry: hints to a validator, not data (the official examples have one). */
const XSI_HINTS = new Set(['schemaLocation', 'noNamespaceSchemaLocation']);

type OrderedNode = Record<string, unknown>;
const isObject = (v: unknown): v is OrderedNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The element name of an ordered node (its one key besides `:@`), or undefined for text and CDATA. */
function elementName(n: OrderedNode): string | undefined {
  const k = Object.keys(n).find((x) => x !== ':@');
  return k === undefined || k === '#text' || k === '#cdata' ? undefined : k;
}

const XML_SPACE = /^[ \t\r\n]*$/;
const COLLAPSE = (v: string) => v.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

/** XSD regular expressions are anchored; `\d` is any Unicode decimal digit. */
const xsdRegex = (pattern: string) => new RegExp(`^(?:${pattern.replace(/\\d/g, '\\p{Nd}')})$`, 'u');
const regexCache = new Map<string, RegExp>();
const matches = (pattern: string, v: string) => {
  let re = regexCache.get(pattern);
  if (!re) regexCache.set(pattern, (re = xsdRegex(pattern)));
  return re.test(v);
};

const daysIn = (y: number, m: number) => [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

/** Checks a value of a simple type; `value` is what the model keeps. */
export function checkSimple(type: SimpleType, raw: string): { ok: true; value: string; warning?: 'DATA_CON_FUSO' } | { ok: false; code: 'VALUE_LENGTH' | 'VALUE_PATTERN' | 'VALUE_ENUM' | 'VALUE_DATE' | 'VALUE_DECIMAL' | 'VALUE_INT' | 'DATA_FUORI_INTERVALLO' } {
  switch (type.kind) {
    case 'string': {
      const n = [...raw].length;
      if ((type.length !== undefined && n !== type.length) || (type.minLength !== undefined && n < type.minLength) || (type.maxLength !== undefined && n > type.maxLength)) return { ok: false, code: 'VALUE_LENGTH' };
      if (type.pattern !== undefined && !matches(type.pattern, raw)) return { ok: false, code: 'VALUE_PATTERN' };
      return { ok: true, value: raw };
    }
    case 'enum':
      return type.values.includes(raw) ? { ok: true, value: raw } : { ok: false, code: 'VALUE_ENUM' };
    case 'date': {
      // xs:date allows years beyond 9999, negative years and a time zone; the model keeps AAAA-MM-GG.
      const m = /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$/.exec(COLLAPSE(raw));
      if (!m) return { ok: false, code: 'VALUE_DATE' };
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (y === 0 || /^-?0[0-9]{4,}/.test(m[1]) || mo < 1 || mo > 12 || d < 1 || d > daysIn(Math.abs(y), mo)) return { ok: false, code: 'VALUE_DATE' };
      if (y < 1900 || y > 2099) return { ok: false, code: 'DATA_FUORI_INTERVALLO' };
      return { ok: true, value: `${m[1]}-${m[2]}-${m[3]}`, ...(m[4] ? { warning: 'DATA_CON_FUSO' as const } : {}) };
    }
    case 'decimal': {
      const v = COLLAPSE(raw);
      return /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(v) ? { ok: true, value: v } : { ok: false, code: 'VALUE_DECIMAL' };
    }
    case 'int': {
      const v = COLLAPSE(raw);
      if (!/^[+-]?[0-9]+$/.test(v)) return { ok: false, code: 'VALUE_INT' };
      const n = Number(v);
      if (n < -2147483648 || n > 2147483647) return { ok: false, code: 'VALUE_INT' };
      if ((type.minInclusive !== undefined && n < type.minInclusive) || (type.maxInclusive !== undefined && n > type.maxInclusive)) return { ok: false, code: 'VALUE_INT' };
      return { ok: true, value: String(n) };
    }
  }
}

/** A more precise code for a pattern failure, when the caller knows why a value fails (see decode.ts). */
export type PatternRefinement = (path: string, value: string) => ProblemCode | undefined;

class Checker {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  constructor(private readonly refine?: PatternRefinement) {}

  /** In-scope namespace declarations: prefix ('' = default) → URI. */
  private resolve(name: string, scope: ReadonlyMap<string, string>): { ns: string | undefined; local: string } {
    const i = name.indexOf(':');
    return i < 0 ? { ns: scope.get(''), local: name } : { ns: scope.get(name.slice(0, i)), local: name.slice(i + 1) };
  }

  private scopeOf(attrs: OrderedNode, parent: ReadonlyMap<string, string>): Map<string, string> {
    const scope = new Map(parent);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'xmlns') scope.set('', String(v));
      else if (k.startsWith('xmlns:')) scope.set(k.slice(6), String(v));
    }
    return scope;
  }

  element(node: OrderedNode, name: string, spec: ElementSpec, path: string, parentScope: ReadonlyMap<string, string>): Plain | undefined {
    const rawAttrs = isObject(node[':@']) ? node[':@'] : {};
    const scope = this.scopeOf(rawAttrs, parentScope);
    const before = this.problems.length;
    const attrs = this.attributes(rawAttrs, spec, path, scope);
    const content = Array.isArray(node[name]) ? (node[name] as unknown[]).filter(isObject) : [];

    if (spec.text) {
      let text = '';
      for (const c of content) {
        if (elementName(c) !== undefined) {
          this.problems.push(problem(path, 'XML_ELEMENT_NOT_ALLOWED'));
          return undefined;
        }
        if ('#cdata' in c) text += cdataText(c);
        else {
          const decoded = decodeXmlReferences(String(c['#text'] ?? ''));
          if (decoded === undefined) return this.fail(path, 'XML_NOT_WELL_FORMED');
          text += decoded;
        }
      }
      const checked = checkSimple(spec.text, text);
      if (!checked.ok) return this.fail(path, checked.code);
      return this.problems.length > before ? undefined : { attrs, children: {}, text: checked.value };
    }

    const elements: Array<{ node: OrderedNode; local: string }> = [];
    for (const c of content) {
      const en = elementName(c);
      if (en === undefined) {
        // Element-only content: white space between elements, nothing else (CDATA neither).
        if ('#cdata' in c || !XML_SPACE.test(String(c['#text'] ?? ''))) this.problems.push(problem(path, 'XML_TEXT_NOT_ALLOWED'));
        continue;
      }
      const cScope = this.scopeOf(isObject(c[':@']) ? c[':@'] : {}, scope);
      const { ns, local } = this.resolve(en, cScope);
      if (ns !== NAMESPACE) {
        this.problems.push(problem(`${path}/${local}`, spec.children.some((s) => s.name === local) ? 'XML_NAMESPACE' : 'XML_UNKNOWN_ELEMENT'));
        continue;
      }
      if (!spec.children.some((s) => s.name === local)) {
        this.problems.push(problem(`${path}/${local}`, 'XML_UNKNOWN_ELEMENT'));
        continue;
      }
      elements.push({ node: c, local });
    }

    // The sequence: each declared child in turn takes the run of elements with its name.
    const children: Record<string, Plain[]> = {};
    let i = 0;
    for (const child of spec.children) {
      const run: OrderedNode[] = [];
      while (i < elements.length && elements[i].local === child.name) run.push(elements[i++].node);
      const childPath = (k: number) => `${path}/${child.name}${child.maxOccurs > 1 ? `[${k + 1}]` : ''}`;
      if (run.length > child.maxOccurs) this.problems.push(problem(childPath(child.maxOccurs), 'XML_TOO_MANY'));
      else if (run.length < child.minOccurs) {
        const laterInSequence = elements.slice(i).some((e) => e.local === child.name);
        if (!laterInSequence) this.problems.push(problem(`${path}/${child.name}`, run.length === 0 ? 'XML_MISSING_ELEMENT' : 'XML_TOO_FEW'));
      }
      const out: Plain[] = [];
      run.forEach((n, k) => {
        const en = elementName(n)!;
        const p = this.element(n, en, child.element, childPath(k), scope);
        if (p) out.push(p);
      });
      if (out.length > 0) children[child.name] = out;
    }
    for (const rest of elements.slice(i)) this.problems.push(problem(`${path}/${rest.local}`, 'XML_ORDER'));
    return this.problems.length > before ? undefined : { attrs, children };
  }

  private attributes(raw: OrderedNode, spec: ElementSpec, path: string, scope: ReadonlyMap<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      const i = k.indexOf(':');
      if (i >= 0) {
        // The XSDs declare unqualified attributes only; xsi: hints are for validators.
        if (!(scope.get(k.slice(0, i)) === XSI && XSI_HINTS.has(k.slice(i + 1)))) this.problems.push(problem(`${path}/@${k}`, 'XML_UNKNOWN_ATTRIBUTE'));
        continue;
      }
      const a = spec.attributes[k];
      if (!a) {
        this.problems.push(problem(`${path}/@${k}`, 'XML_UNKNOWN_ATTRIBUTE'));
        continue;
      }
      const decoded = decodeXmlReferences(normalizeAttributeWhitespace(String(v)));
      if (decoded === undefined) {
        this.problems.push(problem(`${path}/@${k}`, 'XML_NOT_WELL_FORMED'));
        continue;
      }
      const checked = checkSimple(a.type, decoded);
      if (!checked.ok) {
        const p = `${path}/@${k}`;
        this.problems.push(problem(p, (checked.code === 'VALUE_PATTERN' && this.refine?.(p, decoded)) || checked.code));
      } else {
        out[k] = checked.value;
        if (checked.warning) this.warnings.push(problem(`${path}/@${k}`, checked.warning));
      }
    }
    for (const [name, a] of Object.entries(spec.attributes)) if (a.required && raw[name] === undefined) this.problems.push(problem(`${path}/@${name}`, 'REQUIRED_ATTRIBUTE'));
    return out;
  }

  private fail(path: string, code: Parameters<typeof problem>[1]): undefined {
    this.problems.push(problem(path, code));
    return undefined;
  }
}

function cdataText(n: OrderedNode): string {
  const parts = Array.isArray(n['#cdata']) ? (n['#cdata'] as unknown[]) : [];
  return parts.map((p) => (isObject(p) ? String(p['#text'] ?? '') : '')).join('');
}

/** The ordered document (a list of top-level nodes) against the spec of its root element. */
export function checkAgainstXsd(doc: unknown, root: ElementSpec, refine?: PatternRefinement): CheckResult {
  const top = (Array.isArray(doc) ? doc : []).filter(isObject);
  const roots = top.filter((n) => elementName(n) !== undefined);
  const c = new Checker(refine);
  if (roots.length !== 1 || top.some((n) => elementName(n) === undefined && !XML_SPACE.test(String(n['#text'] ?? 'x')))) {
    return { ok: false, problems: [problem('/', 'XML_ROOT')], warnings: [] };
  }
  const node = roots[0];
  const name = elementName(node)!;
  const attrs = isObject(node[':@']) ? node[':@'] : {};
  const scope = new Map<string, string>();
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'xmlns') scope.set('', String(v));
    else if (k.startsWith('xmlns:')) scope.set(k.slice(6), String(v));
  }
  const i = name.indexOf(':');
  const ns = i < 0 ? scope.get('') : scope.get(name.slice(0, i));
  const local = i < 0 ? name : name.slice(i + 1);
  if (local !== ROOT_ELEMENT || ns !== NAMESPACE) return { ok: false, problems: [problem('/', 'XML_ROOT')], warnings: [] };
  const plain = c.element(node, name, root, `/${ROOT_ELEMENT}`, new Map());
  return plain && c.problems.length === 0 ? { ok: true, root: plain, warnings: c.warnings } : { ok: false, problems: c.problems, warnings: c.warnings };
}
