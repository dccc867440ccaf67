// The SIISL source as @fsl/ingest sees it: libs/siisl's siislSource (a versioned JSON source: envelope of
// libs/siisl, validated by checkSiisl, claimed per version, one message per citizen the record concerns),
// shared with the api, which publishes the course versions its consumers write through it.
import { versionedIdentityOf, versionedJsonAdapter, type VersionedIdentity, type VersionedInput, type VersionedJsonSource } from '@fsl/ingest';
import { defaultTables, siislSource as source, type Entita, type SiislRecord, type SiislTables } from '@fsl/siisl';

export type SiislInput = VersionedInput<Entita>;
export type SiislIdentity = VersionedIdentity<Entita>;

export { versionedClaimKey as claimKey } from '@fsl/ingest';
export const identityOf = (key: string): SiislIdentity => versionedIdentityOf<Entita>(key);

export const siislSource = (tables: SiislTables = defaultTables()): VersionedJsonSource<Entita, SiislRecord> => source(tables);

export const siislAdapter = (tables?: SiislTables) => versionedJsonAdapter(siislSource(tables));
