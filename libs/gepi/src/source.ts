// The GePI source as a versioned JSON source of @fsl/ingest sees it (its VersionedJsonSource, matched by shape:
// this library does not depend on the ingest): records validated by checkGepi, claimed per version, published
// as one message per record (gepiToAvro) keyed by its case id — the case is the projection, and every record
// of a case keeps its order on one partition. No CF is a key; a case id shaped like one is refused, as is a
// record id. ingest-gepi receives GePI's own records through it; the api, the versions its consumers write.
import { gepiHeaderFields, gepiToAvro, SUBJECTS } from './avro-mapping';
import { codeUses, defaultTables, type GepiTables } from './codes';
import { casoOf, type GepiRecord } from './model';
import { checkGepi } from './validate';
import { gepiRecordHash } from './versioning';
import { ENTITA, type Entita } from './vocabularies';

export function gepiSource(tables: GepiTables = defaultTables()) {
  const tabelleCodici = tables.versions();
  return {
    source: 'gepi',
    system: 'GEPI',
    name: 'GePI',
    entita: ENTITA,
    check: (entita: Entita, raw: unknown) => checkGepi(entita, raw, { tables }),
    codeUses,
    hash: gepiRecordHash,
    // The id is the header's sourceRecordId; the case id is the message key.
    identifiers: (entita: Entita, record: GepiRecord): Record<string, string> => (entita === 'caso' ? { id: record.id } : { id: record.id, casoId: casoOf(record) }),
    messages: (entita: Entita, record: GepiRecord, { hash, header }: { hash: string; header: { eventId: string; ingestedAt: number; correlationId: string | null } }) => [
      {
        subject: SUBJECTS[entita],
        event: { header: { ...gepiHeaderFields(entita, record), ...header }, payload: gepiToAvro(entita, record, { tabelleCodici, contentHash: hash }) },
        key: { raw: casoOf(record) },
      },
    ],
  };
}
