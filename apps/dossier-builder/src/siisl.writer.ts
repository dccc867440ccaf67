import type { PoolClient } from 'pg';
import type { Entita, VersionDecision } from '@fsl/siisl';
import type { IncomingSiisl } from './siisl-events';
import { rowKey, SIISL_TABLES, TABLE_OF, type SiislTable } from './siisl.tables';

// The SIISL projections: lock the rows a chunk touches (one statement per table, the tables always in the
// same order), fold the chunk's records in offset order with the libs' pure functions, write back the
// changed rows set-based, and raise each citizen's dossier version by the number of records that changed
// their state. Catalogue rows (courses, offers) are keyed by id and never copied into a citizen's state:
// the api links them when it reads.

export interface SiislChunkOutcome {
  /** Per entity, what the versioning rules decided for each record. */
  decisions: Map<Entita, Record<VersionDecision, number>>;
  /** Same id and version with other content: the ingest refuses these (409), so each one is a finding. */
  conflicts: Array<{ entita: Entita; id: string; versione: number }>;
  /** Citizens whose dossier version moved. */
  citizens: number;
}

type Table = SiislTable<unknown>;

/**
 * The rows of `keys`, locked. Missing rows are first claimed with the table's empty value: two chunks of
 * different partitions may create the same row at once (a household member's own PUC beside the measure
 * published under the applicant's key), and without the claim the later write would replace the earlier.
 * With it the second waits for the first to commit and then loads what the first wrote.
 */
async function lockAndLoad(client: PoolClient, table: Table, keys: string[]): Promise<Map<string, unknown>> {
  await client.query(
    `INSERT INTO ${table.name} (${table.keyColumn}, ${table.valueColumn})
     SELECT r.k, r.v::jsonb FROM ROWS FROM (unnest($1::text[]), json_array_elements($2::json)) AS r(k, v)
     ON CONFLICT (${table.keyColumn}) DO NOTHING`,
    [keys, JSON.stringify(keys.map((k) => table.empty(k)))],
  );
  const { rows } = await client.query<{ key: string; value: unknown }>(
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
async function writeBack(client: PoolClient, table: Table, rows: Array<[string, unknown]>): Promise<void> {
  const derived = Object.entries(table.derived ?? {});
  const columns = derived.map(([column], i) => `${column} = r.d${i}`);
  await client.query(
    `UPDATE ${table.name} AS t SET ${[`${table.valueColumn} = r.v::jsonb`, ...columns, 'updated_at = now()'].join(', ')}
     FROM ROWS FROM (unnest($1::text[]), json_array_elements($2::json)${derived.map((_, i) => `, unnest($${i + 3}::text[])`).join('')})
       AS r(k, v${derived.map((_, i) => `, d${i}`).join('')})
     WHERE t.${table.keyColumn} = r.k`,
    [rows.map(([k]) => k), JSON.stringify(rows.map(([, v]) => v)), ...derived.map(([, of]) => rows.map(([, v]) => of(v)))],
  );
}

/** Does the fold's answer change the row? A conflict may (the smaller content hash wins) or may not. */
function changes(decision: VersionDecision, before: unknown, after: unknown): boolean {
  if (decision === 'duplicate') return false;
  if (decision === 'conflict') return JSON.stringify(before) !== JSON.stringify(after);
  return true;
}

export async function applySiislChunk(client: PoolClient, items: readonly IncomingSiisl[]): Promise<SiislChunkOutcome> {
  const outcome: SiislChunkOutcome = { decisions: new Map(), conflicts: [], citizens: 0 };
  if (items.length === 0) return outcome;
  const routed = items.map((item) => {
    const table = TABLE_OF.get(item.entita) as Table;
    return { item, table, key: rowKey(table, item) };
  });
  const values = new Map<Table, Map<string, unknown>>();
  for (const table of SIISL_TABLES) {
    const keys = [...new Set(routed.filter((r) => r.table === table).map((r) => r.key))].sort();
    if (keys.length > 0) values.set(table, await lockAndLoad(client, table, keys));
  }

  const changed = new Map<Table, Set<string>>();
  const delta = new Map<string, number>();
  for (const { item, table, key } of routed) {
    const rows = values.get(table) as Map<string, unknown>;
    const before = rows.get(key) ?? table.empty(key);
    const { value, decision } = table.apply(before, item);
    const counts = outcome.decisions.get(item.entita) ?? { current: 0, stale: 0, duplicate: 0, conflict: 0 };
    counts[decision] += 1;
    outcome.decisions.set(item.entita, counts);
    if (decision === 'conflict') outcome.conflicts.push({ entita: item.entita, id: item.record.id, versione: item.record.versione });
    if (!changes(decision, before, value)) continue;
    rows.set(key, value);
    changed.set(table, (changed.get(table) ?? new Set()).add(key));
    if (table.citizen) delta.set(key, (delta.get(key) ?? 0) + 1);
  }

  for (const table of SIISL_TABLES) {
    const keys = changed.get(table);
    if (!keys) continue;
    const rows = values.get(table) as Map<string, unknown>;
    await writeBack(client, table, [...keys].sort().map((k) => [k, rows.get(k)]));
  }
  // A SIISL-only citizen gets their dossier row here. Sorted, like every lock this transaction takes.
  const cfs = [...delta.keys()].sort();
  if (cfs.length > 0) {
    await client.query(
      `INSERT INTO dossier (codice_fiscale, version) SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT (codice_fiscale) DO UPDATE SET version = dossier.version + EXCLUDED.version, updated_at = now()`,
      [cfs, cfs.map((cf) => delta.get(cf))],
    );
  }
  outcome.citizens = cfs.length;
  return outcome;
}
