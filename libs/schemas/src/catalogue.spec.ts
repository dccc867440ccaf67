import * as fs from 'node:fs';
import * as path from 'node:path';
import { Type } from 'avsc';
import { DEFAULT_AVRO_ROOT, HEADER_TYPE_NAME, SchemaCatalogue } from './catalogue';
import { fingerprintHex } from './crc64';
import { SchemaCatalogueError, UnknownSubjectError } from './errors';
import { editJson, EVOLVING_ROOT, tmpCopy } from '../test-fixtures/helpers';

const PCF_KEYS = ['name', 'type', 'fields', 'symbols', 'items', 'values', 'size'];

/** Spec rules of the Parsing Canonical Form that matter for cross-language fingerprints. */
function assertCanonical(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(assertCanonical);
  if (node === null || typeof node !== 'object') return;
  const keys = Object.keys(node);
  expect(keys.every((k) => PCF_KEYS.includes(k))).toBe(true); // [STRIP]: no doc/default/logicalType/aliases
  expect(keys).toEqual([...keys].sort((a, b) => PCF_KEYS.indexOf(a) - PCF_KEYS.indexOf(b))); // [ORDER]
  const o = node as Record<string, unknown>;
  expect(keys.length === 1 && keys[0] === 'type').toBe(false); // [PRIMITIVES]: {"type":"long"} → "long"
  if (o.type === 'record' || o.type === 'enum' || o.type === 'fixed') expect(String(o.name)).toContain('.'); // [FULLNAMES]
  Object.values(o).forEach(assertCanonical);
}

describe('SchemaCatalogue', () => {
  const cat = SchemaCatalogue.load();
  let tmp: string | undefined;
  const copy = (root: string): string => (tmp = tmpCopy(root));
  afterEach(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  it('loads every subject version, keyed by fingerprint', () => {
    expect(cat.subjects().filter((s) => s.startsWith('co.'))).toEqual(['co.comunicazione', 'co.comunicazione-obbligatoria']);
    const v1 = cat.get('co.comunicazione', 1);
    expect(cat.current('co.comunicazione')).toBe(v1);
    expect(cat.lookup(v1.fingerprint)).toBe(v1);
    expect([...cat.byFingerprint.values()].slice(0, 3)).toEqual([v1, cat.get('co.comunicazione-obbligatoria', 1), cat.get('co.comunicazione-obbligatoria', 2)]);
    expect(v1.fingerprint).toBe(fingerprintHex(v1.canonical));
  });

  it('fingerprints the fully inlined Parsing Canonical Form', () => {
    const { canonical, type } = cat.current('co.comunicazione');
    expect(canonical).toBe(JSON.stringify(type.schema()));
    expect(canonical).not.toMatch(/\s|"doc"|"default"|"logicalType"|fsl\.shared/);
    assertCanonical(JSON.parse(canonical));
    // Self-contained: parses with no registry, and re-canonicalises to the same text.
    expect(JSON.stringify(Type.forSchema(JSON.parse(canonical)).schema())).toBe(canonical);
    expect(canonical).toContain(`{"name":"${HEADER_TYPE_NAME}","type":"record"`);
  });

  it('keeps defaults in the loaded type (needed for resolution) even though the PCF drops them', () => {
    const schema = cat.current('co.comunicazione').type.schema({ exportAttrs: true });
    expect(JSON.stringify(schema)).toContain('"default":null');
  });

  it('maps an Operation symbol added later to UNKNOWN in today\'s readers (enum default)', () => {
    const file = path.join(DEFAULT_AVRO_ROOT, '_shared/EventHeader/v1.avsc');
    const reader = Type.forSchema(JSON.parse(fs.readFileSync(file, 'utf8')));
    const future = JSON.parse(fs.readFileSync(file, 'utf8'));
    future.fields.find((f: { name: string }) => f.name === 'operation').type.symbols.push('MERGE');
    const writer = Type.forSchema(future);
    const header = { eventId: 'e', sourceSystem: 'X', entityType: 'T', operation: 'MERGE', sourceRecordId: 'r',
      sourceVersion: 1, occurredAt: 0, ingestedAt: 0, correlationId: null };
    expect(reader.fromBuffer(writer.toBuffer(header), reader.createResolver(writer)).operation).toBe('UNKNOWN');
  });

  it('treats the test copy of v1 as the same schema as the real one', () => {
    expect(SchemaCatalogue.load(EVOLVING_ROOT).get('co.comunicazione', 1).fingerprint).toBe(
      cat.get('co.comunicazione', 1).fingerprint,
    );
  });

  it('throws typed errors for unknown subjects and versions', () => {
    expect(() => cat.current('nope')).toThrow(UnknownSubjectError);
    expect(() => cat.get('co.comunicazione', 99)).toThrow(UnknownSubjectError);
  });

  it('refuses a gap in the versions (a published version was deleted)', () => {
    const tmp = copy(EVOLVING_ROOT);
    fs.renameSync(path.join(tmp, 'co.comunicazione/v2.avsc'), path.join(tmp, 'co.comunicazione/v3.avsc'));
    expect(() => SchemaCatalogue.load(tmp)).toThrow(/v2 is missing/);
  });

  it('refuses badly named schema files', () => {
    const tmp = copy(DEFAULT_AVRO_ROOT);
    fs.copyFileSync(path.join(tmp, 'co.comunicazione/v1.avsc'), path.join(tmp, 'co.comunicazione/v02.avsc'));
    expect(() => SchemaCatalogue.load(tmp)).toThrow(/must be named v<N>\.avsc/);
  });

  it('refuses two versions with the same canonical form (decode would be ambiguous)', () => {
    const tmp = copy(DEFAULT_AVRO_ROOT);
    fs.copyFileSync(path.join(tmp, 'co.comunicazione/v1.avsc'), path.join(tmp, 'co.comunicazione/v2.avsc'));
    expect(() => SchemaCatalogue.load(tmp)).toThrow(/same fingerprint/);
  });

  it('requires the header to come from _shared, not a private copy', () => {
    const tmp = copy(DEFAULT_AVRO_ROOT);
    const header = JSON.parse(fs.readFileSync(path.join(tmp, '_shared/EventHeader/v1.avsc'), 'utf8'));
    editJson(path.join(tmp, 'co.comunicazione/v1.avsc'), (s) => {
      delete s['fsl.shared'];
      s.fields[0].type = header;
    });
    expect(() => SchemaCatalogue.load(tmp)).toThrow(SchemaCatalogueError);
    expect(() => SchemaCatalogue.load(tmp)).toThrow(/"header" must be it\.fsl\.events\.EventHeader/);
  });

  it('requires payload to be ["null", record] defaulting to null', () => {
    const tmp = copy(DEFAULT_AVRO_ROOT);
    editJson(path.join(tmp, 'co.comunicazione/v1.avsc'), (s) => {
      s.fields[1].type = s.fields[1].type[1];
      delete s.fields[1].default;
    });
    expect(() => SchemaCatalogue.load(tmp)).toThrow(/"payload" must be/);
  });

  it('reports a missing shared file and a missing root as catalogue errors', () => {
    const tmp = copy(DEFAULT_AVRO_ROOT);
    editJson(path.join(tmp, 'co.comunicazione/v1.avsc'), (s) => (s['fsl.shared'] = ['EventHeader/v9']));
    expect(() => SchemaCatalogue.load(tmp)).toThrow(/shared EventHeader\/v9/);
    expect(() => SchemaCatalogue.load(path.join(tmp, 'nowhere'))).toThrow(SchemaCatalogueError);
  });
});
