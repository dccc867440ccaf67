import { Pool } from 'pg';
import { REDRIVE_HEADERS, topicName } from '@fsl/kafka';
import { generateSiislFeed } from '@fsl/siisl';
import { coMessages, publishCos } from '../../../test/support/co-events';
import { siislMessages, type SiislItem } from '../../../test/support/siisl-events';
import { BROKERS, createTestTopics, hiring, isolation, randomCf, sendInOrder, testKafka, waitFor, waitForCount } from '../../../test/support/env';
import { ownDatabase, runOps, type OwnDatabase, type OpsRun } from '../../../test/support/ops-kit';
import { startApp, type RunningApp } from '../../../test/support/processes';

// fsl-ops against the real broker and Postgres, the live builder running as a process (ADR 0008): a rebuild
// switched in and rolled back while the api's reads and the ingestion go on; a rebuild killed with SIGKILL and
// resumed; a poison message parked, redriven after the fix and applied once; the checker finding differences
// planted in the live set. Each block has a database of its own: a switch moves every projection table of it.

const T = 420_000;

interface Env {
  db: OwnDatabase;
  prefix: string;
  group: string;
  builder: RunningApp;
  owner: Pool;
  ops: Record<string, string>;
}

function environment(label: string, opsExtra: Record<string, string> = {}) {
  const env = {} as Env;
  beforeAll(async () => {
    const { prefix, group } = isolation(label);
    env.db = await ownDatabase(label.replace(/-/g, '_'));
    env.prefix = prefix;
    env.group = group;
    await createTestTopics(prefix);
    env.owner = new Pool({ connectionString: env.db.url, max: 3 });
    env.ops = { KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, CONSUMER_GROUP: group, DATABASE_URL: env.db.url, LOG_LEVEL: 'error', ...opsExtra };
    env.builder = await startApp('dossier-builder', { KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, CONSUMER_GROUP: group, DATABASE_URL: env.db.as('fsl_builder') });
  }, T);
  afterAll(async () => {
    await env.builder?.stop();
    await env.owner?.end();
    await env.db?.drop();
  }, T);
  return env;
}

const count = async (pool: Pool, sql: string, params: unknown[] = []) => Number((await pool.query<{ n: string }>(sql, params)).rows[0].n);

