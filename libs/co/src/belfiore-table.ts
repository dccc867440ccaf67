// libs/co's complete Belfiore table (comuni and stati with their validity dates) as a @fsl/code-lists
// table, for the other sources' validators: every source checks place codes against the same table.
import { loadTableSet, type VersionedTable } from '@fsl/code-lists';
import { DEFAULT_CODE_LISTS_DIR } from './code-lists';

let shipped: VersionedTable | undefined;

/** The shipped table, read on first use (ten thousand rows) and kept. */
export function belfioreTable(): VersionedTable {
  shipped ??= loadTableSet(DEFAULT_CODE_LISTS_DIR, ['belfiore'] as const).table('belfiore');
  return shipped;
}
