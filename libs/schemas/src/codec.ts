// Avro single-object encoding: C3 01 | CRC-64-AVRO of the writer's canonical schema (8 bytes LE) | body.
// The header makes every message self-describing, which is what lets us run without a registry.

import { Type } from 'avsc';
import { SchemaCatalogue, SchemaVersion } from './catalogue';
import { fingerprintBytesLE, toFingerprintHex } from './crc64';
import {
  MalformedBodyError,
  NotSingleObjectError,
  SchemaCatalogueError,
  SchemaValidationError,
  UnknownSchemaError,
} from './errors';
import { invalidPaths } from './validate';

type Resolver = ReturnType<Type['createResolver']>;

export const MAGIC = Buffer.from([0xc3, 0x01]);
export const HEADER_LENGTH = 10;

export interface Decoded<T = unknown> {
  readonly subject: string;
  /** Version the message was written with (from the fingerprint). */
  readonly version: number;
  /** Version `value` conforms to: the subject's current version in this build. */
  readonly readerVersion: number;
  /** Writer fingerprint, 16 hex digits; handy for logs and DLQ rows. */
  readonly fingerprint: string;
  readonly value: T;
}

export interface EncodeOptions {
  /** Write an older version, e.g. until every consumer has been deployed with the new one. */
  readonly version?: number;
}

export function singleObjectHeader(fingerprint: string): Buffer {
  return Buffer.concat([MAGIC, fingerprintBytesLE(fingerprint)]);
}

/** Fingerprint (hex) of a single-object message, without decoding the body. */
export function readFingerprint(buf: Buffer): string {
  if (!Buffer.isBuffer(buf) || buf.length < HEADER_LENGTH) {
    throw new NotSingleObjectError(`need at least ${HEADER_LENGTH} bytes`);
  }
  if (buf[0] !== MAGIC[0] || buf[1] !== MAGIC[1]) throw new NotSingleObjectError('bad marker, expected C3 01');
  return toFingerprintHex(buf.readBigUInt64LE(2));
}

export class AvroCodec {
  /** One resolver per writer fingerprint; null when writer and reader are the same version. */
  private readonly resolvers = new Map<string, Resolver | null>();
  private readonly headers = new Map<string, Buffer>();

  constructor(readonly catalogue: SchemaCatalogue) {}

  encode(subject: string, value: unknown, opts: EncodeOptions = {}): Buffer {
    const sv = opts.version === undefined ? this.catalogue.current(subject) : this.catalogue.get(subject, opts.version);
    const problems = [...invalidPaths(sv.type, value), ...envelopeProblems(value)];
    if (problems.length) throw new SchemaValidationError(sv.subject, sv.version, problems);
    return Buffer.concat([this.header(sv), sv.type.toBuffer(value)]);
  }

  decode(buf: Buffer): Decoded {
    const fingerprint = readFingerprint(buf);
    const writer = this.catalogue.lookup(fingerprint);
    if (!writer) throw new UnknownSchemaError(fingerprint);
    const reader = this.catalogue.current(writer.subject);
    const resolver = this.resolver(writer, reader);
    let value: unknown;
    try {
      value = reader.type.fromBuffer(buf.subarray(HEADER_LENGTH), resolver ?? undefined);
    } catch (e) {
      // avsc read errors name positions/indices only ('truncated buffer', 'invalid union index: 7').
      throw new MalformedBodyError(writer.subject, writer.version, (e as Error).message);
    }
    return { subject: writer.subject, version: writer.version, readerVersion: reader.version, fingerprint, value };
  }

  /** Problems with `value` for a subject version (current by default); empty when encodable. */
  validate(subject: string, value: unknown, version?: number): string[] {
    const sv = version === undefined ? this.catalogue.current(subject) : this.catalogue.get(subject, version);
    return [...invalidPaths(sv.type, value), ...envelopeProblems(value)];
  }

  private header(sv: SchemaVersion): Buffer {
    let h = this.headers.get(sv.fingerprint);
    if (!h) this.headers.set(sv.fingerprint, (h = singleObjectHeader(sv.fingerprint)));
    return h;
  }

  private resolver(writer: SchemaVersion, reader: SchemaVersion): Resolver | null {
    let r = this.resolvers.get(writer.fingerprint);
    if (r === undefined) {
      try {
        r = writer === reader ? null : reader.type.createResolver(writer.type);
      } catch (e) {
        // The compatibility gate should make this impossible; if it happens the build is broken.
        throw new SchemaCatalogueError(
          `${writer.subject} v${writer.version} cannot be read as v${reader.version}: ${(e as Error).message}`,
        );
      }
      this.resolvers.set(writer.fingerprint, r);
    }
    return r;
  }
}

/**
 * Rules Avro cannot express. UNKNOWN is the enum default old readers map future operations to, so it
 * must never be written; an UPSERT without a payload would upsert nothing.
 */
function envelopeProblems(value: unknown): string[] {
  const v = value as { header?: { operation?: unknown }; payload?: unknown } | null;
  const op = v?.header?.operation;
  const out: string[] = [];
  if (op === 'UNKNOWN') out.push('header.operation (UNKNOWN is reserved for readers)');
  if (op === 'UPSERT' && (v?.payload === null || v?.payload === undefined)) {
    out.push('payload (required when operation is UPSERT)');
  }
  return out;
}

let defaultCodec: AvroCodec | undefined;

/** Codec over the schemas shipped in this package, loaded on first use. */
export function getDefaultCodec(): AvroCodec {
  return (defaultCodec ??= new AvroCodec(SchemaCatalogue.load()));
}
