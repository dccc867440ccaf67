import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { DEV_ACCESS_AUDIT_ANCHOR_KEY } from '@fsl/access-audit';
import { httpEnv, kafkaEnv, loggingEnv, postgresEnv, producerEnv, pseudonymEnv, redisEnv, refuseDevSecrets, refuseSuperuserDatabase, requireCompleteSasl } from '@fsl/config';
import { loadClientPrivateKey, pdndClientEnvShape, pdndEnvShape } from '@fsl/pdnd';
import { AuthorizationTable, authorizationTableSchema } from './registry/authorizations';
import { EserviceRegistry, eserviceRegistrySchema } from './registry/eservices';
import { loadJsonFile, type DevMarked } from './registry/load-json';

export const SERVICE = 'api';

// Development defaults point at the local PDND stand-in (libs/pdnd-standin, `serve --port 8911`) and at
// the dev-only files in apps/api/config; NODE_ENV=production refuses every one of them.
const STANDIN_ISSUER = 'pdnd-standin.invalid';
const STANDIN_AUDIENCE = 'https://fsl-api.localhost/eservices';
// The api's own PDND client as the stand-in knows it (libs/pdnd-standin/src/defaults.ts).
const STANDIN_API_CLIENT_ID = '6f1c0de0-0000-4000-8000-0000000fa001';
const STANDIN_API_PURPOSE_ID = '6f1c0de0-0000-4000-8000-0000000fa0f1';
const STANDIN_API_CLIENT_KEY_ID = 'standin-api-client';
const STANDIN_TOKEN_AUDIENCE = 'pdnd-standin.invalid/client-assertion';
const CONFIG_DIR = join(__dirname, '..', 'config');
export const DEV_ESERVICES_FILE = join(CONFIG_DIR, 'eservices.dev.json');
export const DEV_AUTHORIZATIONS_FILE = join(CONFIG_DIR, 'authorizations.dev.json');
export const DEV_AUDIT_PSEUDONYM_KEY = 'dev-only-access-audit-pseudonym-key-NOT-FOR-PRODUCTION';
// DEV ONLY: the key the stand-in (`serve`) writes for the api's own PDND client, in the repository's
// git-ignored .run folder.
export const DEV_CLIENT_KEY_FILE = join(__dirname, '..', '..', '..', '.run', 'pdnd-standin', 'api-client.key.pem');
const DEV_TOKEN_URL = 'http://127.0.0.1:8911/token.oauth2';

const positiveInt = z.coerce.number().int().positive();
const compilesAsProxyList = (list: string[]) => {
  try {
    proxyaddr.compile(list);
    return true;
  } catch {
    return false;
  }
};

