import { PdndConsumerKeys } from './consumer-keys';
import { PdndDeps } from './eservice-call';
import { FetchJson } from './fetch-json';
import { authenticatedFetchJson, PdndClientVoucher } from './pdnd-client';
import { KeySetRefreshFailure, PdndKeySet } from './key-set';
import { InMemoryReplayStore, RedisReplayStore, RedisSetNx } from './replay';
import { VerifiedTokens } from './verified-tokens';

export interface CreatePdndDepsOptions {
  jwksUrl: string;
  keysApiUrl: string;
  /** Required in a deployment: replay protection must be shared by every API instance. */
  redis?: RedisSetNx;
  /** Fetcher for the PDND JWKS (public). */
  fetchJson?: FetchJson;
  /** Our PDND client voucher: `<keysApiUrl>/keys/{kid}` is called with it, as PDND requires. */
  client?: PdndClientVoucher;
  /** Fetcher for `<keysApiUrl>/keys/{kid}` when no client is given (tests). */
  keysFetchJson?: FetchJson;
  /** Told of every PDND key-set refresh that failed (metric). */
  onKeySetRefreshFailure?: (reason: KeySetRefreshFailure) => void;
  now?: () => number;
}

/** Builds the dependencies of the verify functions; create once per process and reuse (caches). */
export function createPdndDeps(options: CreatePdndDepsOptions): PdndDeps {
  const now = options.now ?? Date.now;
  const keysFetchJson = options.client ? authenticatedFetchJson(options.client, options.fetchJson) : (options.keysFetchJson ?? options.fetchJson);
  return {
    keySet: new PdndKeySet({ url: options.jwksUrl, fetchJson: options.fetchJson, now, onRefreshFailure: options.onKeySetRefreshFailure }),
    consumerKeys: new PdndConsumerKeys({ baseUrl: options.keysApiUrl, fetchJson: keysFetchJson, now }),
    replayStore: options.redis ? new RedisReplayStore(options.redis) : new InMemoryReplayStore(now),
    verifiedTokens: new VerifiedTokens(),
    now,
  };
}
