import { PdndConsumerKeys } from './consumer-keys';
import { PdndDeps } from './eservice-call';
import { FetchJson } from './fetch-json';
import { PdndKeySet } from './key-set';
import { InMemoryReplayStore, RedisReplayStore, RedisSetNx } from './replay';
import { VerifiedTokens } from './verified-tokens';

export interface CreatePdndDepsOptions {
  jwksUrl: string;
  keysApiUrl: string;
  /** Required in a deployment: replay protection must be shared by every API instance. */
  redis?: RedisSetNx;
  /** Fetcher for the PDND JWKS (public). */
  fetchJson?: FetchJson;
  /** Fetcher for `<keysApiUrl>/keys/{kid}`; the real PDND API needs an authenticated one. */
  keysFetchJson?: FetchJson;
  now?: () => number;
}

/** Builds the dependencies of the verify functions; create once per process and reuse (caches). */
export function createPdndDeps(options: CreatePdndDepsOptions): PdndDeps {
  const now = options.now ?? Date.now;
  return {
    keySet: new PdndKeySet({ url: options.jwksUrl, fetchJson: options.fetchJson, now }),
    consumerKeys: new PdndConsumerKeys({ baseUrl: options.keysApiUrl, fetchJson: options.keysFetchJson ?? options.fetchJson, now }),
    replayStore: options.redis ? new RedisReplayStore(options.redis) : new InMemoryReplayStore(now),
    verifiedTokens: new VerifiedTokens(),
    now,
  };
}
