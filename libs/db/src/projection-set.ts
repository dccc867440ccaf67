import type { QueryResult, QueryResultRow } from 'pg';

/** A pool or a client: what these functions need. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

// A projection set: every table the dossier-builder derives from the source topics, AND the offsets it
// stored with them (consumer_offsets), so that the offsets always move with the data they describe
// (ADR 0003, ADR 0008). The live set is these tables in `public`, where the api, the builder and the
// migrations have always found them; a rebuild writes a set of the same tables in a schema of its own, and
// the switch moves both sets' tables between schemas in one transaction.
//
// THE ONE PLACE a projection table joins the sets: a table the builder writes from the topics is listed
// here (its migration creates it in public, as before). Ingest-side tables, the access audit, the
// operator's own tables and anything not derived from the topics are not listed: a switch leaves them be.

export interface ProjectionTable {
  name: string;
  /** The source topic whose messages write it (`shared`: more than one; the rebuild of one source keeps it). */
  source: 'co' | 'siisl' | 'gepi' | 'siuss' | 'shared';
  /**
   * The column that says whose data a row is (a citizen's CF, a case id, a catalogue entry): the check
   * compares checksums per value of it, then rows. Default: the first column of the primary key.
   */
  key?: string;
}

export const PROJECTION_TABLES: readonly ProjectionTable[] = [
  // Offsets first: the switch locks it before anything else (that is what holds the live builder still).
  { name: 'consumer_offsets', source: 'shared' },
  { name: 'dossier', source: 'shared' },
  { name: 'redriven_letter', source: 'shared' },
  { name: 'cartella_lavorativa', source: 'co' },
  { name: 'co_codice_index', source: 'co', key: 'worker_cf' },
  { name: 'co_link', source: 'co' },
  { name: 'co_rifiutata', source: 'co' },
  { name: 'siisl_corso', source: 'siisl' },
  { name: 'siisl_offerta', source: 'siisl' },
  { name: 'cartella_formativa', source: 'siisl' },
  { name: 'cartella_sociale', source: 'siisl' },
  { name: 'cartella_lavorativa_siisl', source: 'siisl' },
  { name: 'gepi_caso', source: 'gepi' },
  { name: 'gepi_caso_ente', source: 'gepi' },
  { name: 'gepi_caso_cittadino', source: 'gepi' },
  { name: 'siuss_prestazione', source: 'siuss', key: 'codice_fiscale' },
  { name: 'siuss_sinba', source: 'siuss', key: 'id_beneficiario' },
];

/** Where the sets that are not live are kept. The live set is always in `public`. */
export const SET_SCHEMAS = {
  /** A rebuild in progress (or caught up, waiting for the switch). */
  next: 'projection_next',
  /** The set the last switch replaced, kept for rollback until drop-previous. */
  prev: 'projection_prev',
  /** The consistency check's scratch set. */
  check: 'projection_check',
} as const;

export const LIVE_SCHEMA = 'public';

export type SetSchema = (typeof SET_SCHEMAS)[keyof typeof SET_SCHEMAS];

const IDENT = /^[a-z_][a-z0-9_]*$/;
/** Schema and table names are spliced into DDL: only plain identifiers, never anything from outside. */
export function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
}

export async function schemaExists(client: Queryable, schema: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  return (rowCount ?? 0) > 0;
}

/** The listed tables that exist in `schema`. */
export async function tablesIn(client: Queryable, schema: string, tables: readonly ProjectionTable[] = PROJECTION_TABLES): Promise<string[]> {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname = ANY($2::text[])`,
    [schema, tables.map((t) => t.name)],
  );
  const present = new Set(rows.map((r) => r.relname));
  return tables.map((t) => t.name).filter((t) => present.has(t));
}

/**
 * An empty copy of each live table in `schema` (created): columns, defaults, checks, the primary key and
 * unique constraints and every index under their own names (so that a later migration naming an index finds
 * it after a switch), and the same grants, so the apps' roles may use it once it is live.
 */
export async function createEmptySet(client: Queryable, schema: string, tables: readonly ProjectionTable[] = PROJECTION_TABLES, opts: { unlogged?: boolean } = {}): Promise<void> {
  const s = ident(schema);
  await client.query(`CREATE SCHEMA ${s}`);
  for (const { name } of tables) {
    const t = ident(name);
    await client.query(
      `CREATE ${opts.unlogged ? 'UNLOGGED ' : ''}TABLE ${s}.${t} (LIKE public.${t} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMMENTS)`,
    );
    const constraints = await client.query<{ conname: string; def: string; contype: string }>(
      `SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = ('public.' || $1)::regclass AND contype IN ('p', 'u', 'x', 'f') ORDER BY contype, conname`,
      [t],
    );
    for (const c of constraints.rows) {
      // A foreign key would tie the set to tables outside it (or to the live set): set-based projections
      // have none, and a new one must be thought about, not copied blindly.
      if (c.contype === 'f') throw new Error(`projection table ${t} has a foreign key (${c.conname}): a projection set cannot copy it`);
      await client.query(`ALTER TABLE ${s}.${t} ADD CONSTRAINT ${ident(c.conname)} ${c.def}`);
    }
    const indexes = await client.query<{ def: string }>(
      `SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
        WHERE i.indrelid = ('public.' || $1)::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [t],
    );
    for (const { def } of indexes.rows) await client.query(retarget(def, t, s));
    const grants = await client.query<{ grantee: string; privilege: string }>(
      `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee, a.privilege_type AS privilege
         FROM pg_class c, aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
        WHERE c.oid = ('public.' || $1)::regclass AND a.grantee <> c.relowner`,
      [t],
    );
    for (const g of grants.rows) await client.query(`GRANT ${g.privilege} ON ${s}.${t} TO ${g.grantee}`);
  }
}

