import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { defaultFetchJson, type FetchJson } from './fetch-json';

// The FSL side as a PDND *client* (fruitore): PDND's own API (the consumer keys behind ModI
// signatures) answers only to a voucher, which a client obtains like any consumer does: a client
// assertion signed with a key registered on its PDND client, exchanged at the PDND token endpoint
// (client credentials, RFC 7521/7523). Kept apart from the provider checks so that a consumer
// gateway can reuse it to call other administrations' e-services.

export interface PdndClientOptions {
  /** PDND token endpoint, e.g. https://auth.interop.pagopa.it/token.oauth2 */
  tokenUrl: string;
  /** Our client id on PDND: iss and sub of the assertion. */
  clientId: string;
  /** kid of the key registered on that client, and its private key (RSA, RS256). */
  keyId: string;
  /** The key, or a function that reads it at first use (a development key file may appear after boot). */
  privateKey: KeyObject | (() => KeyObject);
  /** The purpose (finalità) the voucher is asked for. */
  purposeId: string;
  /** `aud` PDND expects in client assertions, e.g. auth.interop.pagopa.it/client-assertion */
  assertionAudience: string;
  /** Lifetime of each client assertion (default 60 s): it is used once, at once. */
  assertionLifetimeSeconds?: number;
  /** A voucher is renewed this long before it expires (default 60 s, at most half its lifetime). */
  renewMarginSeconds?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TIMEOUT_MS = 5000;
const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().int().positive(),
});

/** Why a voucher could not be obtained; messages carry no secret, only what PDND answered. */
export class PdndClientError extends Error {
  override readonly name = 'PdndClientError';
}

/**
 * Our own PDND voucher: requested on first use, reused until shortly before it expires, renewed at
 * once when PDND refuses it (invalidate). Concurrent callers share one token request.
 */
export class PdndClientVoucher {
  private current: { token: string; renewAt: number } | undefined;
  private inflight: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly o: PdndClientOptions) {
    this.now = o.now ?? Date.now;
  }

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return this.current.token;
    this.inflight ??= this.request().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Forgets `token` if it is the one held (PDND answered 401 to it): the next get() asks anew. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  /** The signed client assertion (RFC 7523 §3), PDND's claims: iss = sub = client id, aud, jti, purposeId. */
  async clientAssertion(): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    return new SignJWT({ purposeId: this.o.purposeId })
      .setProtectedHeader({ alg: 'RS256', kid: this.o.keyId, typ: 'JWT' })
      .setIssuer(this.o.clientId)
      .setSubject(this.o.clientId)
      .setAudience(this.o.assertionAudience)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + (this.o.assertionLifetimeSeconds ?? 60))
      .sign(typeof this.o.privateKey === 'function' ? this.o.privateKey() : this.o.privateKey);
  }

  private async request(): Promise<string> {
    const form = new URLSearchParams({
      client_id: this.o.clientId,
      client_assertion: await this.clientAssertion(),
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      grant_type: 'client_credentials',
    });
    const res = await (this.o.fetch ?? fetch)(this.o.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status !== 200) throw new PdndClientError(`PDND token endpoint answered ${res.status}`);
    let parsed;
    try {
      parsed = tokenResponse.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) throw new PdndClientError('PDND token endpoint answered without a usable voucher');
    const lifetimeMs = parsed.data.expires_in * 1000;
    const marginMs = Math.min((this.o.renewMarginSeconds ?? 60) * 1000, lifetimeMs / 2);
    this.current = { token: parsed.data.access_token, renewAt: this.now() + lifetimeMs - marginMs };
    return parsed.data.access_token;
  }
}

/**
 * A FetchJson that presents our voucher; on a 401 the voucher is dropped and the call made once more
 * with a new one (PDND may revoke a voucher before its exp, e.g. when the purpose is suspended).
 */
export function authenticatedFetchJson(voucher: PdndClientVoucher, fetchJson: FetchJson = defaultFetchJson): FetchJson {
  const attempt = async (url: string) => {
    const token = await voucher.get();
    return { token, response: await fetchJson(url, { authorization: `Bearer ${token}` }) };
  };
  return async (url) => {
    const first = await attempt(url);
    if (first.response.status !== 401) return first.response;
    voucher.invalidate(first.token);
    return (await attempt(url)).response;
  };
}

/** The client's private key from inline PEM or a PEM file (exactly one); throws naming neither's content. */
export function loadClientPrivateKey(source: { pem?: string; file?: string }): KeyObject {
  if ((source.pem === undefined) === (source.file === undefined)) throw new Error('give the private key inline or as a file, not both or neither');
  let pem: string;
  try {
    pem = source.pem ?? readFileSync(source.file!, 'utf8');
  } catch {
    throw new Error('the key file cannot be read');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error('not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new Error('PDND client keys are RSA keys of at least 2048 bits');
  }
  return key;
}
