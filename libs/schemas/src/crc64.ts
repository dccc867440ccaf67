// CRC-64-AVRO (64-bit Rabin fingerprint, reflected), as used by the Avro single-object header and
// Java's SchemaNormalization.parsingFingerprint64. avsc has no implementation (its fingerprint() is
// md5/sha via node:crypto), and it only runs once per schema at startup, so BigInt cost is irrelevant.

const EMPTY = 0xc15d213aa4d7a795n;
const MASK64 = 0xffffffffffffffffn;

const TABLE: readonly bigint[] = (() => {
  const table: bigint[] = [];
  for (let i = 0; i < 256; i++) {
    let f = BigInt(i);
    for (let j = 0; j < 8; j++) f = f & 1n ? (f >> 1n) ^ EMPTY : f >> 1n;
    table.push(f);
  }
  return table;
})();

/** Unsigned 64-bit CRC-64-AVRO of the UTF-8 bytes of `input` (normally a Parsing Canonical Form). */
export function crc64Avro(input: string | Uint8Array): bigint {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  let f = EMPTY;
  for (const b of bytes) f = ((f >> 8n) ^ TABLE[Number((f ^ BigInt(b)) & 0xffn)]) & MASK64;
  return f;
}

/**
 * Fingerprint as 16 lowercase hex digits of the unsigned value (big-endian reading, i.e. what
 * Java's Long.toHexString prints). The wire carries the same value little-endian; keep the two
 * apart by only converting through the helpers below.
 */
export function toFingerprintHex(f: bigint): string {
  return f.toString(16).padStart(16, '0');
}

export function fingerprintHex(canonical: string): string {
  return toFingerprintHex(crc64Avro(canonical));
}

/** The 8 little-endian bytes that go into bytes 2–9 of the single-object header. */
export function fingerprintBytesLE(hex: string): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt('0x' + hex));
  return out;
}
