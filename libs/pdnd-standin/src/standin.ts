import { createPublicKey, randomUUID } from 'node:crypto';
import * as d from './defaults';
import { b64url, Jwk, merge, sha256, signCompact, thumbprint } from './jose-lite';
import { ephemeralKeys, generateKeyPair, KeyPair, loadClientKeys, loadOrCreateClientKey, StandinKeys } from './keys';
import { StandinTokenEndpoint } from './token-endpoint';

export type Overrides = Record<string, unknown>;

export interface StandinOptions {
  keys?: StandinKeys;
  issuer?: string;
  audience?: string | string[];
  clientId?: string;
  consumerId?: string;
  purposeId?: string;
  producerId?: string;
  eserviceId?: string;
  descriptorId?: string;
  /** Milliseconds since the epoch; tests move it to mint old or future tokens. */
  now?: () => number;
  /** Lifetime of the vouchers the token endpoint issues to the api's own client (default 600 s). */
  apiVoucherLifetimeSeconds?: number;
  /**
   * Folder of the keys of clients other than the default one (see keys.ts): a key made for a client is kept
   * there, and a kid unknown to this process is looked up there, so separate processes agree.
   */
  keysDir?: string;
}

/** Who signs a voucher or probing token. The last two are attacks a provider must refuse. */
export type PdndSigner = 'pdnd' | 'rogue' | 'hmac-public-key' | 'none';

interface TokenOptions {
  /** Claim overrides; `undefined` removes a claim. */
  claims?: Overrides;
  /** Header overrides; `undefined` removes a member. */
  header?: Overrides;
}

export interface VoucherOptions extends TokenOptions {
  purposeId?: string;
  clientId?: string;
  audience?: string | string[];
  lifetimeSeconds?: number;
  /** Bind to the stand-in DPoP key (true) or to a given thumbprint (cnf.jkt). */
  dpop?: boolean | { jkt: string };
  /** AUDIT_REST_02 binding: the hex SHA-256 of the tracking evidence, or a whole digest claim. */
  digest?: string | { alg: string; value: string };
  signWith?: PdndSigner;
}

export interface DpopProofOptions extends TokenOptions {
  method: string;
  url: string;
  /** The voucher the proof accompanies (ath); omit to mint a proof without ath. */
  accessToken?: string;
  /** Key whose public JWK goes into the header (default: the stand-in DPoP key). */
  key?: KeyPair;
  /** Key that actually signs (default: `key`); a different one makes the signature invalid. */
  signWith?: KeyPair;
}

export interface AgidOptions extends TokenOptions {
  /** The consumer client that signs (iss, sub, and its registered key); default the stand-in's client. */
  clientId?: string;
  audience?: string | string[];
  lifetimeSeconds?: number;
  /** Signs with this key instead of the client's registered key (unknown to PDND unless registered). */
  signWith?: KeyPair;
}

export interface IntegrityOptions extends AgidOptions {
  body: string | Buffer;
  /** Default application/json; null sends no Content-Type. */
  contentType?: string | null;
  contentEncoding?: string;
  /** Replaces the computed signed_headers claim. */
  signedHeaders?: Array<Record<string, string>>;
  /** Replaces the Digest header actually sent (the signed one is still the correct digest). */
  digestHeader?: string;
}

/**
 * A local PDND: mints vouchers, DPoP proofs, probing tokens and Agid-JWT-* headers with any claim
 * overridden, and publishes the matching keys (see server.ts). DEV ONLY.
 */
export class PdndStandin {
  readonly keys: StandinKeys;
  readonly issuer: string;
  readonly audience: string | string[];
  readonly clientId: string;
  readonly purposeId: string;
  private readonly opts: StandinOptions;
  private readonly retiredPdndKeys: KeyPair[] = [];
  private rogueKey: KeyPair | undefined;
  /** Consumer keys registered "on PDND", by kid, with the client each belongs to. */
  private readonly registered = new Map<string, { clientId: string; key: KeyPair }>();
  /** PDND's token endpoint for the api's own client, and the gate of the keys API. */
  readonly tokenEndpoint: StandinTokenEndpoint;

  constructor(opts: StandinOptions = {}) {
    this.opts = opts;
    this.keys = opts.keys ?? ephemeralKeys();
    this.issuer = opts.issuer ?? d.STANDIN_ISSUER;
    this.audience = opts.audience ?? d.STANDIN_AUDIENCE;
    this.clientId = opts.clientId ?? d.STANDIN_CLIENT_ID;
    this.purposeId = opts.purposeId ?? d.STANDIN_PURPOSE_ID;
    this.registered.set(this.keys.consumer.kid, { clientId: this.clientId, key: this.keys.consumer });
    this.tokenEndpoint = new StandinTokenEndpoint(
      { clientId: d.STANDIN_API_CLIENT_ID, key: this.keys.api },
      (claims) => this.signPdnd({ iss: this.issuer, ...claims }, {}, 'pdnd'),
      () => this.nowSeconds(),
      { lifetimeSeconds: opts.apiVoucherLifetimeSeconds },
    );
  }

