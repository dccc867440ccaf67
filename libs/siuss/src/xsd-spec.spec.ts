// xsd-spec.ts is the official XSDs written out by hand; this reads the XSD files themselves and checks that
// the two say exactly the same: every element, its children in sequence order with their occurrences,
// every attribute with its use and its simple type's facets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { PS_PSA_SINA_ROOT, SINBA_ROOT, type ElementSpec, type SimpleType } from './xsd-spec';

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: (name) => ['element', 'attribute', 'enumeration', 'simpleType', 'complexType'].includes(name) });

/** The XSD read back into the spec's shape. */
function fromXsd(file: string): ElementSpec {
  const schema = parser.parse(readFileSync(join(__dirname, '..', 'xsd', file), 'utf8')).schema as Node;
  const complex = new Map(list(schema.complexType).map((t) => [t['@name'] as string, t]));
  const simple = new Map(list(schema.simpleType).map((t) => [t['@name'] as string, t]));

  const simpleType = (t: Node): SimpleType => {
    const r = t.restriction as Node;
    const base = r['@base'] as string;
    const facet = (n: string) => (r[n] === undefined ? undefined : ((r[n] as Node)['@value'] as string));
    if (r.enumeration !== undefined) return { kind: 'enum', values: list(r.enumeration).map((e) => e['@value'] as string) };
    if (base === 'xs:date') return { kind: 'date' };
    if (base === 'xs:decimal') return { kind: 'decimal' };
    if (base === 'xs:int') {
      const min = facet('minInclusive');
      const max = facet('maxInclusive');
      return { kind: 'int', ...(min !== undefined ? { minInclusive: Number(min) } : {}), ...(max !== undefined ? { maxInclusive: Number(max) } : {}) };
    }
    expect(base).toBe('xs:string');
    const out: Record<string, unknown> = { kind: 'string' };
    for (const f of ['minLength', 'maxLength', 'length']) if (facet(f) !== undefined) out[f] = Number(facet(f));
    if (facet('pattern') !== undefined) out.pattern = facet('pattern');
    return out as SimpleType;
  };
  const typeOf = (owner: Node): SimpleType => (owner['@type'] !== undefined ? simpleType(simple.get((owner['@type'] as string).replace(/^.*:/, ''))!) : simpleType(list(owner.simpleType)[0]));

  const element = (ct: Node): ElementSpec => ({
    attributes: Object.fromEntries(list(ct.attribute).map((a) => [a['@name'], { required: a['@use'] === 'required', type: typeOf(a) }])),
    children: list((ct.sequence as Node | undefined)?.element).map((e) => ({
      name: e['@name'] as string,
      minOccurs: e['@minOccurs'] === undefined ? 1 : Number(e['@minOccurs']),
      maxOccurs: e['@maxOccurs'] === undefined ? 1 : e['@maxOccurs'] === 'unbounded' ? Infinity : Number(e['@maxOccurs']),
      element: elementOf(e),
    })),
  });
  const elementOf = (e: Node): ElementSpec => {
    const named = e['@type'] !== undefined ? (e['@type'] as string).replace(/^.*:/, '') : undefined;
    if (named && complex.has(named)) return element(complex.get(named)!);
    if (named && simple.has(named)) return { attributes: {}, children: [], text: simpleType(simple.get(named)!) };
    if (e.complexType !== undefined) return element(list(e.complexType)[0]);
    return { attributes: {}, children: [], text: simpleType(list(e.simpleType)[0]) };
  };
  const root = list(schema.element).find((e) => e['@name'] === 'Flusso')!;
  return elementOf(root);
}

/** Attribute order is not part of either: compare as sorted entries. */
function canonical(e: ElementSpec): unknown {
  return {
    attributes: Object.entries(e.attributes).sort(([a], [b]) => a.localeCompare(b)),
    children: e.children.map((c) => ({ ...c, element: canonical(c.element) })),
    ...(e.text ? { text: e.text } : {}),
  };
}

describe('xsd-spec.ts against the XSD files', () => {
  it.each([
    ['PS_PSA_SINA201812.xsd', PS_PSA_SINA_ROOT],
    ['SINBA.xsd', SINBA_ROOT],
  ])('%s says exactly what the spec says', (file, spec) => {
    expect(canonical(spec)).toEqual(canonical(fromXsd(file)));
  });

  it('would notice a changed facet', () => {
    const changed: ElementSpec = { ...SINBA_ROOT, children: SINBA_ROOT.children.map((c) => (c.name === 'SINBA' ? { ...c, maxOccurs: 1 } : c)) };
    expect(canonical(changed)).not.toEqual(canonical(fromXsd('SINBA.xsd')));
  });
});
