// Loads every schema version ever published from avro/<subject>/v<N>.avsc. Layout rules are enforced
// here (not only in the gate) so a broken tree fails at service startup rather than on a message.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Type, types } from 'avsc';
import { fingerprintHex } from './crc64';
import { SchemaCatalogueError, UnknownSubjectError } from './errors';

/** Resolved from the package root so it works both from src/ (ts-jest) and dist/ (node). */
export const DEFAULT_AVRO_ROOT = path.resolve(__dirname, '..', 'avro');
export const SHARED_DIR = '_shared';
export const LOCK_FILE = 'fingerprints.lock.json';
export const HEADER_TYPE_NAME = 'it.fsl.events.EventHeader';
/** Top-level metadata attribute listing the shared files a version embeds, e.g. ["EventHeader/v1"]. */
export const SHARED_ATTR = 'fsl.shared';

const SUBJECT_RE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;
const VERSION_FILE_RE = /^v([1-9][0-9]*)\.avsc$/;
const SHARED_REF_RE = /^[A-Za-z][A-Za-z0-9]*\/v[1-9][0-9]*$/;

/**
 * One parse per file, shared by every user. 'never' makes avsc reject ambiguous unions at load time,
 * so values are always plain JSON-shaped objects (no {"string": …} wrappers) and stay that way.
 */
export const TYPE_OPTIONS = { wrapUnions: 'never' as const };

export interface SchemaVersion {
  readonly subject: string;
  readonly version: number;
  readonly type: Type;
  /** CRC-64-AVRO of `canonical`, 16 hex digits. */
  readonly fingerprint: string;
  /** Parsing Canonical Form with the shared types inlined — what the fingerprint is computed on. */
  readonly canonical: string;
  /** SHA-256 of the source JSON (subject file + shared files), so edits of defaults/docs/aliases,
   *  which do not change the canonical form but do change resolution, are caught by the lock file. */
  readonly sourceSha256: string;
  readonly file: string;
}

export class SchemaCatalogue {
  private constructor(
    readonly root: string,
    private readonly bySubject: ReadonlyMap<string, readonly SchemaVersion[]>,
    readonly byFingerprint: ReadonlyMap<string, SchemaVersion>,
  ) {}

  static load(root: string = DEFAULT_AVRO_ROOT): SchemaCatalogue {
    const bySubject = new Map<string, SchemaVersion[]>();
    const byFingerprint = new Map<string, SchemaVersion>();
    for (const subject of listSubjects(root)) {
      const versions = listVersions(root, subject).map((v) => loadVersion(root, subject, v));
      for (const sv of versions) {
        const clash = byFingerprint.get(sv.fingerprint);
        if (clash) {
          // Identical canonical forms would make decode ambiguous about subject/version.
          throw new SchemaCatalogueError(
            `${sv.subject} v${sv.version} has the same fingerprint as ${clash.subject} v${clash.version}`,
          );
        }
        byFingerprint.set(sv.fingerprint, sv);
      }
      bySubject.set(subject, versions);
    }
    return new SchemaCatalogue(root, bySubject, byFingerprint);
  }

  subjects(): string[] {
    return [...this.bySubject.keys()];
  }

  /** All versions of a subject, ascending. */
  versions(subject: string): readonly SchemaVersion[] {
    const vs = this.bySubject.get(subject);
    if (!vs) throw new UnknownSubjectError(subject);
    return vs;
  }

  current(subject: string): SchemaVersion {
    const vs = this.versions(subject);
    return vs[vs.length - 1];
  }

  get(subject: string, version: number): SchemaVersion {
    const sv = this.versions(subject).find((v) => v.version === version);
    if (!sv) throw new UnknownSubjectError(subject, version);
    return sv;
  }

  lookup(fingerprint: string): SchemaVersion | undefined {
    return this.byFingerprint.get(fingerprint);
  }
}

export function listSubjects(root: string): string[] {
  if (!fs.existsSync(root)) throw new SchemaCatalogueError(`schema root ${root} does not exist`);
  const out: string[] = [];
  for (const e of fs.readdirSync(root, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name === SHARED_DIR || e.name.startsWith('.')) continue;
    if (!SUBJECT_RE.test(e.name)) throw new SchemaCatalogueError(`invalid subject directory name ${e.name}`);
    out.push(e.name);
  }
  return out.sort();
}

