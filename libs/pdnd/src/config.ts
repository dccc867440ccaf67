import { z } from 'zod';

export interface DpopConfig {
  /** A proof older than this is refused (PDND: 60 s). */
  maxAgeSeconds?: number;
  /** How far in the future a proof iat may be (PDND: 10 s). */
  iatToleranceSeconds?: number;
}

/** What a voucher must look like for one e-service. Compose per route: ids differ per e-service. */
export interface VoucherConfig {
  /** PDND issuer(s) of the environment, e.g. `interop.pagopa.it`. */
  issuer: string | readonly string[];
  /** Audience(s) configured on our e-service version; the voucher `aud` must contain one. */
  audience: string | readonly string[];
  /** Clock skew accepted on exp / nbf / iat (default 10 s). */
  clockToleranceSeconds?: number;
  /** Longest voucher accepted, exp − iat (default 3600 s): the voucher lifespan set on our e-service version. */
  maxLifespanSeconds?: number;
  /** Our tenant id on PDND; checked against `producerId` when set. */
  producerId?: string;
  eserviceId?: string;
  descriptorId?: string;
  dpop?: DpopConfig;
}

/** Settings for the consumer-signed Agid-JWT-* headers (INTEGRITY_REST_02, AUDIT_REST_02). */
export interface ModiConfig {
  /** Expected `aud` of Agid-JWT-Signature / TrackingEvidence; defaults to the voucher audience. */
  audience?: string | readonly string[];
  clockToleranceSeconds?: number;
  /** Claims agreed with consumers for AUDIT_REST_02 (default purposeId, userID, userLocation, LoA). */
  auditRequiredClaims?: readonly string[];
}

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 10;
export const DEFAULT_MAX_VOUCHER_LIFESPAN_SECONDS = 3600;
export const DEFAULT_DPOP_MAX_AGE_SECONDS = 60;
export const DEFAULT_DPOP_IAT_TOLERANCE_SECONDS = 10;
export const DEFAULT_AUDIT_CLAIMS = ['purposeId', 'userID', 'userLocation', 'LoA'] as const;

const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .refine((l) => l.length > 0, 'must list at least one value');
const seconds = (fallback: number, max: number) => z.coerce.number().int().min(0).max(max).default(fallback);

/** The PDND variables, keyed by name, for apps that compose them into their own config schema. */
export const pdndEnvShape = {
  PDND_ISSUER: list,
  PDND_AUDIENCE: list,
  PDND_JWKS_URL: z.url(),
  PDND_KEYS_API_URL: z.url(),
  PDND_PRODUCER_ID: z.string().min(1).optional(),
  // "Small" tolerance: more than a couple of minutes would hide a broken clock.
  PDND_CLOCK_TOLERANCE_SECONDS: seconds(DEFAULT_CLOCK_TOLERANCE_SECONDS, 120),
  // PDND lets a provider set 60..86400 s on the e-service version; set this to the value chosen there.
  PDND_MAX_VOUCHER_LIFESPAN_SECONDS: z.coerce.number().int().min(60).max(86_400).default(DEFAULT_MAX_VOUCHER_LIFESPAN_SECONDS),
  PDND_DPOP_MAX_AGE_SECONDS: seconds(DEFAULT_DPOP_MAX_AGE_SECONDS, 300),
  PDND_DPOP_IAT_TOLERANCE_SECONDS: seconds(DEFAULT_DPOP_IAT_TOLERANCE_SECONDS, 60),
  PDND_MODI_AUDIENCE: list.optional(),
  PDND_AUDIT_REQUIRED_CLAIMS: list.optional(),
};
const envSchema = z.object(pdndEnvShape);

/**
 * Our own PDND client (see pdnd-client.ts), which PDND's keys API requires: the client id, the kid and
 * private key registered on it (inline PEM or a file), the purpose vouchers are asked for, and PDND's
 * token endpoint with the audience it expects in client assertions.
 */
export const pdndClientEnvShape = {
  PDND_CLIENT_ID: z.string().min(1),
  PDND_CLIENT_KEY_ID: z.string().min(1),
  PDND_CLIENT_PRIVATE_KEY: z.string().min(1).optional(),
  PDND_CLIENT_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  PDND_CLIENT_PURPOSE_ID: z.string().min(1),
  PDND_TOKEN_URL: z.url(),
  PDND_TOKEN_AUDIENCE: z.string().min(1),
};
export type PdndEnv = z.infer<typeof envSchema>;

export interface PdndEnvConfig {
  voucher: VoucherConfig;
  modi: ModiConfig;
  jwksUrl: string;
  keysApiUrl: string;
}

/** Reads the PDND settings from the environment; throws a zod error naming the bad variables. */
export function pdndConfigFromEnv(env: Record<string, string | undefined>): PdndEnvConfig {
  return pdndConfigFromParsed(envSchema.parse(env));
}

/** The same, from values an app already parsed with `pdndEnvShape` (possibly with its own defaults). */
export function pdndConfigFromParsed(e: PdndEnv): PdndEnvConfig {
  return {
    voucher: {
      issuer: e.PDND_ISSUER,
      audience: e.PDND_AUDIENCE,
      clockToleranceSeconds: e.PDND_CLOCK_TOLERANCE_SECONDS,
      maxLifespanSeconds: e.PDND_MAX_VOUCHER_LIFESPAN_SECONDS,
      producerId: e.PDND_PRODUCER_ID,
      dpop: { maxAgeSeconds: e.PDND_DPOP_MAX_AGE_SECONDS, iatToleranceSeconds: e.PDND_DPOP_IAT_TOLERANCE_SECONDS },
    },
    modi: {
      audience: e.PDND_MODI_AUDIENCE,
      clockToleranceSeconds: e.PDND_CLOCK_TOLERANCE_SECONDS,
      auditRequiredClaims: e.PDND_AUDIT_REQUIRED_CLAIMS,
    },
    jwksUrl: e.PDND_JWKS_URL,
    keysApiUrl: e.PDND_KEYS_API_URL,
  };
}