  /** Seconds since the epoch, per the injectable clock. */
  nowSeconds(): number {
    return Math.floor((this.opts.now ?? Date.now)() / 1000);
  }

  /** The PDND JWKS: the current signing key and any rotated-out ones. */
  jwks(): { keys: Jwk[] } {
    return { keys: [this.keys.pdnd, ...this.retiredPdndKeys].map((k) => k.publicJwk) };
  }

  /**
   * Answer of the PDND keys API for a consumer kid, as PDND's API gives it: `{ clientId, jwk }`, the
   * client the key is registered on and the public key. Undefined if unknown.
   */
  consumerKey(kid: string): { clientId: string; jwk: Jwk } | undefined {
    if (!this.registered.has(kid) && this.opts.keysDir) {
      for (const { clientId, key } of loadClientKeys(this.opts.keysDir)) if (!this.registered.has(key.kid)) this.registered.set(key.kid, { clientId, key });
    }
    const entry = this.registered.get(kid);
    return entry ? { clientId: entry.clientId, jwk: entry.key.publicJwk } : undefined;
  }

  /** The key registered on PDND for a consumer client, created and registered on first use. */
  clientKey(clientId: string = this.clientId): KeyPair {
    for (const entry of this.registered.values()) if (entry.clientId === clientId) return entry.key;
    const key = this.opts.keysDir ? loadOrCreateClientKey(this.opts.keysDir, clientId) : generateKeyPair('rsa', 'standin-consumer');
    this.registered.set(key.kid, { clientId, key });
    return key;
  }

  /**
   * The api's settings for its own PDND client against this stand-in, given the server's URL: client
   * id, key (inline PEM), purpose, token endpoint and assertion audience.
   */
  apiClientEnv(serverUrl: string): Record<string, string> {
    return {
      PDND_CLIENT_ID: d.STANDIN_API_CLIENT_ID,
      PDND_CLIENT_KEY_ID: this.keys.api.kid,
      PDND_CLIENT_PRIVATE_KEY: this.keys.api.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
      PDND_CLIENT_PURPOSE_ID: d.STANDIN_API_PURPOSE_ID,
      PDND_TOKEN_URL: `${serverUrl}/token.oauth2`,
      PDND_TOKEN_AUDIENCE: d.STANDIN_TOKEN_AUDIENCE,
    };
  }

  /** Starts signing with a new PDND key; the old one stays published, as in a real rotation. */
  rotatePdndKey(): KeyPair {
    this.retiredPdndKeys.unshift(this.keys.pdnd);
    this.keys.pdnd = generateKeyPair('rsa', 'standin-pdnd');
    return this.keys.pdnd;
  }

  /** An RSA key that neither PDND nor the keys API know: "signed by a non-PDND key". */
  get rogue(): KeyPair {
    this.rogueKey ??= generateKeyPair('rsa', 'standin-rogue');
    return this.rogueKey;
  }

  /** RFC 7638 thumbprint of the stand-in DPoP key: the cnf.jkt of DPoP-bound vouchers. */
  get dpopJkt(): string {
    return thumbprint(this.keys.dpop.publicJwk);
  }

  voucher(o: VoucherOptions = {}): string {
    const iat = this.nowSeconds();
    const clientId = o.clientId ?? this.clientId;
    const claims: Overrides = {
      iss: this.issuer,
      sub: clientId,
      client_id: clientId,
      aud: o.audience ?? (Array.isArray(this.audience) ? this.audience : [this.audience]),
      iat,
      nbf: iat,
      exp: iat + (o.lifetimeSeconds ?? 600),
      jti: randomUUID(),
      purposeId: o.purposeId ?? this.purposeId,
      consumerId: this.opts.consumerId ?? d.STANDIN_CONSUMER_ID,
      producerId: this.opts.producerId ?? d.STANDIN_PRODUCER_ID,
      eserviceId: this.opts.eserviceId ?? d.STANDIN_ESERVICE_ID,
      descriptorId: this.opts.descriptorId ?? d.STANDIN_DESCRIPTOR_ID,
    };
    if (o.dpop) claims.cnf = { jkt: o.dpop === true ? this.dpopJkt : o.dpop.jkt };
    if (o.digest) claims.digest = typeof o.digest === 'string' ? { alg: 'SHA256', value: o.digest } : o.digest;
    return this.signPdnd(merge(claims, o.claims), o, o.signWith ?? 'pdnd');
  }

