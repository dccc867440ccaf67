import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { STANDIN_API_AUDIENCE, STANDIN_TOKEN_AUDIENCE } from './defaults';
import type { KeyPair } from './keys';

// PDND's token endpoint for the stand-in's own API (the keys API), as a client meets it: client
// credentials with a signed client assertion (RFC 7521/7523), checked the way PDND documents it, and
// a voucher in return. The stand-in's checks are node:crypto on purpose, like the rest of its JOSE:
// it is a test double, independent of the verifier under test.

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface ApiClientRegistration {
  clientId: string;
  key: KeyPair;
}

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const refuse = (error: string, description: string): TokenAnswer => ({ status: 400, body: { error, error_description: description } });

function decodeSegment(segment: string | undefined): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class StandinTokenEndpoint {
  /** Vouchers issued for the stand-in's API and not revoked, with their exp (seconds). */
  private readonly issued = new Map<string, number>();
  readonly lifetimeSeconds: number;

  constructor(
    private readonly client: ApiClientRegistration,
    private readonly mint: (claims: Record<string, unknown>) => string,
    private readonly nowSeconds: () => number,
    options: { lifetimeSeconds?: number } = {},
  ) {
    this.lifetimeSeconds = options.lifetimeSeconds ?? 600;
  }

  /** POST /token.oauth2 with a form body. */
  exchange(form: URLSearchParams): TokenAnswer {
    if (form.get('grant_type') !== 'client_credentials') return refuse('unsupported_grant_type', 'grant_type must be client_credentials');
    if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) return refuse('invalid_request', 'client_assertion_type');
    const assertion = form.get('client_assertion') ?? '';
    const [h, p, s] = assertion.split('.');
    const header = decodeSegment(h);
    const claims = decodeSegment(p);
    if (!header || !claims || s === undefined) return refuse('invalid_client', 'client assertion is not a JWS');
    if (header.alg !== 'RS256' || header.kid !== this.client.key.kid) return refuse('invalid_client', 'unknown key or algorithm');
    const signed = verify('sha256', Buffer.from(`${h}.${p}`, 'ascii'), createPublicKey(this.client.key.privateKey), Buffer.from(s, 'base64url'));
    if (!signed) return refuse('invalid_client', 'client assertion signature');
    const now = this.nowSeconds();
    const clientId = form.get('client_id') ?? claims.sub;
    if (claims.iss !== this.client.clientId || claims.sub !== this.client.clientId || clientId !== this.client.clientId) {
      return refuse('invalid_client', 'iss, sub and client_id must be the client');
    }
    if (claims.aud !== STANDIN_TOKEN_AUDIENCE) return refuse('invalid_client', 'aud');
    if (typeof claims.exp !== 'number' || claims.exp <= now || typeof claims.iat !== 'number' || claims.iat > now + 10) {
      return refuse('invalid_client', 'iat/exp');
    }
    if (typeof claims.jti !== 'string' || typeof claims.purposeId !== 'string') return refuse('invalid_client', 'jti and purposeId are required');

    const exp = now + this.lifetimeSeconds;
    const token = this.mint({
      sub: this.client.clientId,
      client_id: this.client.clientId,
      aud: [STANDIN_API_AUDIENCE],
      iat: now,
      nbf: now,
      exp,
      jti: randomUUID(),
      purposeId: claims.purposeId,
    });
    this.issued.set(token, exp);
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: this.lifetimeSeconds } };
  }

  /** Whether an Authorization header carries a live voucher issued here (anonymous calls are refused). */
  authorises(authorization: string | undefined): boolean {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    const exp = match ? this.issued.get(match[1]!) : undefined;
    return exp !== undefined && exp > this.nowSeconds();
  }

  /** Revokes every voucher issued so far, as PDND does when a purpose is suspended. */
  revokeAll(): void {
    this.issued.clear();
  }
}