/** Every environment variable the api reads; the keys are the variable names. */
export const configShape = {
  ...httpEnv(3000),
  ...loggingEnv,
  ...postgresEnv('fsl_api'),
  ...redisEnv,
  ...pdndEnvShape,
  PDND_ISSUER: pdndEnvShape.PDND_ISSUER.prefault(STANDIN_ISSUER),
  PDND_AUDIENCE: pdndEnvShape.PDND_AUDIENCE.prefault(STANDIN_AUDIENCE),
  PDND_JWKS_URL: pdndEnvShape.PDND_JWKS_URL.default('http://127.0.0.1:8911/.well-known/jwks.json'),
  PDND_KEYS_API_URL: pdndEnvShape.PDND_KEYS_API_URL.default('http://127.0.0.1:8911'),
  ...pdndClientEnvShape,
  PDND_CLIENT_ID: pdndClientEnvShape.PDND_CLIENT_ID.default(STANDIN_API_CLIENT_ID),
  PDND_CLIENT_KEY_ID: pdndClientEnvShape.PDND_CLIENT_KEY_ID.default(STANDIN_API_CLIENT_KEY_ID),
  PDND_CLIENT_PURPOSE_ID: pdndClientEnvShape.PDND_CLIENT_PURPOSE_ID.default(STANDIN_API_PURPOSE_ID),
  PDND_TOKEN_URL: pdndClientEnvShape.PDND_TOKEN_URL.default(DEV_TOKEN_URL),
  PDND_TOKEN_AUDIENCE: pdndClientEnvShape.PDND_TOKEN_AUDIENCE.default(STANDIN_TOKEN_AUDIENCE),
  // Scheme, host and any path prefix under which consumers reach the api (behind the TLS terminator):
  // the DPoP htu is compared with this, never with the Host header a client can set.
  PDND_PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
  PDND_ESERVICES_FILE: z.string().min(1).default(DEV_ESERVICES_FILE),
  PDND_AUTHORIZATIONS_FILE: z.string().min(1).default(DEV_AUTHORIZATIONS_FILE),
  // Key of the subject pseudonym in the access audit. Kept apart from PSEUDONYM_KEY (Kafka keys) so
  // that rotating one does not orphan the other: a citizen's access log must stay findable for years.
  ACCESS_AUDIT_PSEUDONYM_KEY: z.string().min(32, 'must be at least 32 characters').default(DEV_AUDIT_PSEUDONYM_KEY),
  // Key of the access audit's head anchor (libs/access-audit/src/anchor.ts). The database never holds
  // it, so whoever controls the database cannot rewrite the chain unnoticed; the verify command needs it.
  ACCESS_AUDIT_ANCHOR_KEY: z.string().min(32, 'must be at least 32 characters').default(DEV_ACCESS_AUDIT_ANCHOR_KEY),
  // Quota of a consumer without its own `rateLimit` in the authorisation table.
  RATE_LIMIT_DEFAULT: positiveInt.max(1_000_000).default(600),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt.max(86_400).default(60),
  // Quota per source address of the calls refused before a consumer is identified (bad or forged
  // vouchers): they are never charged to the consumer a token names.
  RATE_LIMIT_ANONYMOUS: positiveInt.max(1_000_000).default(60),
  // The write e-services publish change events through the sources' topics, like the ingests (ADR 0007):
  // the broker, TLS/SASL, the produce timeout and the key of the message-key pseudonym (refused in production
  // when left at its dev default).
  ...kafkaEnv,
  ...producerEnv,
  ...pseudonymEnv,
  // The dossier-builder's consumer group: its offsets (consumer_offsets, ADR 0003) tell whether a read can
  // already see a write (Versione-Minima). A rebuild under another group moves this with it.
  BUILDER_CONSUMER_GROUP: z.string().regex(/^[a-z0-9._-]+$/).default('dossier-builder'),
  // How long a read asking for a version waits for the builder before answering "not yet" (503).
  VERSIONE_MINIMA_ATTESA_MS: positiveInt.max(10_000).default(2000),
  // Proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For is believed: only behind them is
  // the forwarded address the source. Empty: the peer address is the source, whatever the header says.
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .refine(compilesAsProxyList, 'must list IP addresses or CIDR ranges'),
};

type Env = z.infer<z.ZodObject<typeof configShape>>;

