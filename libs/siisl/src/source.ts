// The SIISL source as a versioned JSON source of @fsl/ingest sees it (its VersionedJsonSource, matched by
// shape: this library does not depend on the ingest): records validated by checkSiisl, claimed per version,
// published as one message per citizen the record concerns (siislToAvro) — keyed by the owner's pseudonym,
// or by entity and id for catalogue records. ingest-siisl receives SIISL's own records through it; the api,
// the versions its consumers write (courses).
import { SUBJECTS, siislHeaderFields, siislToAvro } from './avro-mapping';
import { codeUses, defaultTables, type SiislTables } from './codes';
import type { SiislRecord } from './model';
import { checkSiisl } from './validate';
import { recordHash } from './versioning';
import { ENTITA, type Entita } from './vocabularies';

export function siislSource(tables: SiislTables = defaultTables()) {
  const tabelleCodici = tables.versions();
  return {
    source: 'siisl',
    system: 'SIISL',
    name: 'SIISL',
    entita: ENTITA,
    check: (entita: Entita, raw: unknown) => checkSiisl(entita, raw, { tables }),
    codeUses: (entita: Entita, record: SiislRecord) => codeUses(entita, record),
    hash: recordHash,
    // The id becomes the header's sourceRecordId and the catalogue records' key.
    identifiers: (_entita: Entita, record: SiislRecord): Record<string, string> => ({ id: record.id }),
    messages(entita: Entita, record: SiislRecord, { hash, header }: { hash: string; header: { eventId: string; ingestedAt: number; correlationId: string | null } }) {
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
