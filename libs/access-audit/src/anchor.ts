import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChainHead } from './chain';

/**
 * The chain's head anchored with a key the database does not hold. Whoever controls the database (a
 * superuser can disable the trigger) could rewrite every record and recompute every hash and the head
 * consistently; without the key they cannot compute the head's anchor, so verification with the key
 * notices. The key lives in the api's configuration and with whoever runs the verification.
 */
export const DEV_ACCESS_AUDIT_ANCHOR_KEY = 'dev-only-access-audit-anchor-key-NOT-FOR-PRODUCTION';

export type AnchorKey = string;

/** HMAC-SHA-256 (hex) of the head's sequence number and hash. */
export function anchorHead(head: ChainHead, key: AnchorKey): string {
  return createHmac('sha256', key).update(`fsl-access-audit-head:${head.seq}:${head.hash}`).digest('hex');
}

/** Whether `anchor` is the anchor of `head` under `key` (constant time). */
export function anchorMatches(head: ChainHead, anchor: string | null, key: AnchorKey): boolean {
  if (anchor === null) return false;
  const expected = Buffer.from(anchorHead(head, key), 'hex');
  const given = Buffer.from(anchor.trim(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
