import { createHash, timingSafeEqual } from 'node:crypto';

export function sha256(data: Buffer | Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

/** RFC 3230 `Digest` header value for a body: `SHA-256=<base64 of SHA-256(raw bytes)>`. */
export function digestHeaderFor(body: Buffer | Uint8Array | string): string {
  return `SHA-256=${sha256(body).toString('base64')}`;
}

/**
 * The SHA-256 bytes from a `Digest` header (`SHA-256=<b64>`, possibly among other algorithms,
 * algorithm names case-insensitive), or null if there is none or it is not 32 bytes of base64.
 */
export function parseSha256Digest(header: string): Buffer | null {
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== 'sha-256') continue;
    const value = part.slice(eq + 1).trim();
    if (!/^[A-Za-z0-9+/]{43}=$/.test(value)) return null;
    return Buffer.from(value, 'base64');
  }
  return null;
}

/** Constant-time comparison of the header digest with the digest of the raw body bytes. */
export function digestMatches(expected: Buffer, body: Buffer | Uint8Array | string): boolean {
  const actual = sha256(body);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Hex SHA-256 of the exact compact JWS string, as AUDIT_REST_02 puts it in the voucher `digest`. */
export function trackingEvidenceDigest(jws: string): string {
  return sha256(Buffer.from(jws, 'utf8')).toString('hex');
}
