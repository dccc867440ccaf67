import type { PoolClient } from 'pg';
import { createEmptySet, dropSet, ident, LIVE_SCHEMA, moveTables, PROJECTION_TABLES, schemaExists, SET_SCHEMAS, setLogged, setShape, shapeDifferences, tablesIn, unloggedTables, type ProjectionTable } from '@fsl/db';
import { OpsError, sleep, type OpsContext } from './context';
import { offsetsAt, sourceTopics, watermarks, type Watermarks } from './kafka-info';
import { offsetKey, reached, Replay, storedOffsets, type Offsets, type ReplayOptions } from './replay';
import { topicName, type TopicId } from '@fsl/kafka';

// Rebuild, switch, rollback, drop-previous: the projection sets of ADR 0008. The live set is the listed
// tables in public; a rebuild fills projection_next from the topics with the builder's own folds while the live
// builder goes on; the switch holds the live builder still (its offsets table locked: every builder transaction
// starts there), lets the new set reach the live offsets, and moves both sets' tables in one transaction; the
// replaced set waits in projection_prev for a rollback (the same move the other way, after the old set caught up)
// or for drop-previous.

interface RebuildState {
  target: string;
  kafka_group: string;
  consumer_group: string;
  projection: string | null;
  from_timestamp: Date | null;
  start_offsets: Array<{ topic: string; partition: number; offset: string }>;
  state: 'BUILDING' | 'CAUGHT_UP';
  started_at: Date;
  snapshot_offsets: Record<string, string> | null;
}

async function rebuildState(ctx: OpsContext, target: string): Promise<RebuildState | undefined> {
  const { rows } = await ctx.db.query<RebuildState>('SELECT * FROM fsl_ops.rebuild WHERE target = $1', [target]);
  return rows[0];
}

const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n);

/** Where each partition's replay starts, as a map. */
const startOf = (state: RebuildState): Offsets => new Map(state.start_offsets.map((s) => [offsetKey(s.topic, s.partition), BigInt(s.offset)]));

/**
 * Run `replay` with the progress shown until `done` says so (or it fails). `goal` is what the lag is measured
 * against: the broker's end of each partition, or a bound.
 */
async function follow(ctx: OpsContext, replay: Replay, phase: string, start: Offsets, goal: () => Promise<Offsets>, done: (stored: Offsets) => Promise<boolean>): Promise<Offsets> {
  let troubleSince: number | undefined;
  for (;;) {
    if (replay.failed) throw replay.failed;
    let stored: Offsets;
    let g: Offsets;
    let finished: boolean;
    try {
      [stored, g] = [await replay.stored(), await goal()];
      finished = await done(stored);
      troubleSince = undefined;
    } catch (err) {
      // The broker restarting, the database a moment away: the replay rides it out (its runner restarts), and
      // so does the watch over it, for a while.
      troubleSince ??= Date.now();
      if (Date.now() - troubleSince > 5 * 60_000) throw err;
      ctx.logger.warn({ err }, 'progress not readable; trying again');
      await sleep(2000);
      continue;
    }
    const applied = sum([...stored].map(([k, v]) => v - (start.get(k) ?? 0n)));
    const lag = sum([...g].map(([k, v]) => (v > (stored.get(k) ?? start.get(k) ?? 0n) ? v - (stored.get(k) ?? start.get(k) ?? 0n) : 0n)));
    ctx.progress.update({ phase, done: applied > 0n ? applied : 0n, lag });
    if (finished) return stored;
    await sleep(1000);
  }
}

const ends = (w: Watermarks[]): Offsets => new Map(w.map((x) => [offsetKey(x.topic, x.partition), BigInt(x.high)]));
const brokerEnds = (ctx: OpsContext) => async () => ends(await watermarks(ctx.kafka, sourceTopics(ctx.config.KAFKA_TOPIC_PREFIX)));
const liveOffsets = (ctx: OpsContext) => storedOffsets(ctx.db, LIVE_SCHEMA, ctx.config.CONSUMER_GROUP);

