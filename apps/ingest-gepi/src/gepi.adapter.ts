// The GePI source as @fsl/ingest sees it: a versioned JSON source (envelope of libs/gepi, validated by
// checkGepi, claimed per version of the record), published as one message per record (gepiToAvro) on the
// GePI topic, keyed by its case id: the case is the projection, and every record of a case keeps its order
// on one partition. No CF is a key; a case id shaped like one is refused, as is a record id.
import { resolve } from 'node:path';
import * as G from '@fsl/gepi';
import type { VersionedIdentity, VersionedJsonSource } from '@fsl/ingest';

export type GepiIdentity = VersionedIdentity<G.Entita>;

/**
 * The shipped tables, or those of `dir` (libs/gepi/code-lists' layout, e.g. the real list of the ambiti).
 * Belfiore stays libs/co's complete table: one table of comuni for every source.
 */
export const gepiTables = (dir?: string): G.GepiTables => (dir ? G.loadGepiTables(resolve(dir)) : G.defaultTables());

export function gepiSource(tables: G.GepiTables = G.defaultTables()): VersionedJsonSource<G.Entita, G.GepiRecord> {
  const tabelleCodici = tables.versions();
  return {
    source: 'gepi',
    system: 'GEPI',
    name: 'GePI',
    entita: G.ENTITA,
    check: (entita, raw) => G.checkGepi(entita, raw, { tables }),
    codeUses: G.codeUses,
    hash: G.gepiRecordHash,
    // The id is the header's sourceRecordId; the case id is the message key.
    identifiers: (entita, record): Record<string, string> => (entita === 'caso' ? { id: record.id } : { id: record.id, casoId: G.casoOf(record) }),
    messages: (entita, record, { hash, header }) => [
      {
        subject: G.SUBJECTS[entita],
        event: { header: { ...G.gepiHeaderFields(entita, record), ...header }, payload: G.gepiToAvro(entita, record, { tabelleCodici, contentHash: hash }) },
        key: { raw: G.casoOf(record) },
      },
    ],
  };
}