/** How many of a schema's tables are UNLOGGED and how many ordinary. */
async function persistence(pool: Pool, schema: string): Promise<{ unlogged: number; logged: number }> {
  const { rows } = await pool.query<{ unlogged: number; logged: number }>(
    `SELECT count(*) FILTER (WHERE c.relpersistence = 'u')::int AS unlogged, count(*) FILTER (WHERE c.relpersistence = 'p')::int AS logged
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [schema],
  );
  return rows[0];
}

/** Hirings of `n` new workers, published in batches of 50; resolves with their CFs. */
async function publishWorkers(prefix: string, n: number): Promise<string[]> {
  const cfs = Array.from({ length: n }, () => randomCf());
  for (let i = 0; i < cfs.length; i += 50) await publishCos(prefix, cfs.slice(i, i + 50).map((cf) => hiring(cf)));
  return cfs;
}

const expectOk = (run: OpsRun) => {
  if (run.code !== 0) throw new Error(`fsl-ops exited ${run.code}: ${run.stderr.slice(-2000)}`);
};

describe('fsl-ops rebuild, switch and rollback while the api reads and the builder consumes', () => {
  const env = environment('ops-switch');

  it('switches to a rebuilt set and back without a failed read, a read going back in time, or an event applied twice', async () => {
    const published = await publishWorkers(env.prefix, 300);
    await waitForCount('the live builder to apply the first workers', () => count(env.owner, 'SELECT count(*) AS n FROM dossier'), 300);

    // The api's reads, as its role, with its statement (the cartella lavorativa's), on 4 connections.
    const api = new Pool({ connectionString: env.db.as('fsl_api'), max: 4 });
    const problems: string[] = [];
    let reads = 0;
    let reading = true;
    // Each reader on its own: what one reader saw, its next reads must not go back on (two readers' queries
    // overlap, so one may well see less than what another saw a moment earlier).
    const reader = async () => {
      const seen = new Map<string, number>();
      let lastTotal = 0;
      while (reading) {
        const cf = published[Math.floor(Math.random() * published.length)];
        try {
          const { rows } = await api.query<{ version: string; state: unknown }>(
            `SELECT d.version, c.state FROM dossier d LEFT JOIN cartella_lavorativa c ON c.codice_fiscale = d.codice_fiscale WHERE d.codice_fiscale = $1`,
            [cf],
          );
          const v = rows.length ? Number(rows[0].version) : 0;
          if (rows.length && !rows[0].state) problems.push('a dossier without its cartella (a half-built set)');
          if (v < (seen.get(cf) ?? 0)) problems.push(`version went back from ${seen.get(cf)} to ${v}`);
          seen.set(cf, Math.max(v, seen.get(cf) ?? 0));
          const total = await count(api, 'SELECT count(*) AS n FROM dossier');
          if (total < lastTotal) problems.push(`the dossiers went from ${lastTotal} to ${total}`);
          lastTotal = Math.max(lastTotal, total);
          reads += 1;
        } catch (err) {
          problems.push(`read failed: ${(err as Error).message}`);
        }
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    // The ingestion goes on: new workers every 200 ms while the operator works.
    let ingesting = true;
    const ingestion = (async () => {
      while (ingesting) {
        published.push(...(await publishWorkers(env.prefix, 5)));
        await new Promise((r) => setTimeout(r, 200));
      }
    })();

    try {
      const rebuilt = await runOps(env.ops, ['rebuild']);
      expectOk(rebuilt);
      expect(rebuilt.result).toMatchObject({ set: 'projection_next', resumed: false });
      expect(rebuilt.result.events as number).toBeGreaterThanOrEqual(300);
      expect(rebuilt.lines.some((l) => l.progress === 'rebuild')).toBe(true);

      const switched = await runOps(env.ops, ['switch']);
      expectOk(switched);
      expect(switched.result).toMatchObject({ action: 'switch', kept: 'projection_prev' });
      // The live tables are the rebuilt ones: those the live builder wrote are the kept set now.
      expect(await count(env.owner, `SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'projection_prev'`)).toBeGreaterThanOrEqual(14);
      await new Promise((r) => setTimeout(r, 1500));

      const rolledBack = await runOps(env.ops, ['rollback']);
      expectOk(rolledBack);
      expect(rolledBack.result).toMatchObject({ action: 'rollback', kept: 'projection_prev' });
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      ingesting = false;
      await ingestion;
    }
    // The live builder went on after both moves: everything published is there, each hiring applied once.
    await waitForCount('the live builder to apply every worker', () => count(env.owner, 'SELECT count(*) AS n FROM dossier WHERE codice_fiscale = ANY($1)', [published]), published.length);
    reading = false;
    await Promise.all(readers);
    await api.end();
    expect(problems).toEqual([]);
    expect(reads).toBeGreaterThan(100);
    expect(await count(env.owner, 'SELECT count(*) AS n FROM dossier WHERE codice_fiscale = ANY($1) AND version <> 1', [published])).toBe(0);

    // And the live set equals a rebuild from the topics: the checker agrees.
    const checked = await runOps(env.ops, ['check']);
    expect(checked.code).toBe(0);
    expect(checked.result).toMatchObject({ differing: 0 });
    const digests = checked.result.digests as { live: string; rebuilt: string };
    expect(digests.live).toBe(digests.rebuilt);

    expectOk(await runOps(env.ops, ['drop-previous']));
    expect(await count(env.owner, `SELECT count(*) AS n FROM pg_namespace WHERE nspname = 'projection_prev'`)).toBe(0);
  }, T);
});

describe('fsl-ops rebuild killed with SIGKILL', () => {
  // Small chunks (the rebuild's windows too), one partition at a time: the rebuild takes long enough to be
  // killed half way.
  const env = environment('ops-kill', { CHUNK_SIZE: '10', OPS_REBUILD_CHUNK_SIZE: '10', PARTITIONS_CONCURRENCY: '1' });

  it('resumes where the set is, and the set it finishes equals the live one', async () => {
    const published = await publishWorkers(env.prefix, 3000);
    await waitForCount('the live builder', () => count(env.owner, 'SELECT count(*) AS n FROM dossier'), published.length);

    let killedAt = -1;
    const killed = await runOps(env.ops, ['rebuild'], {
      onLine: (line, proc) => {
        if (line.progress === 'rebuild' && (line.done as number) > 0 && (line.lag as number) > 0 && killedAt < 0) {
          killedAt = line.done as number;
          proc.kill('SIGKILL');
        }
      },
    });
    expect(killed.code).toBeNull();
    expect(killedAt).toBeGreaterThan(0);
    const stored = await count(env.owner, `SELECT coalesce(sum(next_offset), 0) AS n FROM projection_next.consumer_offsets`);
    expect(stored).toBeLessThan(published.length);
    // Unlogged while it is built: every table of the set (17 today), none of them an ordinary one.
    expect(await persistence(env.owner, 'projection_next')).toEqual({ unlogged: 17, logged: 0 });

    const resumed = await runOps(env.ops, ['rebuild']);
    expectOk(resumed);
    expect(resumed.result).toMatchObject({ resumed: true, events: published.length });
    // Caught up: every table written to the WAL, ready to be switched in.
    expect(await persistence(env.owner, 'projection_next')).toEqual({ unlogged: 0, logged: 17 });
    // The first progress line of the resumed run starts where the killed one was, not from zero.
    const first = resumed.lines.find((l) => l.progress === 'rebuild') as { done: number };
    expect(first.done).toBeGreaterThanOrEqual(killedAt);

    expectOk(await runOps(env.ops, ['switch']));
    expect(await count(env.owner, 'SELECT count(*) AS n FROM dossier WHERE codice_fiscale = ANY($1) AND version = 1', [published])).toBe(published.length);
    const checked = await runOps(env.ops, ['check']);
    expect(checked.result).toMatchObject({ differing: 0 });
    expect(checked.code).toBe(0);
  }, T);
});

describe('fsl-ops rebuild after Postgres emptied the unlogged set in its crash recovery', () => {
  const env = environment('ops-crash', { CHUNK_SIZE: '10', OPS_REBUILD_CHUNK_SIZE: '10', PARTITIONS_CONCURRENCY: '1' });

  it('reads every partition again from its start, whatever Kafka remembers, and the set it finishes equals the live one', async () => {
    const published = await publishWorkers(env.prefix, 1500);
    await waitForCount('the live builder', () => count(env.owner, 'SELECT count(*) AS n FROM dossier'), published.length);
    let killed = false;
    await runOps(env.ops, ['rebuild'], {
      onLine: (line, proc) => {
        // Past the first windows: Kafka's group has committed positions well into the topic.
        if (line.progress === 'rebuild' && (line.done as number) >= 300 && (line.lag as number) > 0 && !killed) {
          killed = true;
          proc.kill('SIGKILL');
        }
      },
    });
    expect(killed).toBe(true);
    // The shared server cannot be crashed from a test: its recovery is done by hand, as PostgreSQL does it for
    // every unlogged relation (reset to empty, all of the set's tables together).
    const { rows } = await env.owner.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'projection_next'`);
    await env.owner.query(`TRUNCATE ${rows.map((r) => `projection_next.${r.t}`).join(', ')}`);

    const resumed = await runOps(env.ops, ['rebuild']);
    expectOk(resumed);
    expect(resumed.result).toMatchObject({ resumed: true, events: published.length });
    expect(await count(env.owner, 'SELECT count(*) AS n FROM projection_next.dossier WHERE codice_fiscale = ANY($1) AND version = 1', [published])).toBe(published.length);
    expectOk(await runOps(env.ops, ['switch']));
    expect(await persistence(env.owner, 'public')).toMatchObject({ unlogged: 0 });
    const checked = await runOps(env.ops, ['check']);
    expect(checked.result).toMatchObject({ differing: 0 });
    expect(checked.code).toBe(0);
  }, T);
});