  /** PDND probing token: PDND-signed, no purposeId and no client_id (reference §1.5). */
  probingToken(o: TokenOptions & { audience?: string | string[]; signWith?: PdndSigner } = {}): string {
    const iat = this.nowSeconds();
    const aud = o.audience ?? (Array.isArray(this.audience) ? this.audience : [this.audience]);
    const claims = { iss: this.issuer, sub: d.STANDIN_PROBING_SUB, aud, iat, nbf: iat, exp: iat + 60, jti: randomUUID() };
    return this.signPdnd(merge(claims, o.claims), o, o.signWith ?? 'pdnd');
  }

  dpopProof(o: DpopProofOptions): string {
    const key = o.key ?? this.keys.dpop;
    const { kid: _kid, use: _use, ...jwk } = key.publicJwk;
    const header = merge({ typ: 'dpop+jwt', alg: jwk.kty === 'EC' ? 'ES256' : 'RS256', jwk }, o.header);
    const claims: Overrides = { jti: randomUUID(), htm: o.method, htu: o.url, iat: this.nowSeconds() };
    if (o.accessToken !== undefined) claims.ath = b64url(sha256(o.accessToken));
    return signCompact(header, merge(claims, o.claims), (o.signWith ?? key).privateKey);
  }

  /** Agid-JWT-TrackingEvidence and the voucher digest that binds it (AUDIT_REST_02). */
  trackingEvidence(o: AgidOptions & { purposeId?: string } = {}): { token: string; digest: { alg: 'SHA256'; value: string } } {
    const claims = merge(
      { ...this.agidClaims(o), purposeId: o.purposeId ?? this.purposeId, userID: 'operatore-042', userLocation: 'postazione-7', LoA: 'LoA3' },
      o.claims,
    );
    const token = this.signAgid(claims, o);
    return { token, digest: { alg: 'SHA256', value: sha256(token).toString('hex') } };
  }

  /** Agid-JWT-Signature + Digest (+ Content-Type/-Encoding) headers for a body (INTEGRITY_REST_02). */
  integrity(o: IntegrityOptions): { headers: Record<string, string>; token: string } {
    const digest = `SHA-256=${sha256(Buffer.from(o.body)).toString('base64')}`;
    const contentType = o.contentType === undefined ? 'application/json' : o.contentType;
    const sent: Record<string, string> = { Digest: o.digestHeader ?? digest };
    const signed: Array<Record<string, string>> = [{ digest }];
    if (contentType !== null) {
      sent['Content-Type'] = contentType;
      signed.push({ 'content-type': contentType });
    }
    if (o.contentEncoding) {
      sent['Content-Encoding'] = o.contentEncoding;
      signed.push({ 'content-encoding': o.contentEncoding });
    }
    const claims = merge({ ...this.agidClaims(o), signed_headers: o.signedHeaders ?? signed }, o.claims);
    const token = this.signAgid(claims, o);
    return { headers: { 'Agid-JWT-Signature': token, ...sent }, token };
  }

  private agidClaims(o: AgidOptions): Overrides {
    const iat = this.nowSeconds();
    const clientId = o.clientId ?? this.clientId;
    return { iss: clientId, sub: clientId, aud: o.audience ?? this.audience, iat, nbf: iat, exp: iat + (o.lifetimeSeconds ?? 60), jti: randomUUID() };
  }

  private signAgid(claims: Overrides, o: AgidOptions): string {
    const key = o.signWith ?? this.clientKey(o.clientId);
    return signCompact(merge({ alg: 'RS256', typ: 'JWT', kid: key.kid }, o.header), claims, key.privateKey);
  }

  private signPdnd(claims: Overrides, o: TokenOptions, signer: PdndSigner): string {
    const base = { alg: 'RS256', typ: 'at+jwt', kid: this.keys.pdnd.kid, use: 'sig' };
    if (signer === 'none') return signCompact(merge({ ...base, alg: 'none' }, o.header), claims, null);
    if (signer === 'hmac-public-key') {
      // The classic confusion attack: HMAC keyed with the PDND public key, which anyone can download.
      const secret = Buffer.from(createPublicKey(this.keys.pdnd.privateKey).export({ format: 'pem', type: 'spki' }) as string);
      return signCompact(merge({ ...base, alg: 'HS256' }, o.header), claims, secret);
    }
    const key = signer === 'rogue' ? this.rogue.privateKey : this.keys.pdnd.privateKey;
    return signCompact(merge(base, o.header), claims, key);
  }
}
