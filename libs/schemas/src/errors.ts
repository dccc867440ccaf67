// Typed errors so consumers can route failures (park in a DLQ, alert, fail fast) without parsing
// messages. Messages and fields carry schema facts only — never field values, which are personal
// data (codice fiscale, names) and would otherwise leak into logs.

export abstract class SchemaError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Buffer does not start with the Avro single-object marker C3 01, or is shorter than the header. */
export class NotSingleObjectError extends SchemaError {
  readonly code = 'NOT_SINGLE_OBJECT';
  constructor(readonly reason: string) {
    super(`not an Avro single-object message: ${reason}`);
  }
}

/** Writer fingerprint not in this build's catalogue: usually a consumer deployed before the schema. */
export class UnknownSchemaError extends SchemaError {
  readonly code = 'UNKNOWN_SCHEMA';
  constructor(readonly fingerprint: string) {
    super(`unknown writer schema fingerprint ${fingerprint} (consumer older than producer? park, do not skip)`);
  }
}

export class UnknownSubjectError extends SchemaError {
  readonly code = 'UNKNOWN_SUBJECT';
  constructor(readonly subject: string, readonly version?: number) {
    super(version === undefined ? `unknown subject ${subject}` : `unknown schema version ${subject} v${version}`);
  }
}

/** Value rejected on encode. `paths` are dotted field paths ('<root>' for the value itself). */
export class SchemaValidationError extends SchemaError {
  readonly code = 'SCHEMA_VALIDATION';
  constructor(readonly subject: string, readonly version: number, readonly paths: readonly string[]) {
    super(`value does not match ${subject} v${version}: ${paths.join(', ')}`);
  }
}

/** Header was fine and the schema known, but the body does not decode with it (truncated, corrupt). */
export class MalformedBodyError extends SchemaError {
  readonly code = 'MALFORMED_BODY';
  constructor(readonly subject: string, readonly version: number, readonly reason: string) {
    super(`cannot decode ${subject} v${version} body: ${reason}`);
  }
}

/** The schema files themselves are wrong (bad layout, parse error, duplicate fingerprint, gap...). */
export class SchemaCatalogueError extends SchemaError {
  readonly code = 'SCHEMA_CATALOGUE';
}
