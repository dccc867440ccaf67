// Public API of @fsl/schemas: the Avro contract of every change event on Kafka.

import { Decoded, EncodeOptions, getDefaultCodec } from './codec';
import { Subject, SubjectValues } from './types';

export * from './types';
export * from './errors';
export { eventId } from './event-id';
export { crc64Avro, fingerprintHex } from './crc64';
export { invalidPaths } from './validate';
export {
  DEFAULT_AVRO_ROOT,
  HEADER_TYPE_NAME,
  LOCK_FILE,
  SchemaCatalogue,
  type SchemaVersion,
} from './catalogue';
export {
  AvroCodec,
  HEADER_LENGTH,
  MAGIC,
  getDefaultCodec,
  readFingerprint,
  singleObjectHeader,
  type Decoded,
  type EncodeOptions,
} from './codec';
export { checkCompat, checkLock, updateLock, type CompatReport, type LockFile, type LockEntry } from './check-compat';

/** Decoded message narrowed by subject: `if (d.subject === 'co.comunicazione') d.value.payload…`. */
export type DecodedEvent = { [S in Subject]: Decoded<SubjectValues[S]> & { readonly subject: S } }[Subject];

/** Encodes with the subject's current version (single-object encoding). Throws SchemaValidationError. */
export function encode<S extends Subject>(subject: S, value: SubjectValues[S], opts?: EncodeOptions): Buffer {
  return getDefaultCodec().encode(subject, value, opts);
}

/**
 * Decodes any version of any subject into that subject's current shape. Throws NotSingleObjectError,
 * UnknownSchemaError (park the message: this build is older than its producer) or MalformedBodyError.
 */
export function decode(buf: Buffer): DecodedEvent {
  return getDefaultCodec().decode(buf) as DecodedEvent;
}
