import type Redis from 'ioredis';

export interface RateLimitPolicy {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState extends RateLimitPolicy {
  count: number;
  remaining: number;
  /** Seconds until the window resets (RAC_ROBUSTEZZA_001). */
  resetSeconds: number;
  allowed: boolean;
}

// Fixed window per consumer: INCR, and start the window's expiry on its first request. In one script so
// that every api instance shares the count atomically; a key that lost its TTL is repaired, not eternal.
const CONSUME = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

/** Quotas per consumer in Redis, shared by every instance of the api. */
export class RedisRateLimiter {
  constructor(
    private readonly redis: Pick<Redis, 'eval'>,
    private readonly prefix = 'fsl:ratelimit:',
  ) {}

  /** Counts one request against `key`; throws if Redis cannot answer (the caller decides how to fail). */
  async consume(key: string, policy: RateLimitPolicy): Promise<RateLimitState> {
    const [count, ttlMs] = (await this.redis.eval(CONSUME, 1, `${this.prefix}${key}`, String(policy.windowSeconds * 1000))) as [number, number];
    return {
      ...policy,
      count,
      remaining: Math.max(0, policy.limit - count),
      resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      allowed: count <= policy.limit,
    };
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': String(state.resetSeconds),
  };
}
