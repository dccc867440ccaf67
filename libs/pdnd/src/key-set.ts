import { KeyObject } from 'node:crypto';
import { PdndError } from './errors';
import { defaultFetchJson, FetchJson } from './fetch-json';
import { isPlainObject } from './claims';
import { importPublicJwk } from './jws';

/** Resolves the PDND key that signed a voucher. */
export interface VoucherKeyResolver {
  get(kid: string): Promise<KeyObject | null>;
}

/** Why a refresh loaded nothing: no answer, an error status, or an answer with no usable key. */
export type KeySetRefreshFailure = 'unreachable' | 'error-status' | 'bad-answer';

export interface PdndKeySetOptions {
  /** The PDND JWKS, e.g. https://interop.pagopa.it/.well-known/jwks.json */
  url: string;
  fetchJson?: FetchJson;
  /** Keys are refetched after this age even if every kid is known (default 10 min). */
  maxAgeMs?: number;
  /** At most one fetch per interval, whatever the traffic (default 30 s): unknown kids cannot flood PDND. */
  minRefreshIntervalMs?: number;
  now?: () => number;
  /** Told of every refresh that fetched no usable key set (for the operator's metric). */
  onRefreshFailure?: (reason: KeySetRefreshFailure) => void;
}

/**
 * Cached PDND JWKS. An unknown kid triggers one refresh (rate-limited), which is how PDND key
 * rotation is picked up. If a refresh fails the previous keys stay in use: PDND keys rotate rarely
 * and refusing every call during a JWKS outage would be worse.
 */
export class PdndKeySet implements VoucherKeyResolver {
  private keys = new Map<string, KeyObject>();
  private loadedAt = -Infinity;
  private lastAttemptAt = -Infinity;
  private inflight: Promise<void> | undefined;
  private readonly fetchJson: FetchJson;
  private readonly maxAgeMs: number;
  private readonly minRefreshIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PdndKeySetOptions) {
    this.fetchJson = options.fetchJson ?? defaultFetchJson;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async get(kid: string): Promise<KeyObject | null> {
    // A load in progress (first one, or a refresh) is awaited rather than raced.
    if (this.inflight) await this.inflight;
    const now = this.now();
    const wanted = this.keys.has(kid) ? now - this.loadedAt >= this.maxAgeMs : true;
    if (wanted && now - this.lastAttemptAt >= this.minRefreshIntervalMs) await this.refresh();
    if (this.loadedAt === -Infinity) {
      throw new PdndError('PDND_KEYS_UNAVAILABLE', { reason: 'PDND JWKS never loaded' });
    }
    return this.keys.get(kid) ?? null;
  }

  /** Number of keys currently cached (for health output). */
  get size(): number {
    return this.keys.size;
  }

  private refresh(): Promise<void> {
    // Single flight: concurrent requests with the same unknown kid share one fetch.
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async load(): Promise<void> {
    this.lastAttemptAt = this.now();
    try {
      const { status, body } = await this.fetchJson(this.options.url);
      if (status !== 200) {
        this.options.onRefreshFailure?.('error-status');
        return;
      }
      const keys = await parseJwks(body);
      if (!keys || keys.size === 0) {
        this.options.onRefreshFailure?.('bad-answer');
        return;
      }
      this.keys = keys;
      this.loadedAt = this.now();
    } catch {
      // Network failure: keep the previous keys; get() reports 503 if there were none.
      this.options.onRefreshFailure?.('unreachable');
    }
  }
}

/** Keeps only RSA signature keys with a kid; anything else in the set is ignored. */
async function parseJwks(body: unknown): Promise<Map<string, KeyObject> | null> {
  if (!isPlainObject(body) || !Array.isArray(body.keys)) return null;
  const keys = new Map<string, KeyObject>();
  for (const jwk of body.keys) {
    if (!isPlainObject(jwk) || typeof jwk.kid !== 'string' || jwk.kty !== 'RSA') continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    if (jwk.alg !== undefined && jwk.alg !== 'RS256') continue;
    const key = await importPublicJwk(jwk, 'RS256');
    if (key) keys.set(jwk.kid, key);
  }
  return keys;
}
