import * as path from 'node:path';
import { SchemaCatalogue } from './catalogue';
import { AvroCodec, HEADER_LENGTH, readFingerprint, singleObjectHeader } from './codec';
import { fingerprintBytesLE } from './crc64';
import {
  MalformedBodyError,
  NotSingleObjectError,
  SchemaValidationError,
  UnknownSchemaError,
  UnknownSubjectError,
} from './errors';
import { decode, encode, DEFAULT_AVRO_ROOT, ComunicazioneEventV1 } from './index';
import { EVOLVING_ROOT, readJson } from '../test-fixtures/helpers';

const SUBJECT = 'co.comunicazione';
const fixture = (): ComunicazioneEventV1 =>
  readJson<ComunicazioneEventV1>(path.join(DEFAULT_AVRO_ROOT, SUBJECT, 'fixtures/v1.json'));

function validationError(fn: () => unknown): SchemaValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SchemaValidationError) return e;
    throw e;
  }
  throw new Error('expected SchemaValidationError');
}

describe('single-object codec', () => {
  const codec = new AvroCodec(SchemaCatalogue.load());
  const current = codec.catalogue.current(SUBJECT);

  it('lays out C3 01, the LE fingerprint, then the plain Avro body', () => {
    const buf = encode(SUBJECT, fixture());
    expect([buf[0], buf[1]]).toEqual([0xc3, 0x01]);
    expect(buf.subarray(2, HEADER_LENGTH)).toEqual(fingerprintBytesLE(current.fingerprint));
    expect(buf.readBigUInt64LE(2).toString(16).padStart(16, '0')).toBe(current.fingerprint);
    expect(buf.subarray(HEADER_LENGTH)).toEqual(current.type.toBuffer(fixture()));
    expect(buf.subarray(0, HEADER_LENGTH)).toEqual(singleObjectHeader(current.fingerprint));
    expect(readFingerprint(buf)).toBe(current.fingerprint);
  });

  it('round-trips the fixture', () => {
    const d = decode(encode(SUBJECT, fixture()));
    expect(d).toMatchObject({ subject: SUBJECT, version: 1, readerVersion: 1, fingerprint: current.fingerprint });
    expect(d.value).toEqual(fixture());
    if (d.subject === SUBJECT) expect(d.value.payload?.lavoratore.cognome).toBe('Rossi'); // narrowed type
  });

  it('fills defaulted fields left out on encode, and round-trips a VOID without payload', () => {
    const { correlationId, ...header } = fixture().header;
    expect(correlationId).toBeNull();
    const value = { header: { ...header, operation: 'VOID' } } as unknown as ComunicazioneEventV1;
    expect(codec.decode(codec.encode(SUBJECT, value)).value).toEqual({
      header: { ...header, operation: 'VOID', correlationId: null },
      payload: null,
    });
  });

  it('reads data written by an older version into the current reader shape', () => {
    const evolving = new AvroCodec(SchemaCatalogue.load(EVOLVING_ROOT));
    const v1Bytes = evolving.encode(SUBJECT, fixture(), { version: 1 });
    // Bytes from the real v1 and from the test copy of v1 are identical: same schema, same fingerprint.
    expect(v1Bytes).toEqual(encode(SUBJECT, fixture()));
    const d = evolving.decode(v1Bytes);
    expect(d).toMatchObject({ subject: SUBJECT, version: 1, readerVersion: 2 });
    const expected = fixture() as any;
    expect(d.value).toEqual({
      ...expected,
      payload: { ...expected.payload, rapporto: { ...expected.payload.rapporto, qualificaProfessionale: null, ccnl: 'ND' } },
    });
    expect(evolving.decode(v1Bytes).value).toEqual(d.value); // cached resolver path
  });

  it('throws UnknownSchemaError carrying the fingerprint for a newer writer (deploy-order bug)', () => {
    const evolving = new AvroCodec(SchemaCatalogue.load(EVOLVING_ROOT));
    const v2 = readJson(path.join(EVOLVING_ROOT, SUBJECT, 'fixtures/v2.json'));
    const buf = evolving.encode(SUBJECT, v2);
    const fp = evolving.catalogue.current(SUBJECT).fingerprint;
    expect(() => codec.decode(buf)).toThrow(UnknownSchemaError);
    expect(() => codec.decode(buf)).toThrow(fp);
    try {
      codec.decode(buf);
    } catch (e) {
      expect((e as UnknownSchemaError).fingerprint).toBe(fp);
      expect((e as UnknownSchemaError).code).toBe('UNKNOWN_SCHEMA');
    }
  });

  it('rejects a corrupted marker or a buffer shorter than the header', () => {
    const buf = encode(SUBJECT, fixture());
    const bad = Buffer.from(buf);
    bad[0] = 0x00; // what a Confluent-framed message starts with
    expect(() => decode(bad)).toThrow(NotSingleObjectError);
    const bad2 = Buffer.from(buf);
    bad2[1] = 0x02;
    expect(() => decode(bad2)).toThrow(/bad marker/);
    expect(() => decode(buf.subarray(0, 9))).toThrow(NotSingleObjectError);
    expect(() => decode(Buffer.alloc(0))).toThrow(NotSingleObjectError);
  });

  it('reports a truncated or over-long body as MalformedBodyError', () => {
    const buf = encode(SUBJECT, fixture());
    expect(() => decode(buf.subarray(0, buf.length - 3))).toThrow(MalformedBodyError);
    expect(() => decode(Buffer.concat([buf, Buffer.from([0])]))).toThrow(/trailing data/);
  });

  it('lists every bad field path on encode, without any field values', () => {
    const value = fixture() as any;
    value.header.sourceVersion = 'RSSMRA80A01H501U';
    value.payload.lavoratore.codiceFiscale = 12345;
    delete value.payload.datore.denominazione;
    value.payload.rapporto.dataFine = 20250101;
    const err = validationError(() => encode(SUBJECT, value));
    expect(err.subject).toBe(SUBJECT);
    expect(err.version).toBe(1);
    expect(err.paths).toEqual(
      expect.arrayContaining([
        'header.sourceVersion (expected long)',
        'payload.lavoratore.codiceFiscale (expected string)',
        'payload.datore.denominazione (expected string)',
        'payload.rapporto.dataFine (expected null | string)',
      ]),
    );
    expect(err.paths).toHaveLength(4);
    expect(err.message).not.toMatch(/RSSMRA|12345|20250101|Rossi|Mario/);
    expect(JSON.stringify(err)).not.toMatch(/RSSMRA|12345|20250101/);
  });

  it('rejects undeclared fields instead of silently dropping them', () => {
    const value = fixture() as any;
    value.payload.rapporto.tipoOrarioo = 'PT';
    const err = validationError(() => encode(SUBJECT, value));
    expect(err.paths).toEqual(['payload.rapporto.tipoOrarioo (undeclared field)']);
  });

  it('reports a non-object value at <root>', () => {
    expect(validationError(() => codec.encode(SUBJECT, 'x')).paths).toEqual(['<root> (expected it.fsl.co.ComunicazioneEvent)']);
  });

  it('refuses to write UNKNOWN or an UPSERT without payload', () => {
    const unknownOp = { ...fixture(), header: { ...fixture().header, operation: 'UNKNOWN' as const } };
    expect(validationError(() => encode(SUBJECT, unknownOp)).paths).toEqual([
      'header.operation (UNKNOWN is reserved for readers)',
    ]);
    expect(validationError(() => encode(SUBJECT, { ...fixture(), payload: null })).paths).toEqual([
      'payload (required when operation is UPSERT)',
    ]);
    expect(codec.validate(SUBJECT, fixture())).toEqual([]);
  });

  it('throws UnknownSubjectError for an unknown subject or version', () => {
    expect(() => codec.encode('co.nope', fixture())).toThrow(UnknownSubjectError);
    expect(() => codec.encode(SUBJECT, fixture(), { version: 2 })).toThrow(UnknownSubjectError);
  });
});
