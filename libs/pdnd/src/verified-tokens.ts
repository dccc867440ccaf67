import type { KeyObject } from 'node:crypto';

/** A token whose signature verified with `key`: its decoded header and payload. */
export interface VerifiedToken {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  key: KeyObject;
}

/**
 * PDND-signed tokens whose signature verified, by their exact text, with the key that verified it. A
 * consumer presents the same Bearer voucher on every call until it expires (minutes), so verifying its
 * RS256 signature once per key instead of once per call takes an RSA verification and two JSON parses
 * off every request. Only the signature is remembered: times, issuer, audience and ids are checked on
 * every call. The entry counts only while the key set still returns the same key object for the kid,
 * so a rotated or withdrawn PDND key makes the token verify again (or fail). Bounded, oldest first out.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, VerifiedToken>();

  constructor(private readonly max = 1000) {}

  /** The decoded token and the key its signature was verified with, if remembered. */
  get(token: string): VerifiedToken | undefined {
    return this.entries.get(token);
  }

  remember(token: string, verified: VerifiedToken): void {
    if (this.entries.size >= this.max && !this.entries.has(token)) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(token, verified);
  }

  get size(): number {
    return this.entries.size;
  }
}
