// The api in-process (the real AppModule, guard, Redis and Postgres) with a PDND stand-in on loopback:
// each test file gets its own authorisation table (random client ids, so quotas in Redis never carry
// over between runs) and its own access-audit schema (so records and tampering stay local).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ACCESS_AUDIT_ANCHOR_DDL, ACCESS_AUDIT_DDL, accessAuditGrants } from '@fsl/access-audit';
import { createHttpApp, listen } from '@fsl/http';
import { createLogger } from '@fsl/logging';
import { PdndStandin, startStandinServer, STANDIN_PRODUCER_ID, type Overrides, type StandinServer } from '@fsl/pdnd-standin';
import type Redis from 'ioredis';
import { AppModule, PG_POOL, REDIS } from '../../src/app.module';
import { configSchema, DEV_ESERVICES_FILE } from '../../src/config';
import type { AuthorizationTableFile } from '../../src/registry/authorizations';
import type { EserviceDef, EserviceKind } from '../../src/registry/eservices';
import { appDatabaseUrl } from '../../../../test/support/env';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fsl_test';
export const REDIS_URL = process.env.FSL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// jest's testTimeout in a project config is ignored (the 5 s default applies): starting apps and
// processes under a loaded suite needs more, so these tests pass their own.
export const HOOK_TIMEOUT_MS = 60_000;
/** What consumers address; DPoP proofs name it, as behind a TLS terminator. */
export const PUBLIC_BASE_URL = 'https://api.fsl.test';

export interface Consumer {
  name: string;
  clientId: string;
  consumerId: string;
  purposeId: string;
}

type PurposeSpec = Omit<AuthorizationTableFile['consumers'][number]['purposes'][number], 'purposeId' | 'description'> & { description?: string };
export interface ConsumerSpec {
  ente?: string;
  /** Training providers whose courses the consumer may write. */
  entiFormativi?: string[];
  rateLimit?: { limit: number; windowSeconds: number };
  purpose: Partial<PurposeSpec> & Pick<PurposeSpec, 'eservices'>;
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  /** Path under the e-service basePath (default /consultazioni), or an absolute path with `absolute`. */
  path?: string;
  absolute?: boolean;
  /** JSON body (objects are serialised) or raw text. */
  body?: unknown;
  dpop?: boolean;
  voucherClaims?: Overrides;
  voucherHeader?: Overrides;
  signWith?: 'pdnd' | 'rogue' | 'hmac-public-key' | 'none';
  evidenceClaims?: Overrides;
  /** Overrides of the headers computed (undefined removes one). */
  headers?: Record<string, string | undefined>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

export interface Harness {
  url: string;
  standin: PdndStandin;
  server: StandinServer;
  consumers: Record<string, Consumer>;
  eservice(kind: EserviceKind): { basePath: string; eserviceId: string; descriptorId: string; name: string; patterns: string[] };
  /** Headers a consumer sends for a call, computed as a well-behaved PDND consumer would. */
  headersFor(kind: EserviceKind, consumer: Consumer, opts?: CallOptions): Record<string, string>;
  call(kind: EserviceKind, consumer: Consumer, opts?: CallOptions): Promise<Answer>;
  /** Raw fetch against the app. */
  fetch(path: string, init?: RequestInit): Promise<Answer>;
  audit: Pool;
  auditSchema: string;
  logs(): string;
  close(): Promise<void>;
}

/** An authorisation table with one consumer per spec, random ids (so quotas in Redis never carry over). */
export function authorizationTable(specs: Record<string, ConsumerSpec>): { table: AuthorizationTableFile; consumers: Record<string, Consumer> } {
  const consumers: Record<string, Consumer> = {};
  const table: AuthorizationTableFile = {
    consumers: Object.entries(specs).map(([name, spec]) => {
      const c = (consumers[name] = { name, clientId: randomUUID(), consumerId: randomUUID(), purposeId: randomUUID() });
      return {
        id: `${name.toLowerCase()}-${randomBytes(3).toString('hex')}`,
        name: `Fruitore ${name}`,
        consumerId: c.consumerId,
        clientIds: [c.clientId],
        ...(spec.ente ? { ente: spec.ente } : {}),
        ...(spec.entiFormativi ? { entiFormativi: spec.entiFormativi } : {}),
        ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
        purposes: [{ purposeId: c.purposeId, description: `finalità ${name}`, dati: [], datiParticolari: [], casiPais: 'ente', soloInteressato: false, ...spec.purpose }],
      };
    }),
  };
  return { table, consumers };
}

/** Headers a consumer sends for a call, computed as a well-behaved PDND consumer would (ModI headers signed with its own key). */
export function consumerHeaders(standin: PdndStandin, eservice: (kind: EserviceKind) => EserviceDef) {
  return (kind: EserviceKind, consumer: Consumer, opts: CallOptions = {}): Record<string, string> => {
    const e = eservice(kind);
    const method = opts.method ?? 'POST';
    const path = opts.absolute ? opts.path! : `${e.basePath}${opts.path ?? '/consultazioni'}`;
    const headers: Record<string, string> = {};
    const claims = { consumerId: consumer.consumerId, eserviceId: e.eserviceId, descriptorId: e.descriptorId, ...opts.voucherClaims };
    let digest: { alg: string; value: string } | undefined;
    if (e.patterns.includes('AUDIT_REST_02')) {
      // Signed with the consumer's own key on PDND, as its client's ModI headers must be.
      const evidence = standin.trackingEvidence({ clientId: consumer.clientId, purposeId: consumer.purposeId, claims: opts.evidenceClaims });
      headers['Agid-JWT-TrackingEvidence'] = evidence.token;
      digest = evidence.digest;
    }
    const voucher = standin.voucher({ clientId: consumer.clientId, purposeId: consumer.purposeId, dpop: opts.dpop, digest, claims, header: opts.voucherHeader, signWith: opts.signWith });
    headers.Authorization = `${opts.dpop ? 'DPoP' : 'Bearer'} ${voucher}`;
    if (opts.dpop) headers.DPoP = standin.dpopProof({ method, url: `${PUBLIC_BASE_URL}${path}`, accessToken: voucher });
    if (method === 'POST') {
      const text = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body ?? {});
      if (e.patterns.includes('INTEGRITY_REST_02')) Object.assign(headers, standin.integrity({ body: text, clientId: consumer.clientId }).headers);
      else headers['Content-Type'] = 'application/json';
    }
    for (const [k, v] of Object.entries(opts.headers ?? {})) {
      if (v === undefined) delete headers[k];
      else headers[k] = v;
    }
    return headers;
  };
}

