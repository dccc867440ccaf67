import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PdndStandin, startStandinServer, STANDIN_PRODUCER_ID, type StandinServer } from '@fsl/pdnd-standin';
import { DATA_DIR, ROOT, type Run } from './settings';

// Reads go through the real e-service path (issue 5): voucher, INTEGRITY_REST_02, quota, object
// authorisation, audited read. The PDND stand-in mints what a well-behaved consumer would send; the
// bench consumer has its own ids and a quota far above the load, so the quota is checked on every
// call (Redis round trip) but never refuses.

interface EserviceEntry {
  kind: string;
  basePath: string;
  eserviceId: string;
  descriptorId: string;
}

export interface PdndBench {
  /** Variables for the api process. */
  env: Record<string, string>;
  path: string;
  /** Body and headers of one consultation: a fresh Agid-JWT-Signature each time (its jti is single-use). */
  request(codiceFiscale: string): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

const ESERVICE = 'cartella-lavorativa';

export async function startPdnd(r: Run): Promise<PdndBench> {
  const registry = JSON.parse(readFileSync(join(ROOT, 'apps', 'api', 'config', 'eservices.dev.json'), 'utf8')) as { eservices: EserviceEntry[] };
  const e = registry.eservices.find((x) => x.kind === ESERVICE);
  if (!e) throw new Error(`${ESERVICE} is not in apps/api/config/eservices.dev.json`);
  const ids = { clientId: randomUUID(), consumerId: randomUUID(), purposeId: randomUUID() };
  const standin = new PdndStandin({ ...ids, eserviceId: e.eserviceId, descriptorId: e.descriptorId });
  const server: StandinServer = await startStandinServer(standin);
  const dir = join(DATA_DIR, 'runs', r.id);
  mkdirSync(dir, { recursive: true });
  const table = join(dir, 'authorizations.json');
  writeFileSync(
    table,
    JSON.stringify({
      devOnly: true,
      consumers: [
        {
          id: `bench-${r.id}`,
          name: 'Benchmark consumer',
          consumerId: ids.consumerId,
          clientIds: [ids.clientId],
          rateLimit: { limit: 1_000_000, windowSeconds: 60 },
          purposes: [{ purposeId: ids.purposeId, description: 'benchmark', eservices: [ESERVICE], dati: ['lavorativa'] }],
        },
      ],
    }),
  );
  // One voucher for the whole run, as a consumer reuses its Bearer voucher until it expires.
  const voucher = standin.voucher({ lifetimeSeconds: 3600 });
  return {
    env: {
      PDND_JWKS_URL: server.jwksUrl,
      PDND_KEYS_API_URL: server.keysApiUrl,
      PDND_PRODUCER_ID: STANDIN_PRODUCER_ID,
      PDND_AUTHORIZATIONS_FILE: table,
      PDND_PUBLIC_BASE_URL: 'http://127.0.0.1',
      // The api's own PDND client: the stand-in's keys API answers only to its voucher.
      ...standin.apiClientEnv(server.url),
    },
    path: `${e.basePath}/consultazioni`,
    request(codiceFiscale) {
      const body = JSON.stringify({ codiceFiscale });
      // Minted ahead of the load: 10 minutes of validity covers the longest read phase.
      const integrity = standin.integrity({ body, lifetimeSeconds: 600 });
      return { body, headers: { Authorization: `Bearer ${voucher}`, ...integrity.headers } };
    },
    close: () => server.close(),
  };
}
