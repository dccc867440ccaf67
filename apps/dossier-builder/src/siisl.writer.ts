import type { PoolClient } from 'pg';
import type { Entita } from '@fsl/siisl';
import type { IncomingSiisl } from './siisl-events';
import { rowKey, SIISL_TABLES, TABLE_OF, type SiislTable } from './siisl.tables';
import { countDecision, type RecordChunkOutcome } from './record-source';
import { changes, lockAndLoad, raiseDossierVersions, writeBack } from './state-rows';

// The SIISL projections: lock the rows a chunk touches (one statement per table, the tables always in the
// same order; state-rows.ts), fold the chunk's records in offset order with the libs' pure functions,
// write back the changed rows set-based, and raise each citizen's dossier version by the number of records that changed
// their state. Catalogue rows (courses, offers) are keyed by id and never copied into a citizen's state:
// the api links them when it reads.

export interface SiislChunkOutcome extends RecordChunkOutcome<Entita> {
  /** Citizens whose dossier version moved. */
  citizens: number;
}

type Table = SiislTable<unknown>;

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
    countDecision(outcome, item.entita, item.record, decision);
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
  // A SIISL-only citizen gets their dossier row here.
  outcome.citizens = await raiseDossierVersions(client, delta);
  return outcome;
}
