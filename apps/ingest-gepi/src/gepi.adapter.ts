// The GePI source as @fsl/ingest sees it: libs/gepi's gepiSource (a versioned JSON source: envelope of
// libs/gepi, validated by checkGepi, claimed per version, one message per record keyed by its case id),
// shared with the api, which publishes the versions its consumers write through it.
import { resolve } from 'node:path';
import * as G from '@fsl/gepi';
import type { VersionedIdentity, VersionedJsonSource } from '@fsl/ingest';

export type GepiIdentity = VersionedIdentity<G.Entita>;

/**
 * The shipped tables, or those of `dir` (libs/gepi/code-lists' layout, e.g. the real list of the ambiti).
 * Belfiore stays libs/co's complete table: one table of comuni for every source.
 */
export const gepiTables = (dir?: string): G.GepiTables => (dir ? G.loadGepiTables(resolve(dir)) : G.defaultTables());

export const gepiSource = (tables: G.GepiTables = G.defaultTables()): VersionedJsonSource<G.Entita, G.GepiRecord> => G.gepiSource(tables);
