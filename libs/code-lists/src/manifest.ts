// Loads a directory of tables described by a manifest.json ({ tables: { <name>: { file, version, source } } }).
// A table the caller needs and the manifest lacks is a deployment error, so it throws at load time rather
// than letting every record fail later.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv';
import { VersionedTable } from './table';

interface Manifest {
  tables: Record<string, { file: string; version: string; source: string } | undefined>;
}

export class TableSet<Name extends string> {
  constructor(private readonly tables: Readonly<Record<Name, VersionedTable>>) {}

  table(name: Name): VersionedTable {
    return this.tables[name];
  }

  /** name → version, for recording which tables a validation ran against. */
  versions(): Record<Name, string> {
    const out = {} as Record<Name, string>;
    for (const name of Object.keys(this.tables) as Name[]) out[name] = this.tables[name].version;
    return out;
  }
}

/**
 * Every table in `names` from `dir`, except those given in `shared`: a table several sources check against
 * (libs/co's complete Belfiore table) is loaded once by its owner and handed in, not copied into each dir.
 */
export function loadTableSet<Name extends string>(dir: string, names: readonly Name[], shared: Partial<Readonly<Record<Name, VersionedTable>>> = {}): TableSet<Name> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const tables = {} as Record<Name, VersionedTable>;
  for (const name of names) {
    const given = shared[name];
    if (given !== undefined) {
      tables[name] = given;
      continue;
    }
    const meta = manifest.tables[name];
    if (meta === undefined) throw new Error(`code-lists manifest in ${dir} has no table "${name}"`);
    tables[name] = new VersionedTable(name, meta.version, meta.source, parseCsv(readFileSync(join(dir, meta.file), 'utf8')));
  }
  return new TableSet(tables);
}
