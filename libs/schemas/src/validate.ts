// Lists what is wrong with a value without ever looking at (or returning) the offending values:
// only field paths and expected Avro type names, which are safe to log.

import { Type, types } from 'avsc';

const ROOT = '<root>';

/** Dotted paths of invalid or undeclared fields; empty when the value can be encoded. */
export function invalidPaths(type: Type, value: unknown): string[] {
  if (type.isValid(value, { noUndeclaredFields: true })) return []; // hook-free fast path for the hot encode loop
  const found = new Map<string, string>();
  const at = (p: string[]) => (p.length ? p.join('.') : ROOT);
  // Pass 1 descends into every record and reports each bad leaf with the expected type.
  type.isValid(value, {
    errorHook: (p, _val, t) => found.set(at(p), `expected ${describe(t)}`),
  });
  // Pass 2 catches undeclared keys, which avsc would otherwise drop silently on encode (a typo in an
  // optional field name would lose data). avsc stops at the first record with extra keys, so list
  // that record's extra key names ourselves. Key names come from code, not from citizens.
  type.isValid(value, {
    noUndeclaredFields: true,
    errorHook: (p, val, t) => {
      if (t.typeName !== 'record' || val === null || typeof val !== 'object') return;
      const declared = new Set((t as types.RecordType).fields.map((f) => f.name));
      for (const k of Object.keys(val)) {
        if (!declared.has(k)) found.set(at([...p, k]), 'undeclared field');
      }
    },
  });
  return [...found].map(([p, why]) => `${p} (${why})`);
}

function describe(t: Type): string {
  if (t.typeName === 'union:unwrapped') {
    return (t as types.UnwrappedUnionType).types.map(describe).join(' | ');
  }
  if (t.typeName === 'enum') return `one of ${(t as types.EnumType).symbols.join('/')}`;
  return t.name ?? t.typeName;
}
