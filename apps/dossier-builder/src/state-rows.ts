import type { PoolClient } from 'pg';
import type { VersionDecision } from '@fsl/siisl';

// The skeleton every fold-per-row writer of the builder shares (SIISL's catalogues and cartelle, GePI's
// cases): claim the missing rows, lock and load the rows a chunk touches in one global order, write the
// changed ones back as one json array, and raise the citizens' dossier versions in CF order. What each
// source adds is only how its records route to rows and fold.

/** A table of one JSONB value per key, folded by a lib's pure function. */
export interface StateTable<S> {
  name: string;
  keyColumn: string;
  valueColumn: 'state' | 'history';
  empty(key: string): S;
  /** Columns kept beside the value, derived from it: text, or a date given as its ISO text. */
  derived?: Readonly<Record<string, Derived<S>>>;
}

export type Derived<S> = ((value: S) => string | null) | { type: 'date'; of: (value: S) => string | null };
const derivedOf = <S>(d: Derived<S>) => (typeof d === 'function' ? { type: 'text', of: d } : d);

/**
 * The rows of `keys`, locked. Missing rows are first claimed with the table's empty value: two chunks of
 * different partitions may create the same row at once (a household member's own PUC beside the measure
 * published under the applicant's key), and without the claim the later write would replace the earlier.
 * With it the second waits for the first to commit and then loads what the first wrote.
 */
export async function lockAndLoad<S>(client: PoolClient, table: StateTable<S>, keys: readonly string[]): Promise<Map<string, S>> {
  await client.query(
    `INSERT INTO ${table.name} (${table.keyColumn}, ${table.valueColumn})
     SELECT r.k, r.v::jsonb FROM ROWS FROM (unnest($1::text[]), json_array_elements($2::json)) AS r(k, v)
     ON CONFLICT (${table.keyColumn}) DO NOTHING`,
    [keys, JSON.stringify(keys.map((k) => table.empty(k)))],
  );
  const { rows } = await client.query<{ key: string; value: S }>(
    // ORDER BY: lock rows in one global order so two chunks never deadlock on each other.
    `SELECT ${table.keyColumn} AS key, ${table.valueColumn} AS value FROM ${table.name} WHERE ${table.keyColumn} = ANY($1::text[]) ORDER BY ${table.keyColumn} FOR UPDATE`,
    [keys],
  );
  return new Map(rows.map((r) => [r.key, r.value]));
}

/**
 * The values travel as ONE json array zipped in with ROWS FROM, as in the cartella lavorativa writer (a
 * jsonb[] parameter of many documents is far slower to escape and parse). The rows exist: lockAndLoad
 * claimed them.
 */
export async function writeBack<S>(client: PoolClient, table: StateTable<S>, rows: ReadonlyArray<readonly [string, S]>): Promise<void> {
  const derived = Object.entries(table.derived ?? {}).map(([column, d]) => [column, derivedOf(d)] as const);
  const columns = derived.map(([column], i) => `${column} = r.d${i}`);
  await client.query(
    `UPDATE ${table.name} AS t SET ${[`${table.valueColumn} = r.v::jsonb`, ...columns, 'updated_at = now()'].join(', ')}
     FROM ROWS FROM (unnest($1::text[]), json_array_elements($2::json)${derived.map(([, d], i) => `, unnest($${i + 3}::${d.type}[])`).join('')})
       AS r(k, v${derived.map((_, i) => `, d${i}`).join('')})
     WHERE t.${table.keyColumn} = r.k`,
    [rows.map(([k]) => k), JSON.stringify(rows.map(([, v]) => v)), ...derived.map(([, d]) => rows.map(([, v]) => d.of(v)))],
  );
}

/** Does the fold's answer change the row? A conflict may (the smaller content hash wins) or may not. */
export function changes(decision: VersionDecision, before: unknown, after: unknown): boolean {
  if (decision === 'duplicate') return false;
  if (decision === 'conflict') return JSON.stringify(before) !== JSON.stringify(after);
  return true;
}

/**
 * Each citizen's dossier version raised by their delta; a citizen without a dossier row gets one. Sorted
 * by CF, the order every writer locks dossier rows in, so chunks of different topics never wait for each
 * other in a cycle. Returns how many citizens moved.
 */
export async function raiseDossierVersions(client: PoolClient, delta: ReadonlyMap<string, number>): Promise<number> {
  const cfs = [...delta.keys()].filter((cf) => (delta.get(cf) ?? 0) > 0).sort();
  if (cfs.length === 0) return 0;
  await client.query(
    `INSERT INTO dossier (codice_fiscale, version) SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT (codice_fiscale) DO UPDATE SET version = dossier.version + EXCLUDED.version, updated_at = now()`,
    [cfs, cfs.map((cf) => delta.get(cf))],
  );
  return cfs.length;
}
