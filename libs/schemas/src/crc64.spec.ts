import { crc64Avro, fingerprintBytesLE, fingerprintHex, toFingerprintHex } from './crc64';

// Vectors from kafka.md §3.2 (serde_avro_fast rabin.rs tests), checked three ways: signed int64 as
// Java prints it, unsigned hex, and the little-endian bytes that go on the wire.
const VECTORS = [
  { text: '"null"', signed: 7195948357588979594n, hex: '63dd24e7cc258f8a', le: '8a 8f 25 cc e7 24 dd 63' },
  { text: '"boolean"', signed: -6970731678124411036n, hex: '9f42fc78a4d4f764', le: '64 f7 d4 a4 78 fc 42 9f' },
  {
    text: '{"name":"foo","type":"fixed","size":15}',
    signed: 1756455273707447556n,
    hex: '18602ec3ed31a504',
    le: '04 a5 31 ed c3 2e 60 18',
  },
];

describe('CRC-64-AVRO', () => {
  it.each(VECTORS)('fingerprints $text', ({ text, signed, hex, le }) => {
    const f = crc64Avro(text);
    expect(BigInt.asIntN(64, f)).toBe(signed);
    expect(toFingerprintHex(f)).toBe(hex);
    expect(fingerprintHex(text)).toBe(hex);
    expect(fingerprintBytesLE(hex).toString('hex').match(/../g)!.join(' ')).toBe(le);
  });

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    expect(crc64Avro('"è"')).toBe(crc64Avro(Buffer.from('"è"', 'utf8')));
    expect(crc64Avro('"è"')).not.toBe(crc64Avro(Buffer.from('"è"', 'latin1')));
  });

  it('keeps leading zeros in the hex form', () => {
    expect(toFingerprintHex(0x1n)).toBe('0000000000000001');
    expect(fingerprintBytesLE('0000000000000001').toString('hex')).toBe('0100000000000000');
  });
});
