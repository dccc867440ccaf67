// The SIISL source as @fsl/ingest sees it: a versioned JSON source (envelope of libs/siisl, validated by
// checkSiisl, claimed per version of the record), published as one message per citizen it concerns
// (siislToAvro) on the SIISL topic — keyed by the owner's pseudonym, or by entity and id for catalogue records.
import { versionedIdentityOf, versionedJsonAdapter, type VersionedIdentity, type VersionedInput, type VersionedJsonSource } from '@fsl/ingest';
import { checkSiisl, codeUses, defaultTables, ENTITA, recordHash, siislHeaderFields, siislToAvro, SUBJECTS, type Entita, type SiislRecord, type SiislTables } from '@fsl/siisl';

export type SiislInput = VersionedInput<Entita>;
export type SiislIdentity = VersionedIdentity<Entita>;

export { versionedClaimKey as claimKey } from '@fsl/ingest';
export const identityOf = (key: string): SiislIdentity => versionedIdentityOf<Entita>(key);

export function siislSource(tables: SiislTables = defaultTables()): VersionedJsonSource<Entita, SiislRecord> {
  const tabelleCodici = tables.versions();
  return {
    source: 'siisl',
    system: 'SIISL',
    name: 'SIISL',
    entita: ENTITA,
    check: (entita, raw) => checkSiisl(entita, raw, { tables }) as ReturnType<VersionedJsonSource<Entita, SiislRecord>['check']>,
    codeUses: (entita, record) => codeUses(entita, record),
    hash: recordHash,
    // The id becomes the header's sourceRecordId and the catalogue records' key.
    identifiers: (_entita, record) => ({ id: record.id }),
    messages(entita, record, { hash, header }) {
      const subject = SUBJECTS[entita];
      // One event per version of the record, one message per citizen it concerns (they share the event id
      // and differ by cittadinoCf and sourceRecordId), all under the owner's key — a measure's under its
      // applicant's — so that a record's versions keep their order on one partition.
      const key = 'codiceFiscale' in record ? { cf: record.codiceFiscale } : { raw: `${entita}/${record.id}` };
      return siislToAvro(entita, record, { tabelleCodici, contentHash: hash }).map((payload, i) => ({
        subject,
        event: { header: { ...siislHeaderFields(entita, record, i), ...header }, payload },
        key,
      }));
    },
  };
}

export const siislAdapter = (tables?: SiislTables) => versionedJsonAdapter(siislSource(tables));
