// Quotas per consumer (Redis) and the hash-chained access audit (Postgres), through the real app.
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomCf } from '../../../test/support/env';
import { DEV_AUDIT_PSEUDONYM_KEY } from '../src/config';
import { DATABASE_URL, expectProblem, HOOK_TIMEOUT_MS, startApi, type Harness } from './support/harness';

const VERIFY_CLI = join(__dirname, '..', '..', '..', 'libs', 'access-audit', 'dist', 'verify-cli.js');
const CF = randomCf();
const body = { codiceFiscale: CF };
const lavorativa = { eservices: ['cartella-lavorativa'] as const, dati: ['lavorativa'] as const };

let h: Harness;
beforeAll(async () => {
  h = await startApi({
    limited: { rateLimit: { limit: 3, windowSeconds: 60 }, purpose: { eservices: [...lavorativa.eservices], dati: [...lavorativa.dati] } },
    other: { purpose: { eservices: [...lavorativa.eservices], dati: [...lavorativa.dati] } },
    auditor: { purpose: { eservices: ['fascicolo', ...lavorativa.eservices], dati: [...lavorativa.dati] } },
  });
}, HOOK_TIMEOUT_MS);
afterAll(() => h.close(), HOOK_TIMEOUT_MS);

describe('quota per consumer', () => {
  it('X-RateLimit-* on every answer, then 429 with Retry-After; other consumers are not affected', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await h.call('cartella-lavorativa', h.consumers.limited!, { body });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('3');
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(60);
      seen.push(res.headers.get('x-ratelimit-remaining')!);
    }
    expect(seen).toEqual(['2', '1', '0']);
    const over = await h.call('cartella-lavorativa', h.consumers.limited!, { body });
    expectProblem(over, 429, 'RATE_LIMITED', CF);
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await h.call('cartella-lavorativa', h.consumers.other!, { body })).status).toBe(200);
  });

  it('a refusal of the authorisation table carries the quota headers too', async () => {
    const res = await h.call('fascicolo', h.consumers.other!, { body });
    expectProblem(res, 403, 'PURPOSE_NOT_AUTHORISED', CF);
    expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
  });

  it('a call refused by a ModI check (identified consumer, bad Agid-JWT-Signature) is counted and says so', async () => {
    const ok = await h.call('cartella-lavorativa', h.consumers.other!, { body });
    const before = Number(ok.headers.get('x-ratelimit-remaining'));
    const bad = await h.call('cartella-lavorativa', h.consumers.other!, { body, headers: { 'Agid-JWT-Signature': undefined } });
    expectProblem(bad, 400, 'INTEGRITY_SIGNATURE_MISSING', CF);
    expect(Number(bad.headers.get('x-ratelimit-remaining'))).toBe(before - 1);
  });

  it('Redis unreachable: 503 with Retry-After rather than an unmetered call', async () => {
    const blind = await startApi({ c: { purpose: { eservices: [...lavorativa.eservices], dati: [...lavorativa.dati] } } }, { REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await blind.call('cartella-lavorativa', blind.consumers.c!, { method: 'GET', absolute: true, path: `/v1/cartelle-lavorative/${CF}` });
      expectProblem(res, 503, 'SERVICE_UNAVAILABLE', CF);
    } finally {
      await blind.close();
    }
  }, HOOK_TIMEOUT_MS);
});

describe('access audit', () => {
  const records = () => h.audit.query('SELECT * FROM access_audit ORDER BY seq').then((r) => r.rows);

  it('one record per call that touches personal data: who, purpose, e-service, pseudonym, outcome', async () => {
    const before = (await records()).length;
    const granted = await h.call('fascicolo', h.consumers.auditor!, { body });
    expect(granted.status).toBe(200);
    const denied = await h.call('cartella-sociale', h.consumers.auditor!, { body });
    expectProblem(denied, 403, 'PURPOSE_NOT_AUTHORISED', CF);
    const unauthenticated = await h.fetch(`${h.eservice('fascicolo').basePath}/consultazioni`, { method: 'POST', body: JSON.stringify(body) });
    expect(unauthenticated.status).toBe(401);

    const rows = (await records()).slice(before);
    const pseudonym = createHmac('sha256', DEV_AUDIT_PSEUDONYM_KEY).update(CF).digest('hex');
    const auditor = h.consumers.auditor!;
    expect(rows.map((r) => [r.client_id, r.organization_id, r.purpose_id, r.eservice, r.subject, r.outcome, r.operation])).toEqual([
      [auditor.clientId, auditor.consumerId, auditor.purposeId, h.eservice('fascicolo').name, pseudonym, 'granted', 'POST /rest/fsl/v1/fascicoli/consultazioni'],
      [auditor.clientId, auditor.consumerId, auditor.purposeId, h.eservice('cartella-sociale').name, pseudonym, 'denied', 'POST /rest/fsl/v1/cartelle-sociali/consultazioni'],
    ]);
    expect(rows[0].request_id).toBe(granted.headers.get('x-correlation-id'));
    expect(JSON.stringify(await records())).not.toContain(CF);
  });

  it('the verification command passes on the chain, and names the record edited through SQL', async () => {
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, [VERIFY_CLI, '--url', DATABASE_URL, '--schema', h.auditSchema, ...args]).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const intact = await cli();
    expect(intact).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: \d+ records/) });

    const victim = (await records())[1];
    // The table refuses UPDATE through its trigger; a superuser who bypasses it is what the chain is for.
    const admin = await h.audit.connect();
    try {
      await admin.query('SET session_replication_role = replica');
      await admin.query('UPDATE access_audit SET purpose_id = $1 WHERE seq = $2', ['00000000-0000-4000-8000-000000000000', victim.seq]);
    } finally {
      await admin.query('RESET session_replication_role');
      admin.release();
    }
    const broken = await cli();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN at record ${victim.id} (seq ${victim.seq}, hash-mismatch)`);
  }, HOOK_TIMEOUT_MS);

  it('the app cannot edit the audit: UPDATE and DELETE are refused by the table', async () => {
    await expect(h.audit.query("UPDATE access_audit SET outcome = 'granted' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(h.audit.query('DELETE FROM access_audit WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('when the audit cannot be written, no personal data leaves: 503 with Retry-After', async () => {
    await h.audit.query('ALTER TABLE access_audit ADD CONSTRAINT audit_down CHECK (false) NOT VALID');
    try {
      const res = await h.call('cartella-lavorativa', h.consumers.other!, { body });
      expectProblem(res, 503, 'DEPENDENCY_UNAVAILABLE', CF);
      expect(res.body).not.toHaveProperty('versione');
    } finally {
      await h.audit.query('ALTER TABLE access_audit DROP CONSTRAINT audit_down');
    }
  });
});
