// Test kit shared by the specs (excluded from the build): a stand-in PDND on loopback, a verifier
// wired to it with the default fetch, one clock for both, and assertions on error code + status.
import { PdndStandin, startStandinServer, StandinServer, STANDIN_DESCRIPTOR_ID, STANDIN_ESERVICE_ID, STANDIN_PRODUCER_ID } from '@fsl/pdnd-standin';
import { createPrivateKey } from 'node:crypto';
import { VoucherConfig } from '../config';
import { PdndConsumerKeys } from '../consumer-keys';
import { PdndErrorCode } from '../error-codes';
import { PdndDeps } from '../eservice-call';
import { PdndError, problemResponse } from '../errors';
import { PdndKeySet } from '../key-set';
import { authenticatedFetchJson, PdndClientVoucher } from '../pdnd-client';
import { InMemoryReplayStore } from '../replay';

/** A fixed instant, so that every time-based case is exact. */
export const T0 = Date.UTC(2026, 2, 16, 9, 30, 0);
export const URL_ = 'https://api.fsl.example/fsl/v1/fascicoli/me';

export interface Harness {
  standin: PdndStandin;
  server: StandinServer;
  cfg: VoucherConfig;
  deps: PdndDeps & { replayStore: InMemoryReplayStore };
  clock: { now: number };
  /** New verifier-side caches and replay store (same stand-in, same clock). */
  fresh(): PdndDeps & { replayStore: InMemoryReplayStore };
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const clock = { now: T0 };
  const now = () => clock.now;
  const standin = new PdndStandin({ now });
  const server = await startStandinServer(standin);
  // The stand-in's keys API, like PDND's, answers only to a voucher of our own PDND client.
  const env = standin.apiClientEnv(server.url);
  const client = () =>
    new PdndClientVoucher({
      tokenUrl: env.PDND_TOKEN_URL!,
      clientId: env.PDND_CLIENT_ID!,
      keyId: env.PDND_CLIENT_KEY_ID!,
      privateKey: createPrivateKey(env.PDND_CLIENT_PRIVATE_KEY!),
      purposeId: env.PDND_CLIENT_PURPOSE_ID!,
      assertionAudience: env.PDND_TOKEN_AUDIENCE!,
      now,
    });
  const fresh = () => ({
    keySet: new PdndKeySet({ url: server.jwksUrl, now }),
    consumerKeys: new PdndConsumerKeys({ baseUrl: server.keysApiUrl, fetchJson: authenticatedFetchJson(client()), now }),
    replayStore: new InMemoryReplayStore(now),
    now,
  });
  const cfg: VoucherConfig = {
    issuer: standin.issuer,
    audience: standin.audience,
    clockToleranceSeconds: 10,
    producerId: STANDIN_PRODUCER_ID,
    eserviceId: STANDIN_ESERVICE_ID,
    descriptorId: STANDIN_DESCRIPTOR_ID,
    dpop: { maxAgeSeconds: 60, iatToleranceSeconds: 10 },
  };
  return { standin, server, cfg, deps: fresh(), clock, fresh, close: () => server.close() };
}

/** Awaits a rejection and checks code, HTTP status and the problem+json answer built from it. */
export async function expectPdndError(promise: Promise<unknown>, code: PdndErrorCode, status: number): Promise<PdndError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(PdndError);
  const err = caught as PdndError;
  expect({ code: err.code, status: err.status }).toEqual({ code, status });
  const res = problemResponse(err);
  expect(res.status).toBe(status);
  expect(res.headers['Content-Type']).toBe('application/problem+json');
  expect(res.body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
  if (status === 401) expect(res.headers['WWW-Authenticate']).toBeDefined();
  else expect(res.headers['WWW-Authenticate']).toBeUndefined();
  if (status === 429 || status === 503) expect(res.headers['Retry-After']).toMatch(/^\d+$/);
  return err;
}

/** Replaces the payload of a compact JWS without re-signing (a tampered token). */
export function tamperPayload(token: string, patch: Record<string, unknown>): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const payload = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), ...patch };
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}