/** Version numbers of a subject; must be exactly 1..N because published versions are never deleted. */
export function listVersions(root: string, subject: string): number[] {
  const dir = path.join(root, subject);
  const versions: number[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.avsc')) continue;
    const m = VERSION_FILE_RE.exec(name);
    if (!m) throw new SchemaCatalogueError(`${subject}/${name}: schema files must be named v<N>.avsc`);
    versions.push(Number(m[1]));
  }
  versions.sort((a, b) => a - b);
  if (versions.length === 0) throw new SchemaCatalogueError(`${subject} has no versions`);
  versions.forEach((v, i) => {
    if (v !== i + 1) throw new SchemaCatalogueError(`${subject}: version v${i + 1} is missing (versions are never deleted)`);
  });
  return versions;
}

function readJson(file: string, label: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SchemaCatalogueError(`${label}: ${(e as Error).message}`);
  }
}

function loadVersion(root: string, subject: string, version: number): SchemaVersion {
  const label = `${subject} v${version}`;
  const file = path.join(root, subject, `v${version}.avsc`);
  const raw = readJson(file, label) as Record<string, unknown>;
  if (raw === null || typeof raw !== 'object' || raw.type !== 'record') {
    throw new SchemaCatalogueError(`${label}: top level must be a record`);
  }
  const { [SHARED_ATTR]: refs = [], ...schema } = raw;
  if (!Array.isArray(refs) || !refs.every((r) => typeof r === 'string' && SHARED_REF_RE.test(r))) {
    throw new SchemaCatalogueError(`${label}: "${SHARED_ATTR}" must be an array like ["EventHeader/v1"]`);
  }
  // A fresh registry per version: v1 and v2 legitimately define the same record names differently.
  const registry: Record<string, Type> = {};
  const shared: Record<string, unknown> = {};
  for (const ref of refs as string[]) {
    shared[ref] = readJson(path.join(root, SHARED_DIR, `${ref}.avsc`), `${label} shared ${ref}`);
    parse(shared[ref], registry, `${label} shared ${ref}`);
  }
  const sharedHeader = registry[HEADER_TYPE_NAME];
  const type = parse(schema, registry, label) as types.RecordType;
  checkEnvelope(type, sharedHeader, label);
  // type.schema() without options is the Parsing Canonical Form, with named types inlined at their
  // first use — exactly what a non-JS reader of the same inlined schema would fingerprint.
  const canonical = JSON.stringify(type.schema());
  return {
    subject,
    version,
    type,
    fingerprint: fingerprintHex(canonical),
    canonical,
    sourceSha256: createHash('sha256').update(stableStringify({ schema: raw, shared })).digest('hex'),
    file,
  };
}

function parse(schema: unknown, registry: Record<string, Type>, label: string): Type {
  try {
    return Type.forSchema(schema as never, { ...TYPE_OPTIONS, registry });
  } catch (e) {
    throw new SchemaCatalogueError(`${label}: ${(e as Error).message}`);
  }
}

/** Every subject value is { header: <shared EventHeader>, payload: union[null, record] = null }. */
function checkEnvelope(type: types.RecordType, sharedHeader: Type | undefined, label: string): void {
  const header = type.field('header');
  if (!sharedHeader || !header || header.type !== sharedHeader) {
    throw new SchemaCatalogueError(
      `${label}: field "header" must be ${HEADER_TYPE_NAME} taken from ${SHARED_DIR}/ via "${SHARED_ATTR}"`,
    );
  }
  const payload = type.field('payload');
  const branches = payload && (payload.type as types.UnwrappedUnionType).types;
  if (
    !payload ||
    payload.type.typeName !== 'union:unwrapped' ||
    branches.length !== 2 ||
    branches[0].typeName !== 'null' ||
    branches[1].typeName !== 'record' ||
    payload.defaultValue() !== null
  ) {
    throw new SchemaCatalogueError(`${label}: field "payload" must be ["null", <record>] with default null`);
  }
}

/** JSON with object keys sorted, so the hash ignores formatting and key order but nothing else. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
