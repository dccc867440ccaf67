import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { httpEnv, kafkaEnv, loggingEnv, postgresEnv, producerEnv, pseudonymEnv, refuseDevSecrets, refuseSuperuserDatabase, requireCompleteSasl } from '@fsl/config';
import { loadClientPrivateKey, pdndClientEnvShape } from '@fsl/pdnd';
import { loadRegistry, type Registro } from './registry';

export const SERVICE = 'ingest-enti-locali';

// Development defaults point at the local PDND stand-in (libs/pdnd-standin `serve --port 8911`), whose token
// endpoint knows one client — the one the api uses as a PDND client too — and at the dev registry of two
// stand-in municipalities (libs/waas-standin, ports 8921 and 8922). NODE_ENV=production refuses every one.
const STANDIN_CLIENT_ID = '6f1c0de0-0000-4000-8000-0000000fa001';
const STANDIN_CLIENT_KEY_ID = 'standin-api-client';
const STANDIN_TOKEN_AUDIENCE = 'pdnd-standin.invalid/client-assertion';
const DEV_TOKEN_URL = 'http://127.0.0.1:8911/token.oauth2';
export const DEV_REGISTRY_FILE = join(__dirname, '..', 'config', 'enti.dev.json');
// DEV ONLY: the key the stand-in (`serve`) writes for that client, in the repository's git-ignored .run folder.
export const DEV_CLIENT_KEY_FILE = join(__dirname, '..', '..', '..', '.run', 'pdnd-standin', 'api-client.key.pem');

const positiveInt = z.coerce.number().int().positive();
const { PDND_CLIENT_PURPOSE_ID: _perEnte, ...clientShape } = pdndClientEnvShape;

/** Every environment variable the gateway reads; the keys are the variable names. */
export const configShape = {
  ...httpEnv(3005),
  ...loggingEnv,
  ...kafkaEnv,
  ...producerEnv,
  ...pseudonymEnv,
  ...postgresEnv('fsl_ingest'),
  // The municipalities whose WaaS e-services FSL pulls (registry.ts). The dev file is refused in production.
  ENTI_REGISTRY_FILE: z.string().min(1).default(DEV_REGISTRY_FILE),
  // Our PDND client (fruitore): its id, the key registered on it, PDND's token endpoint. The purpose is each
  // municipality's (registry), so one voucher is kept per municipality.
  ...clientShape,
  PDND_CLIENT_ID: clientShape.PDND_CLIENT_ID.default(STANDIN_CLIENT_ID),
  PDND_CLIENT_KEY_ID: clientShape.PDND_CLIENT_KEY_ID.default(STANDIN_CLIENT_KEY_ID),
  PDND_TOKEN_URL: clientShape.PDND_TOKEN_URL.default(DEV_TOKEN_URL),
  PDND_TOKEN_AUDIENCE: clientShape.PDND_TOKEN_AUDIENCE.default(STANDIN_TOKEN_AUDIENCE),
  // How often a municipality is asked, unless its registry entry says otherwise.
  ENTI_POLL_INTERVAL_SECONDS: positiveInt.max(86_400).default(60),
  // `limit` of GET /flussi: the interface allows at most 100.
  ENTI_PAGE_LIMIT: positiveInt.max(100).default(100),
  // One call to a municipality (voucher, request and the whole answer) ends by then: a hanging e-service
  // must not hold its loop, and never anyone else's.
  ENTI_REQUEST_TIMEOUT_MS: positiveInt.max(600_000).default(30_000),
  // An answer larger than this is refused without being buffered (100 flows of a few kB each are far below).
  ENTI_MAX_RESPONSE_BYTES: positiveInt.default(64 * 1024 * 1024),
  // Pages read one after the other in one poll before the state is written and the loop yields.
  ENTI_MAX_PAGES_PER_POLL: positiveInt.max(10_000).default(50),
  // Consecutive failures of a municipality wait base·2^(n−1), at most max (plus up to 10 % jitter).
  ENTI_BACKOFF_BASE_MS: positiveInt.default(1000),
  ENTI_BACKOFF_MAX_MS: positiveInt.default(15 * 60_000),
  // The outcome outbox: how often each municipality's due outcomes are looked for, how many go in one
  // POST /esiti (the interface allows 100), the retry delays, and how many 4xx answers park an outcome.
  ESITI_POLL_INTERVAL_MS: positiveInt.default(2000),
  ESITI_BATCH: positiveInt.max(100).default(100),
  ESITI_RETRY_BASE_MS: positiveInt.default(5000),
  ESITI_RETRY_MAX_MS: positiveInt.default(60 * 60_000),
  ESITI_MAX_4XX: positiveInt.max(1000).default(5),
};

