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

type ConsumeCommand = (key: string, windowMs: string) => Promise<[number, number]>;

/** Quotas per consumer in Redis, shared by every instance of the api. */
export class RedisRateLimiter {
  private readonly consumeScript: ConsumeCommand;

  constructor(
    redis: Pick<Redis, 'defineCommand'>,
    private readonly prefix = 'fsl:ratelimit:',
  ) {
    // A defined command goes out as EVALSHA (ioredis loads the script on NOSCRIPT): the script's text is
    // not sent, nor compiled by Redis, on every call.
    redis.defineCommand('fslRateLimitConsume', { numberOfKeys: 1, lua: CONSUME });
    const commands = redis as unknown as { fslRateLimitConsume: ConsumeCommand };
    this.consumeScript = (key, windowMs) => commands.fslRateLimitConsume(key, windowMs);
  }

  /** Counts one request against `key`; throws if Redis cannot answer (the caller decides how to fail). */
  async consume(key: string, policy: RateLimitPolicy): Promise<RateLimitState> {
    const [count, ttlMs] = await this.consumeScript(`${this.prefix}${key}`, String(policy.windowSeconds * 1000));
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
