// avsc reports a failed resolution at the outermost union ("cannot read X as ["null", X]"), which
// does not tell a schema author which field broke. This walks both schemas to the failing leaves.

import { Type, types } from 'avsc';

/** Reasons `reader` cannot read data written with `writer`, as field paths; empty if it can. */
export function explainIncompatibility(reader: Type, writer: Type, path = ''): string[] {
  let top: string;
  try {
    reader.createResolver(writer);
    return [];
  } catch (e) {
    top = (e as Error).message;
  }
  const at = path || '<root>';
  if (isUnion(reader) || isUnion(writer)) {
    const rBranches = branches(reader);
    const out: string[] = [];
    for (const wb of branches(writer)) {
      if (rBranches.some((rb) => resolves(rb, wb))) continue;
      const same = rBranches.find((rb) => rb.typeName === wb.typeName && rb.name === wb.name);
      out.push(...(same ? explainIncompatibility(same, wb, path) : [`${at}: no reader branch for ${label(wb)}`]));
    }
    return out.length ? out : [`${at}: ${top}`];
  }
  if (reader.typeName === 'record' && writer.typeName === 'record' && reader.name === writer.name) {
    const r = reader as types.RecordType;
    const w = writer as types.RecordType;
    const out: string[] = [];
    for (const rf of r.fields) {
      const sub = path ? `${path}.${rf.name}` : rf.name;
      const wf = [rf.name, ...(rf.aliases ?? [])].map((n) => w.field(n)).find(Boolean);
      if (wf) out.push(...explainIncompatibility(rf.type, wf.type, sub));
      else if (rf.defaultValue() === undefined) out.push(`${sub}: reader field has no default and the writer lacks it`);
    }
    return out.length ? out : [`${at}: ${top}`];
  }
  return [`${at}: cannot read ${label(writer)} as ${label(reader)}`];
}

function resolves(reader: Type, writer: Type): boolean {
  try {
    reader.createResolver(writer);
    return true;
  } catch {
    return false;
  }
}

function isUnion(t: Type): boolean {
  return t.typeName.startsWith('union');
}

function branches(t: Type): Type[] {
  return isUnion(t) ? (t as types.UnwrappedUnionType).types : [t];
}

function label(t: Type): string {
  return t.name ?? t.typeName;
}