export async function startApi(specs: Record<string, ConsumerSpec>, env: Record<string, string> = {}): Promise<Harness> {
  const standin = new PdndStandin();
  const server = await startStandinServer(standin);
  const dir = mkdtempSync(join(tmpdir(), 'fsl-api-test-'));
  const { table, consumers } = authorizationTable(specs);
  const tableFile = join(dir, 'authorizations.json');
  writeFileSync(tableFile, JSON.stringify(table));

  const auditSchema = `api_audit_${randomBytes(5).toString('hex')}`;
  const audit = new Pool({ connectionString: DATABASE_URL, max: 2, options: `-c search_path=${auditSchema}` });
  await audit.query(`CREATE SCHEMA ${auditSchema}`);
  await audit.query(ACCESS_AUDIT_DDL);
  await audit.query(ACCESS_AUDIT_ANCHOR_DDL);
  await audit.query(`GRANT USAGE ON SCHEMA ${auditSchema} TO fsl_api; ${accessAuditGrants('fsl_api')}`);

  const config = configSchema.parse({
    DATABASE_URL: `${appDatabaseUrl('fsl_api', DATABASE_URL)}?options=${encodeURIComponent(`-c search_path=${auditSchema},public`)}`,
    REDIS_URL,
    PDND_JWKS_URL: server.jwksUrl,
    PDND_KEYS_API_URL: server.keysApiUrl,
    PDND_PUBLIC_BASE_URL: PUBLIC_BASE_URL,
    PDND_PRODUCER_ID: STANDIN_PRODUCER_ID,
    PDND_ESERVICES_FILE: DEV_ESERVICES_FILE,
    PDND_AUTHORIZATIONS_FILE: tableFile,
    // The api's own PDND client: the stand-in's keys API answers only to its voucher.
    ...standin.apiClientEnv(server.url),
    // Every refusal here comes from 127.0.0.1: the anonymous quota is another file's subject.
    RATE_LIMIT_ANONYMOUS: '1000000',
    ...env,
  });
  let logged = '';
  const destination = new Writable({
    write(chunk, _enc, done) {
      logged += chunk.toString();
      done();
    },
  });
  const logger = createLogger({ service: 'api', level: 'info', destination });
  const app: NestExpressApplication = await createHttpApp(AppModule.register(config, logger), { logger, host: '127.0.0.1', port: 0 });
  const url = await listen(app, '127.0.0.1', 0);

  const eservice = (kind: EserviceKind) => {
    const e = config.eservices.get(kind);
    if (!e) throw new Error(`${kind} not in the registry`);
    return e;
  };

  const headersFor = consumerHeaders(standin, eservice);

  const fetchApp = async (path: string, init: RequestInit = {}): Promise<Answer> => {
    const res = await fetch(`${url}${path}`, init);
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {};
    }
    return { status: res.status, headers: res.headers, text, body };
  };

  const call = (kind: EserviceKind, consumer: Consumer, opts: CallOptions = {}) => {
    const e = eservice(kind);
    const method = opts.method ?? 'POST';
    const path = opts.absolute ? opts.path! : `${e.basePath}${opts.path ?? '/consultazioni'}`;
    const body = method === 'POST' ? (typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body ?? {})) : undefined;
    return fetchApp(path, { method, headers: headersFor(kind, consumer, opts), body });
  };

  return {
    url,
    standin,
    server,
    consumers,
    eservice,
    headersFor,
    call,
    fetch: fetchApp,
    audit,
    auditSchema,
    logs: () => logged,
    close: async () => {
      await app.close();
      await app.get<Pool>(PG_POOL).end();
      app.get<Redis>(REDIS).disconnect();
      await server.close();
      await audit.query(`DROP SCHEMA ${auditSchema} CASCADE`);
      await audit.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Problem+json assertions shared by the tests: status, media type, registry code, no personal data. */
export function expectProblem(answer: Answer, status: number, code: string, cf?: string): void {
  expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  expect(answer.body).toMatchObject({ type: expect.stringMatching(/^urn:fsl:problem:/), title: expect.any(String), status, detail: expect.any(String) });
  if (status === 401) expect(answer.headers.get('www-authenticate')).toMatch(/Bearer|DPoP/);
  if (status === 429 || status === 503) expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  if (cf) expect(answer.text).not.toContain(cf);
}