export function replayOf(ctx: OpsContext, schema: string, kafkaGroup: string, startOffsets?: Offsets): Replay {
  return new Replay({ ...replayOptions(ctx, schema, kafkaGroup), startOffsets });
}

/** A rough upper size of one source message (Avro + headers): what a fetch must allow for a whole window. */
const MESSAGE_BYTES = 2048;

function replayOptions(ctx: OpsContext, schema: string, kafkaGroup: string): ReplayOptions {
  const chunkSize = ctx.config.OPS_REBUILD_CHUNK_SIZE;
  return {
    kafka: ctx.kafka,
    databaseUrl: ctx.config.DATABASE_URL,
    schema,
    group: ctx.config.CONSUMER_GROUP,
    kafkaGroup,
    prefix: ctx.config.KAFKA_TOPIC_PREFIX,
    logger: ctx.replayLogger,
    chunkSize,
    concurrency: ctx.config.PARTITIONS_CONCURRENCY,
    maxBytesPerPartition: Math.max(1024 * 1024, chunkSize * MESSAGE_BYTES),
  };
}

export async function inTransaction<T>(ctx: OpsContext, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await ctx.db.connect();
  try {
    await client.query('BEGIN');
    const out = await work(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * A new empty set in `schema`. With `from` (a rebuild from a point in time) its offsets rows start there;
 * without, it has none: a partition without a row is read from its beginning (the replay's Kafka group is
 * new), and the set ends up with rows exactly where the live builder's has them — equal sets, equal tables.
 *
 * Its tables are UNLOGGED until it caught up (ADR 0008, "A full rebuild's set is unlogged while it is built"):
 * nobody reads them yet, and the WAL of rewriting every worker's state is most of what Postgres does in a
 * replay. A crash of Postgres empties every unlogged table at recovery, all of them together — the set's
 * offsets with its data — so the set is then as created, and resumeAfterCrash starts it again from there.
 */
async function createSetAt(client: PoolClient, ctx: OpsContext, schema: string, from: Watermarks[] | undefined): Promise<void> {
  await createEmptySet(client, schema, PROJECTION_TABLES, { unlogged: true });
  await insertStartOffsets(client, ctx, schema, from);
}

async function insertStartOffsets(client: PoolClient, ctx: OpsContext, schema: string, from: Watermarks[] | undefined): Promise<void> {
  if (!from) return;
  await client.query(
    `INSERT INTO ${ident(schema)}.consumer_offsets (consumer_group, topic, partition, next_offset)
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::bigint[])`,
    [ctx.config.CONSUMER_GROUP, from.map((s) => s.topic), from.map((s) => s.partition), from.map((s) => s.low)],
  );
}

async function deleteKafkaGroup(ctx: OpsContext, group: string): Promise<void> {
  const admin = ctx.kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([group]);
  } catch {
    // A group that is gone already, or a broker that is down: Kafka forgets idle groups by itself.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** The source topics of each projection a rebuild may be limited to (the `source` of PROJECTION_TABLES). */
export const PROJECTIONS = {
  co: ['coComunicazioni'],
  siisl: ['siislEvents'],
  gepi: ['gepiEvents'],
  siuss: ['siussPrestazioni', 'siussSinba'],
} as const satisfies Record<Exclude<ProjectionTable['source'], 'shared'>, readonly TopicId[]>;
export type ProjectionName = keyof typeof PROJECTIONS;

/** Where the shared counters (dossier versions) a one-projection rebuild must not raise twice are kept aside. */
const SCRATCH = 'projection_next_scratch';

export interface RebuildOptions {
  from?: Date;
  /** One source's projection only: the others are copied from the live set. */
  projection?: ProjectionName;
  restart?: boolean;
  /** Switch as soon as the rebuild caught up, without stopping in between. */
  switchAfter?: boolean;
}

export interface RebuildResult {
  set: string;
  resumed: boolean;
  startedAt: string;
  from: string | null;
  events: number;
  deadLettersMet: number;
  offsets: Record<string, string>;
  projection: string | null;
  switched?: SwitchResult;
}

export async function rebuild(ctx: OpsContext, opts: RebuildOptions): Promise<RebuildResult> {
  const target = SET_SCHEMAS.next;
  let state = await rebuildState(ctx, target);
  if (opts.restart) {
    if (state) await deleteKafkaGroup(ctx, state.kafka_group);
    await inTransaction(ctx, async (c) => {
      await dropSet(c, target);
      await dropSet(c, SCRATCH);
      await c.query('DELETE FROM fsl_ops.rebuild WHERE target = $1', [target]);
    });
    state = undefined;
  }
  const resumed = state !== undefined;
  if (state) {
    const sameFrom = (state.from_timestamp?.getTime() ?? null) === (opts.from?.getTime() ?? null);
    if ((opts.from && !sameFrom) || (opts.projection && opts.projection !== state.projection)) throw new OpsError(`a rebuild started ${state.started_at.toISOString()} is in progress with other options: run rebuild without options to resume it, or rebuild --restart`);
    if (state.consumer_group !== ctx.config.CONSUMER_GROUP) throw new OpsError(`the rebuild in progress is for consumer group ${state.consumer_group}, not ${ctx.config.CONSUMER_GROUP}`);
    ctx.say(`resuming the rebuild started ${state.started_at.toISOString()} into ${target}`);
  } else {
    if (await schemaExists(ctx.db, target)) throw new OpsError(`${target} exists but no rebuild is recorded for it: rebuild --restart drops it and starts again`);
    const topics = sourceTopics(ctx.config.KAFKA_TOPIC_PREFIX);
    const start = opts.from ? await offsetsAt(ctx.kafka, topics, opts.from) : await watermarks(ctx.kafka, topics);
    const kafkaGroup = `${ctx.config.CONSUMER_GROUP}.rebuild.${Date.now().toString(36)}`;
    const record = (c: PoolClient, starts: Array<{ topic: string; partition: number; offset: string }>, snapshot: Offsets | null) =>
      c.query(
        `INSERT INTO fsl_ops.rebuild (target, kafka_group, consumer_group, projection, from_timestamp, start_offsets, snapshot_offsets, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'BUILDING')`,
        [target, kafkaGroup, ctx.config.CONSUMER_GROUP, opts.projection ?? null, opts.from ?? null, JSON.stringify(starts), snapshot && JSON.stringify(Object.fromEntries([...snapshot].map(([k, v]) => [k, v.toString()])))],
      );
    if (opts.projection) {
      const own = ownTopics(ctx, opts.projection);
      await copyAllBut(ctx, target, opts.projection, own, start.filter((s) => own.includes(s.topic)), opts.from !== undefined, record);
    } else {
      await inTransaction(ctx, async (c) => {
        await createSetAt(c, ctx, target, opts.from ? start : undefined);
        await record(c, start.map((s) => ({ topic: s.topic, partition: s.partition, offset: s.low })), null);
      });
    }
    state = (await rebuildState(ctx, target)) as RebuildState;
    ctx.say(`rebuilding ${opts.projection ? `the ${opts.projection} projection (the others copied from the live set)` : 'every projection'} into ${target}${opts.from ? ` from ${opts.from.toISOString()}` : ' from the start of the topics'}`);
  }

  if (state.projection && (await schemaExists(ctx.db, SCRATCH))) await replayUpToSnapshot(ctx, state);
  if (resumed) await resumeAfterCrash(ctx, target, state);

  const start = startOf(state);
  const replay = replayOf(ctx, target, state.kafka_group, start);
  let stored: Offsets;
  try {
    await replay.start();
    // Caught up = the new set is at or past the live builder's offsets everywhere: the switch has little left.
    stored = await follow(ctx, replay, 'rebuild', start, brokerEnds(ctx), async (s) => reached(s, await liveOffsets(ctx)));
  } finally {
    await replay.end();
  }
  // Nothing writes the set now: its tables become ordinary ones (written whole to the WAL once), in one
  // transaction with the state that says it caught up.
  await inTransaction(ctx, async (c) => {
    await setLogged(c, target);
    await c.query(`UPDATE fsl_ops.rebuild SET state = 'CAUGHT_UP', updated_at = now() WHERE target = $1`, [target]);
  });
  const result: RebuildResult = {
    set: target,
    resumed,
    startedAt: state.started_at.toISOString(),
    from: state.from_timestamp?.toISOString() ?? null,
    events: Number(sum([...stored].map(([k, v]) => v - (start.get(k) ?? 0n)))),
    deadLettersMet: replay.deadLetters.met.length,
    offsets: Object.fromEntries([...stored].map(([k, v]) => [k, v.toString()])),
    projection: state.projection,
  };
  if (opts.switchAfter) result.switched = await promote(ctx, 'switch');
  return result;
}

/**
 * A full rebuild's set is unlogged while it is built: a crash of Postgres empties all its tables at recovery,
 * its offsets with them (never some without the others), and the set is as it was created. Every partition is
 * then read again from its start (the replay seeks to the recorded start of any partition the set has no
 * offsets row for, whatever Kafka remembers for its group); a rebuild --from gets its start rows back, so the
 * set ends up with offsets rows exactly where an uninterrupted one would.
 */
async function resumeAfterCrash(ctx: OpsContext, target: string, state: RebuildState): Promise<void> {
  if (state.projection || !state.from_timestamp) return;
  if ((await unloggedTables(ctx.db, target)).length === 0) return;
  const { rows } = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(target)}.consumer_offsets`);
  if (rows[0].n > 0) return;
  const from = state.start_offsets.map((s) => ({ topic: s.topic, partition: s.partition, low: s.offset, high: s.offset }));
  await inTransaction(ctx, (c) => insertStartOffsets(c, ctx, target, from));
}

/**
 * A rebuild of one projection: in ONE snapshot of the live set, the other projections' tables, the shared ones
 * and their offsets copied into the new set; the projection's own tables left empty, its topic's offsets at its
 * start (or at --from). The live offsets of that snapshot are kept: the projection's topic is replayed up to
 * them with the shared counters (the dossier versions) written aside, since the copy already counts those
 * events; past them, everything goes on as in a full rebuild.
 */
async function copyAllBut(
  ctx: OpsContext,
  target: string,
  projection: ProjectionName,
  own: string[],
  ownStart: Watermarks[],
  fromTimestamp: boolean,
  record: (c: PoolClient, starts: Array<{ topic: string; partition: number; offset: string }>, snapshot: Offsets) => Promise<unknown>,
): Promise<void> {
  const client = await ctx.db.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const snapshot = await storedOffsets(client, LIVE_SCHEMA, ctx.config.CONSUMER_GROUP);
    await createEmptySet(client, target);
    const t = ident(target);
    for (const table of PROJECTION_TABLES) {
      if (table.source === projection) continue;
      const name = ident(table.name);
      if (table.name === 'consumer_offsets') {
        await client.query(`INSERT INTO ${t}.${name} SELECT * FROM public.${name} WHERE consumer_group = $1 AND topic <> ALL($2::text[])`, [ctx.config.CONSUMER_GROUP, own]);
      } else if (table.name === 'redriven_letter') {
        await client.query(`INSERT INTO ${t}.${name} SELECT * FROM public.${name} WHERE applied_topic <> ALL($1::text[])`, [own]);
      } else {
        // Generated columns are computed again from the others (and may not be written).
        const { rows } = await client.query<{ attname: string }>(
          `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
          [`public.${name}`],
        );
        const columns = rows.map((r) => ident(r.attname)).join(', ');
        await client.query(`INSERT INTO ${t}.${name} (${columns}) SELECT ${columns} FROM public.${name}`);
      }
    }
    if (fromTimestamp) {
      await client.query(
        `INSERT INTO ${t}.consumer_offsets (consumer_group, topic, partition, next_offset) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::bigint[])`,
        [ctx.config.CONSUMER_GROUP, ownStart.map((s) => s.topic), ownStart.map((s) => s.partition), ownStart.map((s) => s.low)],
      );
    }
    // The counters every source raises, empty, found before the set's own while the topic catches up.
    await client.query(`CREATE SCHEMA ${SCRATCH}`);
    for (const table of sharedCounters()) await client.query(`CREATE TABLE ${SCRATCH}.${ident(table)} (LIKE public.${ident(table)} INCLUDING ALL)`);
    const starts = [
      ...ownStart.map((s) => ({ topic: s.topic, partition: s.partition, offset: s.low })),
      ...[...snapshot].filter(([k]) => !own.includes(topicOf(k))).map(([k, v]) => ({ topic: k.slice(0, k.lastIndexOf('|')), partition: Number(k.slice(k.lastIndexOf('|') + 1)), offset: v.toString() })),
    ];
    await record(client, starts, snapshot);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

const ownTopics = (ctx: OpsContext, projection: ProjectionName): string[] => PROJECTIONS[projection].map((id) => topicName(id, ctx.config.KAFKA_TOPIC_PREFIX));
const topicOf = (key: string) => key.slice(0, key.lastIndexOf('|'));

/** The shared tables that count (every source raises them), as opposed to the offsets and the redriven lines. */
const sharedCounters = () => PROJECTION_TABLES.filter((t) => t.source === 'shared' && !['consumer_offsets', 'redriven_letter'].includes(t.name)).map((t) => t.name);

/** The projection's topic replayed up to the snapshot's offsets, the counters aside; then the aside dropped. */
async function replayUpToSnapshot(ctx: OpsContext, state: RebuildState): Promise<void> {
  const own = ownTopics(ctx, state.projection as ProjectionName);
  const snapshot: Offsets = new Map(Object.entries(state.snapshot_offsets ?? {}).map(([k, v]) => [k, BigInt(v)]));
  const mine: Offsets = new Map([...snapshot].filter(([k]) => own.includes(topicOf(k))));
  const replay = new Replay({ ...replayOptions(ctx, SET_SCHEMAS.next, state.kafka_group), before: [SCRATCH], startOffsets: startOf(state) });
  // Every other partition stands where the copy put it (bound = its snapshot offset, or nothing at all).
  replay.setBound(snapshot);
  try {
    await replay.start();
    await follow(ctx, replay, `rebuild ${state.projection}: up to the copy`, startOf(state), async () => mine, async (s) => reached(s, mine));
    await replay.close();
  } finally {
    await replay.end();
  }
  await inTransaction(ctx, (c) => c.query(`DROP SCHEMA ${SCRATCH} CASCADE`));
}

export interface SwitchResult {
  action: 'switch' | 'rollback';
  live: string;
  kept: string;
  /** How long the live builder was held still. */
  frozenMs: number;
  attempts: number;
  offsets: Record<string, string>;
}

export function switchSets(ctx: OpsContext): Promise<SwitchResult> {
  return promote(ctx, 'switch');
}

export function rollback(ctx: OpsContext): Promise<SwitchResult> {
  return promote(ctx, 'rollback');
}

/**
 * The candidate set (projection_next for a switch, projection_prev for a rollback) becomes live: it catches up
 * with the live builder, then, with the builder held, takes its last steps and the tables move.
 */
async function promote(ctx: OpsContext, action: 'switch' | 'rollback'): Promise<SwitchResult> {
  const candidate = action === 'switch' ? SET_SCHEMAS.next : SET_SCHEMAS.prev;
  if (!(await schemaExists(ctx.db, candidate))) {
    throw new OpsError(action === 'switch' ? `no rebuilt set to switch to (${candidate}): run fsl-ops rebuild first` : `no previous set to roll back to (${candidate})`);
  }
  if (action === 'switch' && (await schemaExists(ctx.db, SCRATCH))) {
    throw new OpsError('the rebuild of one projection has not replayed up to its copy yet: run fsl-ops rebuild again to finish it');
  }
  if (action === 'switch' && (await schemaExists(ctx.db, SET_SCHEMAS.prev))) {
    throw new OpsError(`a previous set is still kept in ${SET_SCHEMAS.prev}: fsl-ops drop-previous first (or rollback to it)`);
  }
  const present = new Set(await tablesIn(ctx.db, candidate));
  const absent = PROJECTION_TABLES.map((t) => t.name).filter((t) => !present.has(t));
  if (absent.length > 0) {
    throw new OpsError(`${candidate} lacks ${absent.join(', ')} (a projection table added since it was built): rebuild --restart`);
  }
  const state = await rebuildState(ctx, candidate);
  const kafkaGroup = state?.kafka_group ?? `${ctx.config.CONSUMER_GROUP}.${action}.${Date.now().toString(36)}`;
  // A rebuild stopped before it caught up left its set unlogged: logged first, before anything writes it (and,
  // had a crash of Postgres emptied it meanwhile, read again from the rebuild's start).
  if (state) await resumeAfterCrash(ctx, candidate, state);
  await inTransaction(ctx, (c) => setLogged(c, candidate));
  let replay = replayOf(ctx, candidate, kafkaGroup, state && startOf(state));
  try {
    await replay.start();
    for (let attempt = 1; attempt <= ctx.config.OPS_SWITCH_ATTEMPTS; attempt++) {
      const start = await replay.stored();
      await follow(ctx, replay, `${action}: catching up`, start, () => liveOffsets(ctx), async (s) => reached(s, await liveOffsets(ctx)));
      const outcome = await freezeAndMove(ctx, action, candidate, replay);
      if (outcome.moved) {
        ctx.progress.stop();
        await replay.end();
        await deleteKafkaGroup(ctx, kafkaGroup);
        return { ...outcome.result, attempts: attempt };
      }
      ctx.say(`${action}: ${outcome.why}; trying again (${attempt} of ${ctx.config.OPS_SWITCH_ATTEMPTS})`);
      if (outcome.closed) {
        await replay.end();
        replay = replayOf(ctx, candidate, kafkaGroup, state && startOf(state));
        await replay.start();
      }
    }
    throw new OpsError(`${action} gave up after ${ctx.config.OPS_SWITCH_ATTEMPTS} attempts: the new set could not reach the live builder within OPS_FREEZE_TIMEOUT_MS (${ctx.config.OPS_FREEZE_TIMEOUT_MS} ms); nothing was moved`);
  } finally {
    await replay.end();
  }
}

type MoveOutcome = { moved: true; result: Omit<SwitchResult, 'attempts'> } | { moved: false; closed: boolean; why: string };

async function freezeAndMove(ctx: OpsContext, action: 'switch' | 'rollback', candidate: string, replay: Replay): Promise<MoveOutcome> {
  const client = await ctx.db.connect();
  let closed = false;
  try {
    await client.query('BEGIN');
    // Every builder transaction starts by writing its offsets row: with the table locked against writes, the
    // live builder waits (its statement resumes on the new table once this commits), and readers of the offsets
    // (the api's read-your-writes check) go on until the move itself.
    await client.query(`SET LOCAL lock_timeout = '30s'`);
    await client.query('LOCK TABLE public.consumer_offsets IN EXCLUSIVE MODE');
    const frozenAt = Date.now();
    const deadline = frozenAt + ctx.config.OPS_FREEZE_TIMEOUT_MS;
    const { rows: groups } = await client.query<{ consumer_group: string }>('SELECT DISTINCT consumer_group FROM public.consumer_offsets WHERE consumer_group <> $1', [ctx.config.CONSUMER_GROUP]);
    if (groups.length > 0) {
      throw new OpsError(`the live set holds offsets of other consumer groups too (${groups.map((g) => g.consumer_group).join(', ')}), which no rebuild replays: the switch would lose them`);
    }
    const live = await storedOffsets(client, LIVE_SCHEMA, ctx.config.CONSUMER_GROUP);
    while (!reached(await replay.stored(), live)) {
      if (replay.failed) throw replay.failed;
      if (Date.now() > deadline) {
        await client.query('ROLLBACK');
        return { moved: false, closed, why: `the new set did not reach the live offsets within ${ctx.config.OPS_FREEZE_TIMEOUT_MS} ms` };
      }
      await sleep(25);
    }
    // From here no transaction of the replay may run: its tables are about to move.
    await replay.close();
    closed = true;
    const final = await replay.stored();
    const differences = shapeDifferences(await setShape(client, LIVE_SCHEMA), await setShape(client, candidate), ['the live set', candidate]);
    if (differences.length > 0) throw new OpsError(`${candidate} is not shaped like the live set (a migration since it was built?): ${differences.join('; ')}; rebuild --restart`);
    // Then the tables the api reads, a short wait at a time: a reader that holds one of them and waits for
    // another must not wait for us long enough to meet the deadlock detector; we back off instead.
    const tables = PROJECTION_TABLES.filter((t) => t.name !== 'consumer_offsets').flatMap((t) => [`public.${ident(t.name)}`, `${ident(candidate)}.${ident(t.name)}`]);
    for (;;) {
      await client.query('SAVEPOINT locks');
      try {
        await client.query(`SET LOCAL lock_timeout = '${ctx.config.OPS_LOCK_TIMEOUT_MS}ms'`);
        await client.query(`LOCK TABLE public.consumer_offsets, ${ident(candidate)}.consumer_offsets, ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '55P03') throw err; // lock_not_available
        await client.query('ROLLBACK TO SAVEPOINT locks');
        if (Date.now() > deadline) {
          await client.query('ROLLBACK');
          return { moved: false, closed, why: 'the tables the api reads stayed busy' };
        }
        await sleep(20);
      }
    }
    const kept = SET_SCHEMAS.prev;
    if (action === 'switch') {
      await client.query(`CREATE SCHEMA ${kept}`);
      await moveTables(client, LIVE_SCHEMA, kept);
      await moveTables(client, candidate, LIVE_SCHEMA);
      await client.query(`DROP SCHEMA ${ident(candidate)}`);
      await client.query('DELETE FROM fsl_ops.rebuild WHERE target = $1', [candidate]);
    } else {
      const swap = 'projection_swap';
      await client.query(`CREATE SCHEMA ${swap}`);
      await moveTables(client, candidate, swap);
      await moveTables(client, LIVE_SCHEMA, kept);
      await moveTables(client, swap, LIVE_SCHEMA);
      await client.query(`DROP SCHEMA ${swap}`);
    }
    const frozenMs = Date.now() - frozenAt;
    const offsets = Object.fromEntries([...final].map(([k, v]) => [k, v.toString()]));
    await client.query('INSERT INTO fsl_ops.switch_log (action, offsets, frozen_ms) VALUES ($1, $2, $3)', [action, JSON.stringify(offsets), frozenMs]);
    await client.query('COMMIT');
    return { moved: true, result: { action, live: LIVE_SCHEMA, kept, frozenMs, offsets } };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function dropPrevious(ctx: OpsContext): Promise<{ dropped: string | null }> {
  if (!(await schemaExists(ctx.db, SET_SCHEMAS.prev))) return { dropped: null };
  await inTransaction(ctx, (c) => dropSet(c, SET_SCHEMAS.prev));
  return { dropped: SET_SCHEMAS.prev };
}
