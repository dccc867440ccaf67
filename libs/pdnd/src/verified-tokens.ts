import type { KeyObject } from 'node:crypto';
import type { DecodedJws } from './jws';

/**
 * PDND-signed tokens whose signature verified, by their exact text, with the key that verified it. A
 * consumer presents the same Bearer voucher on every call until it expires (minutes), so verifying its
 * RS256 signature once per key instead of once per call takes an RSA verification and two JSON parses
 * off every request. Only the signature is remembered: times, issuer, audience and ids are checked on
 * every call. The entry counts only while the key set still returns the same key object for the kid,
 * so a rotated or withdrawn PDND key makes the token verify again (or fail). Bounded, oldest first out.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { jws: DecodedJws; key: KeyObject }>();

  constructor(private readonly max = 1000) {}

  /** The decoded token if its signature was verified with `key`. */
  decoded(token: string): { jws: DecodedJws; key: KeyObject } | undefined {
    return this.entries.get(token);
  }

  remember(token: string, jws: DecodedJws, key: KeyObject): void {
    if (this.entries.size >= this.max && !this.entries.has(token)) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(token, { jws, key });
  }

  get size(): number {
    return this.entries.size;
  }
}
