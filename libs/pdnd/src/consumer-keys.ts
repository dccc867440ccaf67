import { KeyObject } from 'node:crypto';
import { PdndError } from './errors';
import { defaultFetchJson, FetchJson } from './fetch-json';
import { isPlainObject } from './claims';
import { importPublicJwk } from './jws';

/** A consumer key registered on PDND, used to verify Agid-JWT-Signature / TrackingEvidence. */
export interface ConsumerKey {
  kid: string;
  key: KeyObject;
  /** Client the key belongs to, as the PDND keys API states it (`{ clientId, jwk }`). */
  clientId: string;
}

export interface ConsumerKeyResolver {
  /** The key, null if PDND does not know the kid; throws PDND_KEYS_UNAVAILABLE if PDND cannot answer. */
  get(kid: string): Promise<ConsumerKey | null>;
}

export interface PdndConsumerKeysOptions {
  /** Base of the PDND interoperability API; the key is read from `<baseUrl>/keys/<kid>`. */
  baseUrl: string;
  /** Production needs an authenticated fetch (PDND API voucher); the default is unauthenticated. */
  fetchJson?: FetchJson;
  /** How long a found key is trusted before asking PDND again (default 5 min), so revocations apply. */
  ttlMs?: number;
  /** How long a 404 is remembered (default 30 s), so a bad kid does not cost one PDND call per request. */
  negativeTtlMs?: number;
  /** Cache bound; oldest entries are dropped first (default 5000). */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  value: ConsumerKey | null;
  expiresAt: number;
}

/** Consumer keys fetched by kid from the PDND API and cached (reference §2.3, INTEGRITY_REST_02). */
export class PdndConsumerKeys implements ConsumerKeyResolver {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<ConsumerKey | null>>();
  private readonly fetchJson: FetchJson;
  private readonly now: () => number;

  constructor(private readonly options: PdndConsumerKeysOptions) {
    this.fetchJson = options.fetchJson ?? defaultFetchJson;
    this.now = options.now ?? Date.now;
  }

  async get(kid: string): Promise<ConsumerKey | null> {
    const cached = this.cache.get(kid);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    let pending = this.inflight.get(kid);
    if (!pending) {
      pending = this.fetch(kid).finally(() => this.inflight.delete(kid));
      this.inflight.set(kid, pending);
    }
    return pending;
  }

  private async fetch(kid: string): Promise<ConsumerKey | null> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/keys/${encodeURIComponent(kid)}`;
    let response: { status: number; body: unknown };
    try {
      response = await this.fetchJson(url);
    } catch (cause) {
      throw new PdndError('PDND_KEYS_UNAVAILABLE', { reason: 'PDND keys endpoint unreachable', cause });
    }
    if (response.status === 404) {
      this.remember(kid, null, this.options.negativeTtlMs ?? 30_000);
      return null;
    }
    const parsed = response.status === 200 ? await parseKeyResponse(kid, response.body) : undefined;
    if (parsed === undefined) {
      throw new PdndError('PDND_KEYS_UNAVAILABLE', { reason: `PDND keys endpoint answered ${response.status}` });
    }
    this.remember(kid, parsed, parsed ? (this.options.ttlMs ?? 5 * 60_000) : (this.options.negativeTtlMs ?? 30_000));
    return parsed;
  }

  private remember(kid: string, value: ConsumerKey | null, ttlMs: number): void {
    const max = this.options.maxEntries ?? 5000;
    this.cache.delete(kid);
    while (this.cache.size >= max) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(kid, { value, expiresAt: this.now() + ttlMs });
  }
}

/**
 * The PDND keys API answer `{ clientId, jwk }`: the client is what binds a ModI signature to the
 * voucher's consumer, so a key without its client is unusable. Returns null for a usable answer
 * without a usable key (treated like "unknown kid"), undefined for an answer that is not a key response.
 */
async function parseKeyResponse(kid: string, body: unknown): Promise<ConsumerKey | null | undefined> {
  if (!isPlainObject(body)) return undefined;
  const { jwk, clientId } = body;
  if (!isPlainObject(jwk) || typeof clientId !== 'string' || clientId.trim() === '') return null;
  if (jwk.kid !== undefined && jwk.kid !== kid) return null;
  if (jwk.kty !== 'RSA' || (jwk.use !== undefined && jwk.use !== 'sig')) return null;
  const key = await importPublicJwk(jwk, 'RS256');
  return key ? { kid, key, clientId } : null;
}
