import { createHash } from 'node:crypto';
import { PdndError } from './errors';

/**
 * Remembers token ids (DPoP proof and Agid-JWT-* `jti`s) for as long as the token could still be
 * accepted, so that a captured token cannot be played again.
 */
export interface ReplayStore {
  /** True the first time (namespace, jti) is seen within ttlSeconds; false on every later call. */
  claimOnce(namespace: string, jti: string, ttlSeconds: number): Promise<boolean>;
}

// jti values are chosen by callers: hashing bounds key size and keeps odd characters out of keys.
function storeKey(namespace: string, jti: string): string {
  return `${namespace}:${createHash('sha256').update(jti).digest('hex')}`;
}

function wholeSeconds(ttlSeconds: number): number {
  return Math.max(1, Math.ceil(ttlSeconds));
}

/** The subset of an ioredis client used here; `new Redis(...)` satisfies it. */
export interface RedisSetNx {
  set(key: string, value: string, ex: 'EX', seconds: number, nx: 'NX'): Promise<'OK' | null>;
}

/** Redis SET NX EX: atomic across every API instance, and entries expire on their own. */
export class RedisReplayStore implements ReplayStore {
  constructor(private readonly redis: RedisSetNx, private readonly prefix = 'fsl:pdnd:replay:') {}

  async claimOnce(namespace: string, jti: string, ttlSeconds: number): Promise<boolean> {
    const reply = await this.redis.set(this.prefix + storeKey(namespace, jti), '1', 'EX', wholeSeconds(ttlSeconds), 'NX');
    return reply === 'OK';
  }
}

/** Single-process store for unit tests and tools; not for a multi-instance deployment. */
export class InMemoryReplayStore implements ReplayStore {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async claimOnce(namespace: string, jti: string, ttlSeconds: number): Promise<boolean> {
    const nowMs = this.now();
    this.purge(nowMs);
    const key = storeKey(namespace, jti);
    const expiresAt = this.seen.get(key);
    if (expiresAt !== undefined && expiresAt > nowMs) return false;
    this.seen.set(key, nowMs + wholeSeconds(ttlSeconds) * 1000);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private purge(nowMs: number): void {
    for (const [key, expiresAt] of this.seen) if (expiresAt <= nowMs) this.seen.delete(key);
  }
}

/** Replay store failures fail closed with a 503 rather than letting a possibly replayed token in. */
export async function claimOrFail(store: ReplayStore, namespace: string, id: string, ttlSeconds: number): Promise<boolean> {
  try {
    return await store.claimOnce(namespace, id, ttlSeconds);
  } catch (cause) {
    throw new PdndError('REPLAY_STORE_UNAVAILABLE', { reason: 'replay store error', cause });
  }
}
