// The GePI source as @fsl/ingest sees it: a versioned JSON source (envelope of libs/gepi, validated by
// checkGepi, claimed per version of the record), published as one message per record (gepiToAvro) on the
// GePI topic, keyed by its case id: the case is the projection, and every record of a case keeps its order
// on one partition. No CF is a key; a case id shaped like one is refused, as is a record id.
import { versionedIdentityOf, versionedJsonAdapter, type VersionedIdentity, type VersionedInput, type VersionedJsonSource } from '@fsl/ingest';
import { casoOf, checkGepi, codeUses, defaultTables, ENTITA, gepiHeaderFields, gepiRecordHash, gepiToAvro, SUBJECTS, type Entita, type GepiRecord, type GepiTables } from '@fsl/gepi';

export type GepiInput = VersionedInput<Entita>;
export type GepiIdentity = VersionedIdentity<Entita>;

export const identityOf = (key: string): GepiIdentity => versionedIdentityOf<Entita>(key);

export function gepiSource(tables: GepiTables = defaultTables()): VersionedJsonSource<Entita, GepiRecord> {
  const tabelleCodici = tables.versions();
  return {
    source: 'gepi',
    system: 'GEPI',
    name: 'GePI',
    entita: ENTITA,
    check: (entita, raw) => checkGepi(entita, raw, { tables }),
    codeUses: (entita, record) => codeUses(entita, record),
    hash: gepiRecordHash,
    // The id is the header's sourceRecordId; the case id is the message key.
    identifiers: (entita, record): Record<string, string> => (entita === 'caso' ? { id: record.id } : { id: record.id, casoId: casoOf(record) }),
    messages: (entita, record, { hash, header }) => [
      {
        subject: SUBJECTS[entita],
        event: { header: { ...gepiHeaderFields(entita, record), ...header }, payload: gepiToAvro(entita, record, { tabelleCodici, contentHash: hash }) },
        key: { raw: casoOf(record) },
      },
    ],
  };
}

export const gepiAdapter = (tables?: GepiTables) => versionedJsonAdapter(gepiSource(tables));