describe('fsl-ops dead letters and the checker', () => {
  const env = environment('ops-dlq');

  it('parks a poison message, sends a failed redrive back with its history, applies the fixed one once', async () => {
    // A CO published on the SIISL topic by mistake: poison there (a subject that topic does not carry).
    const cf = randomCf();
    const co = hiring(cf);
    const wrong = coMessages(co)[0];
    await sendInOrder(topicName('siislEvents', env.prefix), [[wrong]]);
    const parked = await waitFor('the letter', async () => {
      const run = await runOps(env.ops, ['dead-letters', 'list', '--topic', 'siisl']);
      const list = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
      return list.length === 1 ? list[0] : undefined;
    });
    expect(parked).toMatchObject({ code: 'WRONG_SUBJECT', status: 'PARKED' });
    const coords = `${parked.topic}/${parked.partition}/${parked.offset}`;
    const metric = async () => (await (await fetch(env.builder.metricsUrl)).text()).split('\n').find((l) => l.startsWith('builder_dead_letters_parked{') && l.includes('code="WRONG_SUBJECT"'));
    expect(await metric()).toMatch(/ 1$/);

    // Looked at: decoded, the CF masked.
    const inspected = await runOps(env.ops, ['dead-letters', 'inspect', coords]);
    expectOk(inspected);
    expect(inspected.stdout).not.toContain(cf);
    expect(inspected.result).toMatchObject({ letter: { code: 'WRONG_SUBJECT' }, message: { subject: 'co.comunicazione-obbligatoria' } });

    // Redriven to the same topic: fails again, back in the queue with the first failure in its history.
    const again = await runOps(env.ops, ['dead-letters', 'redrive', '--topic', 'siisl', '--wait', '30']);
    expect(again.code).toBe(1);
    expect(again.result).toMatchObject({ selected: 1, sent: 1, outcome: { failedAgain: 1 } });
    const second = JSON.parse((await runOps(env.ops, ['dead-letters', 'list', '--topic', 'siisl'])).stdout) as Array<{ offset: string; history: Array<{ offset: string; code: string }>; root: { offset: string } }>;
    expect(second).toHaveLength(1);
    expect(second[0].offset).not.toBe(parked.offset);
    expect(second[0].root.offset).toBe(parked.offset);
    expect(second[0].history).toEqual([expect.objectContaining({ offset: parked.offset, code: 'WRONG_SUBJECT' })]);

    // The fix: the right topic. Applied once: the dossier at version 1.
    const fixed = await runOps(env.ops, ['dead-letters', 'redrive', '--topic', 'siisl', '--to', 'co', '--wait', '30']);
    expectOk(fixed);
    expect(fixed.result).toMatchObject({ sent: 1, outcome: { applied: 1, failedAgain: 0, pending: 0 } });
    await waitFor('the dossier', async () => ((await count(env.owner, 'SELECT count(*) AS n FROM dossier WHERE codice_fiscale = $1', [cf])) === 1 ? true : undefined));
    // A second copy of the same line (an operator's retry after a crash between send and bookkeeping), and
    // another worker's CO after it, so we know when the builder is past the copy.
    const copy = { ...wrong, headers: { [REDRIVE_HEADERS.of]: JSON.stringify({ topic: parked.topic, partition: parked.partition, offset: parked.offset }) } };
    const marker = randomCf();
    await sendInOrder(topicName('coComunicazioni', env.prefix), [[copy], coMessages(hiring(marker))]);
    await waitFor('the marker', async () => ((await count(env.owner, 'SELECT count(*) AS n FROM dossier WHERE codice_fiscale = $1', [marker])) === 1 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await count(env.owner, 'SELECT version AS n FROM dossier WHERE codice_fiscale = $1', [cf])).toBe(1);
    expect(await count(env.owner, 'SELECT count(*) AS n FROM redriven_letter')).toBe(1);
    expect(await metric()).toBeUndefined();
    // The consumer lag and the message by coordinates.
    const overview = await runOps(env.ops, ['inspect']);
    expectOk(overview);
    expect((overview.result.offsets as Array<{ name: string; lag: string }>).find((o) => o.name.startsWith('live set'))).toMatchObject({ lag: '0' });
  }, T);

  it('the checker finds the differences planted in the live set, masked, and exits 1', async () => {
    const cfs = await publishWorkers(env.prefix, 20);
    await waitFor('the workers', async () => ((await count(env.owner, 'SELECT count(*) AS n FROM dossier WHERE codice_fiscale = ANY($1)', [cfs])) === 20 ? true : undefined), 60_000);
    const clean = await runOps(env.ops, ['check']);
    expect(clean.result.differences).toEqual([]);
    expect(clean.result).toMatchObject({ differing: 0 });

    await env.owner.query('UPDATE dossier SET version = version + 1 WHERE codice_fiscale = $1', [cfs[0]]);
    await env.owner.query(`UPDATE cartella_lavorativa SET state = jsonb_set(state, '{version}', '99') WHERE codice_fiscale = $1`, [cfs[1]]);
    await env.owner.query('DELETE FROM co_codice_index WHERE worker_cf = $1', [cfs[2]]);
    const found = await runOps(env.ops, ['check']);
    expect(found.code).toBe(1);
    expect(found.result.differing).toBe(3);
    const differences = found.result.differences as Array<{ table: string; key: string; rows: Array<{ kind: string; changes?: Array<{ path: string }> }> }>;
    expect(differences.map((d) => d.table).sort()).toEqual(['cartella_lavorativa', 'co_codice_index', 'dossier']);
    expect(differences.find((d) => d.table === 'dossier')?.rows).toEqual([expect.objectContaining({ kind: 'changed', changes: [{ path: 'version', live: 2, rebuilt: 1 }] })]);
    expect(differences.find((d) => d.table === 'cartella_lavorativa')?.rows[0].changes?.map((c) => c.path)).toEqual(['state.version']);
    expect(differences.find((d) => d.table === 'co_codice_index')?.rows[0].kind).toBe('only-rebuilt');
    for (const cf of cfs) expect(found.stdout).not.toContain(cf);
    expect(differences.every((d) => d.key === '[CF]')).toBe(true);
  }, T);
});

describe('fsl-ops rebuild of one projection', () => {
  const env = environment('ops-one');

  it('rebuilds the SIISL projection alone, copying the others, without counting its events twice', async () => {
    // The generators' people in two sources: their COs and their SIISL records.
    const feed = generateSiislFeed({ workers: 30, seed: 4242 });
    await sendInOrder(topicName('coComunicazioni', env.prefix), feed.cos.map((co) => coMessages(co)));
    await sendInOrder(topicName('siislEvents', env.prefix), feed.consegne.map((c) => siislMessages(c as SiislItem)));
    await waitFor('the live builder to apply everything', async () => {
      const run = await runOps(env.ops, ['inspect']);
      const live = (run.result.offsets as Array<{ name: string; lag: string }> | undefined)?.find((o) => o.name.startsWith('live set'));
      return live?.lag === '0' ? true : undefined;
    }, 90_000);
    const versions = async () => (await env.owner.query<{ codice_fiscale: string; version: string }>('SELECT codice_fiscale, version FROM dossier ORDER BY 1')).rows;
    const sizes = async () =>
      Object.fromEntries(
        await Promise.all(['cartella_lavorativa', 'cartella_formativa', 'cartella_sociale', 'cartella_lavorativa_siisl', 'siisl_corso', 'siisl_offerta'].map(async (t) => [t, await count(env.owner, `SELECT count(*) AS n FROM ${t}`)])),
      );
    const before = { versions: await versions(), sizes: await sizes() };
    expect(before.sizes.cartella_formativa).toBeGreaterThan(0);

    const run = await runOps(env.ops, ['rebuild', '--projection', 'siisl', '--switch']);
    expectOk(run);
    expect(run.result).toMatchObject({ projection: 'siisl', switched: { action: 'switch' } });
    expect(run.lines.some((l) => l.progress === 'rebuild siisl: up to the copy')).toBe(true);
    expect(await count(env.owner, `SELECT count(*) AS n FROM pg_namespace WHERE nspname = 'projection_next_scratch'`)).toBe(0);
    expect({ versions: await versions(), sizes: await sizes() }).toEqual(before);

    const checked = await runOps(env.ops, ['check']);
    expect(checked.result).toMatchObject({ differing: 0 });
    expect(checked.code).toBe(0);
  }, T);
});