/** An index definition of public.<table> made to name <schema>.<table> instead. */
function retarget(def: string, table: string, schema: string): string {
  const re = new RegExp(` ON (ONLY )?(public\\.)?${table} `);
  if (!re.test(def)) throw new Error(`unexpected index definition on ${table}: ${def}`);
  return def.replace(re, ` ON $1${schema}.${table} `);
}

/** What must be equal for two sets to take each other's place: columns, constraints and indexes. */
export async function setShape(client: Queryable, schema: string, tables: readonly ProjectionTable[] = PROJECTION_TABLES): Promise<Record<string, string[]>> {
  const shape: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rel = `${ident(schema)}.${ident(name)}`;
    const { rows } = await client.query<{ item: string }>(
      `SELECT 'column ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
              || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS item
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
       UNION ALL
       SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass($1)
       UNION ALL
       SELECT 'index ' || regexp_replace(pg_get_indexdef(indexrelid), ' ON (ONLY )?[a-z_]+\\.', ' ON ') FROM pg_index WHERE indrelid = to_regclass($1)
       ORDER BY 1`,
      [rel],
    );
    shape[name] = rows.map((r) => r.item);
  }
  return shape;
}

/** The differences between two shapes, one line each (empty when they may take each other's place). */
export function shapeDifferences(a: Record<string, string[]>, b: Record<string, string[]>, names: [string, string]): string[] {
  const out: string[] = [];
  for (const table of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = new Set(a[table] ?? []);
    const y = new Set(b[table] ?? []);
    for (const item of x) if (!y.has(item)) out.push(`${table}: ${item} only in ${names[0]}`);
    for (const item of y) if (!x.has(item)) out.push(`${table}: ${item} only in ${names[1]}`);
  }
  return out;
}

/** The set's tables that are UNLOGGED (a full rebuild's, until it caught up: ADR 0008). */
export async function unloggedTables(client: Queryable, schema: string, tables: readonly ProjectionTable[] = PROJECTION_TABLES): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND c.relkind = 'r' AND c.relpersistence = 'u' ORDER BY 1`,
    [schema, tables.map((t) => t.name)],
  );
  return rows.map((r) => r.name);
}

/**
 * Every UNLOGGED table of the set made an ordinary one (written whole to the WAL once). Run it in ONE
 * transaction with nothing else writing the set: until it commits, a crash of Postgres still empties every
 * table of the set together, its offsets included, never some of them.
 */
export async function setLogged(client: Queryable, schema: string, tables: readonly ProjectionTable[] = PROJECTION_TABLES): Promise<string[]> {
  const names = await unloggedTables(client, schema, tables);
  for (const name of names) await client.query(`ALTER TABLE ${ident(schema)}.${ident(name)} SET LOGGED`);
  return names;
}

/** Move the listed tables (with their indexes, constraints and grants) from one schema to another. */
export async function moveTables(client: Queryable, from: string, to: string, tables: readonly ProjectionTable[] = PROJECTION_TABLES): Promise<void> {
  for (const { name } of tables) await client.query(`ALTER TABLE ${ident(from)}.${ident(name)} SET SCHEMA ${ident(to)}`);
}

export async function dropSet(client: Queryable, schema: string): Promise<void> {
  if (schema === LIVE_SCHEMA) throw new Error('the live set is never dropped');
  await client.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
}
