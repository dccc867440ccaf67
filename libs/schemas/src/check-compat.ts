// Compatibility gate for CI: `node libs/schemas/dist/check-compat.js [--root <avro dir>] [--update-lock]`.
// Without a registry, this is what stops a producer from publishing bytes an existing consumer
// cannot read, or a reader from losing the ability to read what is already on the topics.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_AVRO_ROOT, LOCK_FILE, SchemaCatalogue, SchemaVersion, stableStringify } from './catalogue';
import { explainIncompatibility } from './diagnose';
import { invalidPaths } from './validate';

export interface LockEntry {
  fingerprint: string;
  sourceSha256: string;
}
/** subject → "v<N>" → entry. */
export type LockFile = Record<string, Record<string, LockEntry>>;

export interface CompatReport {
  ok: boolean;
  problems: string[];
  /** Subject → number of versions checked. */
  checked: Record<string, number>;
}

export function checkCompat(root: string = DEFAULT_AVRO_ROOT): CompatReport {
  let cat: SchemaCatalogue;
  try {
    cat = SchemaCatalogue.load(root);
  } catch (e) {
    return { ok: false, problems: [(e as Error).message], checked: {} };
  }
  const problems: string[] = [];
  const checked: Record<string, number> = {};
  for (const subject of cat.subjects()) {
    const vs = cat.versions(subject);
    checked[subject] = vs.length;
    const fixtures = vs.map((sv) => loadFixture(root, sv, problems));
    // FULL_TRANSITIVE: every pair, both directions — consumers may be several versions behind or ahead.
    for (let i = 0; i < vs.length; i++) {
      for (let j = i + 1; j < vs.length; j++) {
        checkDirection(vs[i], vs[j], fixtures[i], 'BACKWARD', problems);
        checkDirection(vs[j], vs[i], fixtures[j], 'FORWARD', problems);
      }
    }
  }
  try {
    problems.push(...checkLock(cat, readLock(root)));
  } catch (e) {
    problems.push(`${LOCK_FILE}: ${(e as Error).message}`);
  }
  return { ok: problems.length === 0, problems, checked };
}

/** Can `reader` read what `writer` wrote? Proven by resolver creation plus a real fixture round trip. */
function checkDirection(
  writer: SchemaVersion,
  reader: SchemaVersion,
  fixture: unknown,
  kind: string,
  problems: string[],
): void {
  const what = `${writer.subject}: v${reader.version} reading v${writer.version} (${kind})`;
  let resolver;
  try {
    resolver = reader.type.createResolver(writer.type);
  } catch {
    for (const why of explainIncompatibility(reader.type, writer.type)) problems.push(`${what}: ${why}`);
    return;
  }
  if (fixture === undefined) return;
  try {
    const value = reader.type.fromBuffer(writer.type.toBuffer(fixture), resolver);
    const bad = invalidPaths(reader.type, value);
    if (bad.length) problems.push(`${what}: fixture round trip gave an invalid value: ${bad.join(', ')}`);
  } catch (e) {
    problems.push(`${what}: fixture round trip failed: ${(e as Error).message}`);
  }
}

function loadFixture(root: string, sv: SchemaVersion, problems: string[]): unknown {
  const rel = path.join(sv.subject, 'fixtures', `v${sv.version}.json`);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
  } catch (e) {
    problems.push(`${sv.subject} v${sv.version}: fixture ${rel} missing or not JSON (${(e as Error).message})`);
    return undefined;
  }
  const bad = invalidPaths(sv.type, value);
  if (bad.length) {
    problems.push(`${sv.subject} v${sv.version}: fixture ${rel} does not match its schema: ${bad.join(', ')}`);
    return undefined;
  }
  return value;
}

export function readLock(root: string): LockFile | undefined {
  const file = path.join(root, LOCK_FILE);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LockFile;
}

const HINT = 'run `node libs/schemas/dist/check-compat.js --update-lock` and commit the lock file';

export function checkLock(cat: SchemaCatalogue, lock: LockFile | undefined): string[] {
  if (!lock) return [`${LOCK_FILE} is missing: ${HINT}`];
  const problems: string[] = [];
  for (const subject of cat.subjects()) {
    for (const sv of cat.versions(subject)) {
      const entry = lock[subject]?.[`v${sv.version}`];
      if (!entry) {
        problems.push(`${subject} v${sv.version} is not in ${LOCK_FILE} (new version? ${HINT})`);
      } else if (entry.fingerprint !== sv.fingerprint) {
        problems.push(
          `${subject} v${sv.version} was edited after publication: canonical form changed ` +
            `(locked ${entry.fingerprint}, now ${sv.fingerprint}); add a new version instead`,
        );
      } else if (entry.sourceSha256 !== sv.sourceSha256) {
        problems.push(
          `${subject} v${sv.version} was edited after publication: defaults, docs, aliases or ` +
            `shared types changed; add a new version instead`,
        );
      }
    }
  }
  const known = new Set(cat.subjects());
  for (const [subject, versions] of Object.entries(lock)) {
    for (const v of Object.keys(versions)) {
      const n = Number(v.slice(1));
      if (!known.has(subject) || !cat.versions(subject).some((sv) => sv.version === n)) {
        problems.push(`${subject} ${v} is in ${LOCK_FILE} but its schema file is gone (versions are never deleted)`);
      }
    }
  }
  return problems;
}

/**
 * Adds lock entries for versions not yet locked and returns them. Never rewrites an existing entry:
 * this is not a way to accept an edit of a published version.
 */
export function updateLock(root: string = DEFAULT_AVRO_ROOT): string[] {
  const cat = SchemaCatalogue.load(root);
  const lock: LockFile = readLock(root) ?? {};
  const added: string[] = [];
  for (const subject of cat.subjects()) {
    for (const sv of cat.versions(subject)) {
      const entries = (lock[subject] ??= {});
      if (entries[`v${sv.version}`]) continue;
      entries[`v${sv.version}`] = { fingerprint: sv.fingerprint, sourceSha256: sv.sourceSha256 };
      added.push(`${subject} v${sv.version}`);
    }
  }
  if (added.length) {
    const pretty = JSON.stringify(JSON.parse(stableStringify(lock)), null, 2);
    fs.writeFileSync(path.join(root, LOCK_FILE), pretty + '\n');
  }
  return added;
}

export function main(argv: readonly string[], log: (line: string) => void = console.log): number {
  const rootAt = argv.indexOf('--root');
  const root = rootAt >= 0 && argv[rootAt + 1] ? path.resolve(argv[rootAt + 1]) : DEFAULT_AVRO_ROOT;
  if (argv.includes('--update-lock')) {
    const added = updateLock(root);
    log(added.length ? `locked: ${added.join(', ')}` : 'lock file already up to date');
  }
  const report = checkCompat(root);
  if (report.ok) {
    const summary = Object.entries(report.checked).map(([s, n]) => `${s} (${n} version${n === 1 ? '' : 's'})`);
    log(`schemas OK: ${summary.join(', ')}`);
    return 0;
  }
  log(`schema compatibility check FAILED for ${root}:`);
  for (const p of report.problems) log(`  - ${p}`);
  return 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
