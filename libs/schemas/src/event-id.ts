import { createHash } from 'node:crypto';

/**
 * Deterministic event id: SHA-256(sourceSystem NUL sourceRecordId NUL sourceVersion), first 16 bytes
 * shaped as a version-5/RFC-4122-variant UUID. Re-sending the same source record version yields the
 * same id, so consumers can de-duplicate on it; a new source version yields a new id.
 * (Strictly, RFC 9562 calls a SHA-256 name-based UUID "v8"; we keep the v5 nibble so the id passes
 * validators that only know v1–v5.)
 */
export function eventId(sourceSystem: string, sourceRecordId: string, sourceVersion: number | bigint): string {
  // NUL is the separator; allowing it inside a part would let two different triples collide.
  for (const [name, v] of [['sourceSystem', sourceSystem], ['sourceRecordId', sourceRecordId]] as const) {
    if (typeof v !== 'string' || v.length === 0 || v.includes('\u0000')) {
      throw new TypeError(`eventId: ${name} must be a non-empty string without NUL`);
    }
  }
  if (typeof sourceVersion === 'number' ? !Number.isSafeInteger(sourceVersion) : typeof sourceVersion !== 'bigint') {
    throw new TypeError('eventId: sourceVersion must be an integer');
  }
  const h = createHash('sha256')
    .update(`${sourceSystem}\u0000${sourceRecordId}\u0000${sourceVersion.toString(10)}`, 'utf8')
    .digest()
    .subarray(0, 16);
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