type Env = z.infer<z.ZodObject<typeof configShape>>;

function refuseDevSettings(cfg: Env, ctx: z.RefinementCtx): void {
  if (cfg.NODE_ENV !== 'production') return;
  const issue = (variable: keyof Env, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
  const devClient = [
    ['PDND_CLIENT_ID', STANDIN_CLIENT_ID],
    ['PDND_CLIENT_KEY_ID', STANDIN_CLIENT_KEY_ID],
    ['PDND_TOKEN_AUDIENCE', STANDIN_TOKEN_AUDIENCE],
  ] as const;
  for (const [variable, dev] of devClient) if (cfg[variable] === dev) issue(variable, 'the PDND stand-in client is not allowed in production');
  if (cfg.PDND_CLIENT_PRIVATE_KEY === undefined && (cfg.PDND_CLIENT_PRIVATE_KEY_FILE ?? DEV_CLIENT_KEY_FILE) === DEV_CLIENT_KEY_FILE) {
    issue('PDND_CLIENT_PRIVATE_KEY_FILE', 'the PDND stand-in client key is not allowed in production');
  }
  // Also refused when the file is read (any devOnly file is); said here too so that it is named with the rest.
  if (cfg.ENTI_REGISTRY_FILE === DEV_REGISTRY_FILE) issue('ENTI_REGISTRY_FILE', 'the dev registry of stand-in municipalities is not allowed in production');
  if (!cfg.PDND_TOKEN_URL.startsWith('https://')) issue('PDND_TOKEN_URL', 'must be an https URL in production');
  if (cfg.ENTI_BACKOFF_MAX_MS < cfg.ENTI_BACKOFF_BASE_MS) issue('ENTI_BACKOFF_MAX_MS', 'cannot be below ENTI_BACKOFF_BASE_MS');
}

/** The registry and our client key, read once at boot: a deployment with a bad one does not start. */
function load(cfg: Env, ctx: z.RefinementCtx) {
  let registro: Registro | undefined;
  try {
    registro = loadRegistry(cfg.ENTI_REGISTRY_FILE, { production: cfg.NODE_ENV === 'production' });
  } catch (err) {
    // The message names the file's fields and rules, never their values.
    ctx.addIssue({ code: 'custom', path: ['ENTI_REGISTRY_FILE'], message: (err as Error).message });
  }
  // An explicit key is read now. The dev default is read at first use: the stand-in writes that file when it
  // first runs, possibly after the gateway booted.
  let clientKey: KeyObject | (() => KeyObject) | undefined;
  const { PDND_CLIENT_PRIVATE_KEY: pem, PDND_CLIENT_PRIVATE_KEY_FILE: file } = cfg;
  try {
    clientKey = pem === undefined && file === undefined ? () => loadClientPrivateKey({ file: DEV_CLIENT_KEY_FILE }) : loadClientPrivateKey({ pem, file });
  } catch (err) {
    ctx.addIssue({ code: 'custom', path: [pem !== undefined ? 'PDND_CLIENT_PRIVATE_KEY' : 'PDND_CLIENT_PRIVATE_KEY_FILE'], message: (err as Error).message });
  }
  if (!registro || !clientKey) return z.NEVER;
  return { ...cfg, registro, clientKey };
}

export const configSchema = z
  .object(configShape)
  .superRefine(refuseDevSecrets)
  .superRefine(requireCompleteSasl)
  .superRefine(refuseSuperuserDatabase)
  .superRefine(refuseDevSettings)
  .transform(load);
export type GatewayConfig = z.output<typeof configSchema>;
