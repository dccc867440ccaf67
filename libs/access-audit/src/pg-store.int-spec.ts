// Real Postgres (127.0.0.1:5432): each scenario gets a throwaway schema, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { hashRecord } from './chain';
import { AccessEvent, AuditRecord } from './record';
import { PgAccessAuditStore } from './pg-store';
import { runVerifyCli } from './verify-cli';

const DATABASE_URL = process.env.ACCESS_AUDIT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new Pool({ connectionString: DATABASE_URL, max: 2 });
const opened: Array<{ schema: string; pool: Pool }> = [];
const ANCHOR_KEY = `test-anchor-key-${randomBytes(16).toString('hex')}`;

async function freshStore(): Promise<{ schema: string; pool: Pool; store: PgAccessAuditStore }> {
  const schema = `audit_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new Pool({ connectionString: DATABASE_URL, max: 8, options: `-c search_path=${schema}` });
  opened.push({ schema, pool });
  const store = new PgAccessAuditStore(pool, ANCHOR_KEY);
  await store.migrate();
  return { schema, pool, store };
}

afterAll(async () => {
  for (const { schema, pool } of opened) {
    await pool.end();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  }
  await admin.end();
});

const event = (i: number, overrides: Partial<AccessEvent> = {}): AccessEvent => ({
  time: new Date(Date.UTC(2026, 2, 1, 10, 0, 0, i)),
  consumer: { clientId: `client-${i % 3}`, organizationId: `org-${i % 3}` },
  purposeId: `purpose-${i % 2}`,
  eservice: 'CONSULTAZIONE_Fascicolo-FSL_001',
  subject: `pseudo-${i % 4}`,
  outcome: 'granted',
  operation: 'GET /fascicoli/{tax_code}',
  requestId: `req-${i}`,
  ...overrides,
});

async function cli(schema: string, env: Record<string, string> = { ACCESS_AUDIT_ANCHOR_KEY: ANCHOR_KEY }, extra: string[] = []) {
  const out: string[] = [];
  const code = await runVerifyCli(['--url', DATABASE_URL, '--schema', schema, ...extra], { out: (l) => out.push(l), err: (l) => out.push(l), env });
  return { code, out: out.join('\n') };
}

async function seed(store: PgAccessAuditStore, n: number) {
  const records = [];
  for (let i = 1; i <= n; i++) records.push(await store.append(event(i)));
  return records;
}

describe('PgAccessAuditStore on a real Postgres', () => {
  it('concurrent appends keep one unbroken chain', async () => {
    const { store, schema } = await freshStore();
    await store.migrate(); // idempotent
    const records = await Promise.all(Array.from({ length: 40 }, (_, i) => store.append(event(i + 1))));
    expect(records.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const result = await store.verify(7); // several pages
    expect(result).toMatchObject({ ok: true, count: 40, head: await store.head() });
    expect(await cli(schema)).toMatchObject({ code: 0, out: expect.stringContaining('OK: 40 records') });
  });

  it('several instances appending to one database (each with its own idea of the head) never fork the chain', async () => {
    const { store, pool, schema } = await freshStore();
    // Three api instances: each chains onto the head it last wrote, which the others keep moving.
    const instances = [store, new PgAccessAuditStore(pool, ANCHOR_KEY), new PgAccessAuditStore(pool, ANCHOR_KEY)];
    const rounds = await Promise.all(
      instances.map(async (s, k) => {
        const out = [];
        for (let round = 0; round < 5; round++) {
          out.push(...(await Promise.all(Array.from({ length: 4 }, (_, j) => s.append(event(100 * k + 10 * round + j))))));
        }
        return out;
      }),
    );
    const seqs = rounds.flat().map((r) => r.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await store.verify()).toMatchObject({ ok: true, count: 60, head: { seq: 60 } });
    // Each resolved record is the one stored under its seq, byte for byte (hash included).
    const { rows } = await pool.query<{ seq: string; hash: string }>('SELECT seq, hash FROM access_audit ORDER BY seq');
    const stored = new Map(rows.map((r) => [Number(r.seq), r.hash]));
    for (const r of rounds.flat()) expect(stored.get(r.seq)).toBe(r.hash);
    expect(await cli(schema)).toMatchObject({ code: 0 });
  });

  it('the application cannot UPDATE, DELETE or TRUNCATE the audit', async () => {
    const { store, pool } = await freshStore();
    await seed(store, 3);
    await expect(pool.query(`UPDATE access_audit SET purpose_id = 'x' WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM access_audit WHERE seq = 2')).rejects.toThrow(/append-only/);
    await expect(pool.query('TRUNCATE access_audit')).rejects.toThrow(/append-only/);
  });

  it('an UPDATE made behind the trigger is detected and the record named; undoing it heals the chain', async () => {
    const { store, pool, schema } = await freshStore();
    const records = await seed(store, 20);
    const victim = records[11]!;
    await pool.query('ALTER TABLE access_audit DISABLE TRIGGER access_audit_append_only');
    await pool.query(`UPDATE access_audit SET purpose_id = 'purpose-forged' WHERE seq = $1`, [victim.seq]);
    expect(await store.verify()).toMatchObject({ ok: false, count: 11, broken: { reason: 'hash-mismatch', id: victim.id, seq: 12 } });
    const res = await cli(schema);
    expect(res.code).toBe(1);
    expect(res.out).toContain(`BROKEN at record ${victim.id} (seq 12, hash-mismatch)`);
    await pool.query(`UPDATE access_audit SET purpose_id = $1 WHERE seq = $2`, [victim.purposeId, victim.seq]);
    expect((await cli(schema)).code).toBe(0);
  });

  it('a deleted record is detected, naming the record after the gap', async () => {
    const { store, pool, schema } = await freshStore();
    const records = await seed(store, 20);
    await pool.query('ALTER TABLE access_audit DISABLE TRIGGER access_audit_append_only');
    await pool.query('DELETE FROM access_audit WHERE seq = 9');
    expect(await store.verify()).toMatchObject({ ok: false, broken: { reason: 'sequence-gap', id: records[9]!.id, seq: 10 } });
    const res = await cli(schema);
    expect(res.code).toBe(1);
    expect(res.out).toContain(records[9]!.id);
  });

  it('a deleted last record is detected against the chain head', async () => {
    const { store, pool, schema } = await freshStore();
    await seed(store, 5);
    await pool.query('ALTER TABLE access_audit DISABLE TRIGGER access_audit_append_only');
    await pool.query('DELETE FROM access_audit WHERE seq = 5');
    expect(await store.verify()).toMatchObject({ ok: false, broken: { reason: 'head-mismatch', seq: 5, id: null } });
    expect(await cli(schema)).toMatchObject({ code: 1, out: expect.stringContaining('BROKEN at a missing record (seq 5, head-mismatch)') });
  });

  it('a chain rewritten whole by the database owner (every hash and the head recomputed) fails on the anchor', async () => {
    const { store, pool, schema } = await freshStore();
    await seed(store, 10);
    // What a superuser can do without the anchor key: change a record, re-link every later record
    // with the public hash algorithm, and move the head to the new last hash.
    await pool.query('ALTER TABLE access_audit DISABLE TRIGGER access_audit_append_only');
    const { rows } = await pool.query<{ seq: string; id: string; recorded_at: Date; client_id: string; organization_id: string | null; purpose_id: string; eservice: string; subject: string; outcome: AuditRecord['outcome']; operation: string | null; request_id: string | null; prev_hash: string }>(
      'SELECT * FROM access_audit ORDER BY seq',
    );
    let prevHash = rows[2]!.prev_hash;
    for (const r of rows.slice(2)) {
      const forged: Omit<AuditRecord, 'hash'> = {
        seq: Number(r.seq), id: r.id, time: r.recorded_at.toISOString(), clientId: r.client_id, organizationId: r.organization_id,
        purposeId: r.seq === '3' ? 'purpose-forged' : r.purpose_id, eservice: r.eservice, subject: r.subject, outcome: r.outcome,
        operation: r.operation, requestId: r.request_id, prevHash,
      };
      const hash = hashRecord(forged);
      await pool.query('UPDATE access_audit SET purpose_id = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [forged.purposeId, prevHash, hash, r.seq]);
      prevHash = hash;
    }
    await pool.query('UPDATE access_audit_head SET hash = $1 WHERE id = 1', [prevHash]);

    expect(await store.verify()).toMatchObject({ ok: false, count: 10, broken: { reason: 'anchor-mismatch', seq: 10, id: null } });
    expect(await cli(schema)).toMatchObject({ code: 1, out: expect.stringContaining('(seq 10, anchor-mismatch)') });
    // Dropping the anchor instead is no way out either.
    await pool.query('UPDATE access_audit_head SET anchor = NULL WHERE id = 1');
    expect(await cli(schema)).toMatchObject({ code: 1, out: expect.stringContaining('carries no anchor') });
  });

  it('verification needs the api\'s anchor key: another key fails, production without one is a usage error', async () => {
    const { store, schema } = await freshStore();
    await seed(store, 3);
    expect(await cli(schema)).toMatchObject({ code: 0 });
    expect(await cli(schema, { ACCESS_AUDIT_ANCHOR_KEY: 'some-other-key-of-thirty-two-characters' })).toMatchObject({ code: 1, out: expect.stringContaining('anchor-mismatch') });
    expect(await cli(schema, { NODE_ENV: 'production' })).toMatchObject({ code: 2, out: expect.stringContaining('ACCESS_AUDIT_ANCHOR_KEY') });
  });

  it('a rollback to an older, validly anchored head is caught by the heads recorded outside the database', async () => {
    const { store, pool, schema } = await freshStore();
    const log = join(mkdtempSync(join(tmpdir(), 'audit-heads-')), 'heads.log');
    const record = async () => appendFileSync(log, `${(await cli(schema)).out}\n`); // what a daily job would keep
    await seed(store, 10);
    await record();
    const { rows: saved } = await pool.query('SELECT seq, hash, anchor FROM access_audit_head WHERE id = 1');
    await seed(store, 5);
    await record();
    // The superuser's rollback: drop the newer records and put the saved head row back.
    await pool.query('ALTER TABLE access_audit DISABLE TRIGGER access_audit_append_only');
    await pool.query('DELETE FROM access_audit WHERE seq > 10');
    await pool.query('UPDATE access_audit_head SET seq = $1, hash = $2, anchor = $3 WHERE id = 1', [saved[0].seq, saved[0].hash, saved[0].anchor]);

    expect(await cli(schema)).toMatchObject({ code: 0 }); // the database alone cannot tell
    const res = await cli(schema, { ACCESS_AUDIT_ANCHOR_KEY: ANCHOR_KEY }, ['--recorded-heads', log]);
    expect(res).toMatchObject({ code: 1, out: expect.stringContaining('(seq 11, anchor-mismatch)') });
    expect(res.out).toContain('a head at 15 was recorded outside the database but the chain ends at 10');
  });

  it("a subject's own access log: who, when, which purpose — newest first, paginated", async () => {
    const { store } = await freshStore();
    await seed(store, 12); // subjects pseudo-0..3, three records each
    await store.append(event(13, { subject: 'pseudo-1', outcome: 'denied' }));
    const page1 = await store.subjectLog('pseudo-1', { limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toEqual({
      time: '2026-03-01T10:00:00.009Z',
      consumer: { clientId: 'client-0', organizationId: 'org-0' },
      purposeId: 'purpose-1',
      eservice: 'CONSULTAZIONE_Fascicolo-FSL_001',
      outcome: 'granted',
    });
    const page2 = await store.subjectLog('pseudo-1', { limit: 2, before: page1.nextCursor });
    expect(page2.items.map((i) => i.time)).toEqual(['2026-03-01T10:00:00.001Z']);
    expect(page2.nextCursor).toBeUndefined();
    expect((await store.subjectLog('pseudo-1', { includeDenied: true })).items[0]!.outcome).toBe('denied');
    expect((await store.subjectLog('nobody')).items).toEqual([]);
  });

  it('the CLI exits 2 when it cannot connect', async () => {
    const out: string[] = [];
    const code = await runVerifyCli(['--url', 'postgres://postgres@127.0.0.1:1/postgres'], { out: (l) => out.push(l), err: (l) => out.push(l), env: {} });
    expect(code).toBe(2);
    expect(await runVerifyCli(['--schema', 'bad;name'], { out: () => undefined, err: () => undefined, env: {} })).toBe(2);
  });
});