function refuseDevSettings(cfg: Env, ctx: z.RefinementCtx): void {
  if (cfg.NODE_ENV !== 'production') return;
  const issue = (variable: keyof Env, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
  if (cfg.ACCESS_AUDIT_PSEUDONYM_KEY === DEV_AUDIT_PSEUDONYM_KEY) issue('ACCESS_AUDIT_PSEUDONYM_KEY', 'the development default is not allowed in production');
  if (cfg.ACCESS_AUDIT_ANCHOR_KEY === DEV_ACCESS_AUDIT_ANCHOR_KEY) issue('ACCESS_AUDIT_ANCHOR_KEY', 'the development default is not allowed in production');
  if (cfg.PDND_ISSUER.includes(STANDIN_ISSUER)) issue('PDND_ISSUER', 'the PDND stand-in is not allowed in production');
  if (cfg.PDND_AUDIENCE.includes(STANDIN_AUDIENCE)) issue('PDND_AUDIENCE', 'the PDND stand-in is not allowed in production');
  const devClient = [
    ['PDND_CLIENT_ID', STANDIN_API_CLIENT_ID],
    ['PDND_CLIENT_KEY_ID', STANDIN_API_CLIENT_KEY_ID],
    ['PDND_CLIENT_PURPOSE_ID', STANDIN_API_PURPOSE_ID],
    ['PDND_TOKEN_AUDIENCE', STANDIN_TOKEN_AUDIENCE],
  ] as const;
  for (const [variable, dev] of devClient) if (cfg[variable] === dev) issue(variable, 'the PDND stand-in client is not allowed in production');
  if (cfg.PDND_CLIENT_PRIVATE_KEY === undefined && (cfg.PDND_CLIENT_PRIVATE_KEY_FILE ?? DEV_CLIENT_KEY_FILE) === DEV_CLIENT_KEY_FILE) {
    issue('PDND_CLIENT_PRIVATE_KEY_FILE', 'the PDND stand-in client key is not allowed in production');
  }
  for (const variable of ['PDND_JWKS_URL', 'PDND_KEYS_API_URL', 'PDND_PUBLIC_BASE_URL', 'PDND_TOKEN_URL'] as const) {
    if (!cfg[variable].startsWith('https://')) issue(variable, 'must be an https URL in production');
  }
}

/** The e-service registry and the authorisation table, read once at boot and checked together. */
function loadTables(cfg: Env, ctx: z.RefinementCtx) {
  const load = <T extends DevMarked>(variable: 'PDND_ESERVICES_FILE' | 'PDND_AUTHORIZATIONS_FILE', schema: z.ZodType<T>): T | undefined => {
    try {
      const file = loadJsonFile(cfg[variable], schema);
      if (file.devOnly && cfg.NODE_ENV === 'production') throw new Error('a devOnly file is not allowed in production');
      return file;
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: [variable], message: (err as Error).message });
      return undefined;
    }
  };
  // An explicit key is read now, so a deployment with a bad one does not start. The dev default is read
  // at first use: the stand-in writes that file when it first runs, possibly after the api booted.
  let clientKey: KeyObject | (() => KeyObject) | undefined;
  const { PDND_CLIENT_PRIVATE_KEY: pem, PDND_CLIENT_PRIVATE_KEY_FILE: file } = cfg;
  try {
    clientKey = pem === undefined && file === undefined ? () => loadClientPrivateKey({ file: DEV_CLIENT_KEY_FILE }) : loadClientPrivateKey({ pem, file });
  } catch (err) {
    // The message never quotes the key: it says which rule the value broke.
    const variable = pem !== undefined ? 'PDND_CLIENT_PRIVATE_KEY' : 'PDND_CLIENT_PRIVATE_KEY_FILE';
    ctx.addIssue({ code: 'custom', path: [variable], message: (err as Error).message });
  }
  const registryFile = load('PDND_ESERVICES_FILE', eserviceRegistrySchema);
  const tableFile = load('PDND_AUTHORIZATIONS_FILE', authorizationTableSchema);
  if (!registryFile || !tableFile || !clientKey) return z.NEVER;
  const eservices = new EserviceRegistry(registryFile);
  const authorizations = new AuthorizationTable(tableFile);
  // soloInteressato compares the requested citizen with the userID of the AUDIT_REST_02 evidence:
  // without that pattern on the e-service, or with userID not among the agreed claims, there is
  // nothing to compare with and every call would be refused.
  const userIdAgreed = !cfg.PDND_AUDIT_REQUIRED_CLAIMS || cfg.PDND_AUDIT_REQUIRED_CLAIMS.includes('userID');
  for (const consumer of tableFile.consumers) {
    for (const p of consumer.purposes.filter((g) => g.soloInteressato)) {
      const missing = p.eservices.filter((k) => eservices.get(k) && !eservices.requires(k, 'AUDIT_REST_02'));
      if (missing.length) {
        ctx.addIssue({ code: 'custom', path: ['PDND_AUTHORIZATIONS_FILE'], message: `consumer ${consumer.id}: soloInteressato needs AUDIT_REST_02 on ${missing.join(', ')}` });
      }
      if (!userIdAgreed) {
        ctx.addIssue({ code: 'custom', path: ['PDND_AUDIT_REQUIRED_CLAIMS'], message: `consumer ${consumer.id}: soloInteressato needs userID among the agreed claims` });
      }
    }
  }
  return { ...cfg, eservices, authorizations, clientKey };
}

export const configSchema = z
  .object(configShape)
  .superRefine(refuseDevSettings)
  .superRefine(refuseDevSecrets)
  .superRefine(requireCompleteSasl)
  .superRefine(refuseSuperuserDatabase)
  .transform(loadTables);
export type ApiConfig = z.output<typeof configSchema>;
