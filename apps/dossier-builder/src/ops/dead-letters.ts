import { EventProducer, REDRIVE_HEADERS } from '@fsl/kafka';
import { maskCodiciFiscali } from '@fsl/logging';
import { OpsError, sleep, type OpsContext } from './context';
import { decodeForOperator, type DecodedMessage } from './inspect';
import { readAt, resolveTopic, type ReadMessage } from './kafka-info';
import type { Failure } from '../dead-letters';

// The operators' queue of dead letters (dead_letter, written by the live builder when it parks one): list it,
// look at one (the row and its message, decoded and masked), and redrive after a fix — the original message
// sent again to its topic and partition, with its key and create time, marked with the first failure of its
// line; the builder applies one copy per line (redriven_letter), and a copy that fails again is parked again
// with the line's history.

export interface LetterFilter {
  topic?: string;
  code?: string;
  since?: Date;
  until?: Date;
  /** PARKED by default; `all` for every status. */
  status?: string;
  limit?: number;
}

export interface Letter {
  consumerGroup: string;
  topic: string;
  partition: number;
  offset: string;
  root: { topic: string; partition: number; offset: string };
  code: string;
  reason: string;
  kind: string | null;
  status: string;
  parkedAt: string;
  redrivenAt: string | null;
  appliedAt: string | null;
  history: Failure[];
}

interface LetterRow {
  consumer_group: string;
  origin_topic: string;
  origin_partition: number;
  origin_offset: string;
  root_topic: string;
  root_partition: number;
  root_offset: string;
  code: string;
  reason: string;
  kind: string | null;
  status: string;
  parked_at: Date;
  redriven_at: Date | null;
  applied_at: Date | null;
  history: Failure[];
}

const toLetter = (r: LetterRow): Letter => ({
  consumerGroup: r.consumer_group,
  topic: r.origin_topic,
  partition: r.origin_partition,
  offset: r.origin_offset,
  root: { topic: r.root_topic, partition: r.root_partition, offset: r.root_offset },
  code: r.code,
  // Reasons are codes and schema facts by contract; masked anyway, the operator's screen is not a vault.
  reason: maskCodiciFiscali(r.reason),
  kind: r.kind,
  status: r.status,
  parkedAt: r.parked_at.toISOString(),
  redrivenAt: r.redriven_at?.toISOString() ?? null,
  appliedAt: r.applied_at?.toISOString() ?? null,
  history: r.history,
});

export async function listLetters(ctx: OpsContext, f: LetterFilter): Promise<Letter[]> {
  const where = ['consumer_group = $1'];
  const params: unknown[] = [ctx.config.CONSUMER_GROUP];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.topic) add('origin_topic = ?', resolveTopic(f.topic, ctx.config.KAFKA_TOPIC_PREFIX));
  if (f.code) add('code = ?', f.code);
  if (f.since) add('parked_at >= ?', f.since);
  if (f.until) add('parked_at < ?', f.until);
  const status = f.status ?? 'PARKED';
  if (status !== 'all') add('status = ?', status.toUpperCase());
  params.push(f.limit ?? 1000);
  const { rows } = await ctx.db.query<LetterRow>(
    `SELECT * FROM dead_letter WHERE ${where.join(' AND ')} ORDER BY parked_at, origin_topic, origin_partition, origin_offset LIMIT $${params.length}`,
    params,
  );
  return rows.map(toLetter);
}

/** Parse "<topic>/<partition>/<offset>" (topic by id or name). */
export function parseCoordinates(text: string, prefix: string): { topic: string; partition: number; offset: string } {
  const m = /^(.+)\/(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new OpsError(`expected <topic>/<partition>/<offset>, got ${text}`);
  return { topic: resolveTopic(m[1], prefix), partition: Number(m[2]), offset: m[3] };
}

export async function inspectLetter(ctx: OpsContext, coords: string): Promise<{ letter: Letter; message: DecodedMessage | null }> {
  const c = parseCoordinates(coords, ctx.config.KAFKA_TOPIC_PREFIX);
  const { rows } = await ctx.db.query<LetterRow>(
    'SELECT * FROM dead_letter WHERE consumer_group = $1 AND origin_topic = $2 AND origin_partition = $3 AND origin_offset = $4',
    [ctx.config.CONSUMER_GROUP, c.topic, c.partition, c.offset],
  );
  if (!rows[0]) throw new OpsError(`no dead letter from ${c.topic}[${c.partition}]@${c.offset}`);
  const [m] = await readAt(ctx.kafka, c.topic, new Map([[c.partition, [c.offset]]]));
  return { letter: toLetter(rows[0]), message: m ? decodeForOperator(m) : null };
}

export interface RedriveResult {
  selected: number;
  sent: number;
  missing: Array<{ topic: string; partition: number; offset: string }>;
  /** With --wait: what became of each line once the builder saw the copy. */
  outcome?: { applied: number; failedAgain: number; pending: number };
}

/**
 * `toTopic`: the fix was the route (a message published on the wrong topic): the copy goes to that topic,
 * partitioned by its key there.
 */
export async function redrive(ctx: OpsContext, f: LetterFilter, opts: { dryRun?: boolean; waitSeconds?: number; toTopic?: string }): Promise<RedriveResult> {
  const status = f.status ?? 'PARKED';
  if (!['PARKED', 'REDRIVEN'].includes(status.toUpperCase())) throw new OpsError('only PARKED letters (or REDRIVEN ones whose copy was never seen) can be redriven');
  const letters = await listLetters(ctx, { ...f, status });
  if (opts.dryRun || letters.length === 0) return { selected: letters.length, sent: 0, missing: [] };
  // Marked first, sent next: a copy the builder applies right away finds its letter REDRIVEN. A crash between
  // the two leaves a letter REDRIVEN without a copy: `redrive --status REDRIVEN` sends it again (and the
  // builder applies one copy per line whatever happens).
  await ctx.db.query(
    `UPDATE dead_letter SET status = 'REDRIVEN', redriven_at = now()
      WHERE consumer_group = $1 AND (origin_topic, origin_partition, origin_offset) IN (SELECT * FROM unnest($2::text[], $3::int[], $4::bigint[]))`,
    [ctx.config.CONSUMER_GROUP, letters.map((l) => l.topic), letters.map((l) => l.partition), letters.map((l) => l.offset)],
  );
  const producer = new EventProducer(ctx.kafka, { ackTimeoutMs: ctx.config.KAFKA_PRODUCE_TIMEOUT_MS, logger: ctx.logger });
  const missing: RedriveResult['missing'] = [];
  let sent = 0;
  try {
    for (const topic of [...new Set(letters.map((l) => l.topic))]) {
      const ofTopic = letters.filter((l) => l.topic === topic);
      const wanted = new Map<number, string[]>();
      for (const l of ofTopic) wanted.set(l.partition, [...(wanted.get(l.partition) ?? []), l.offset]);
      const read = new Map((await readAt(ctx.kafka, topic, wanted)).map((m) => [`${m.partition}/${m.offset}`, m] as const));
      const copies: Array<{ letter: Letter; m: ReadMessage }> = [];
      for (const letter of ofTopic) {
        const m = read.get(`${letter.partition}/${letter.offset}`);
        if (m) copies.push({ letter, m });
        else missing.push({ topic, partition: letter.partition, offset: letter.offset });
      }
      for (const partition of [...new Set(copies.map((c) => c.letter.partition))]) {
        const batch = copies.filter((c) => c.letter.partition === partition);
        await producer.send(
          opts.toTopic ? resolveTopic(opts.toTopic, ctx.config.KAFKA_TOPIC_PREFIX) : topic,
          batch.map(({ letter, m }) => {
            const { [REDRIVE_HEADERS.of]: _of, [REDRIVE_HEADERS.history]: _history, ...headers } = m.headers;
            const failure: Failure = { topic: letter.topic, partition: letter.partition, offset: letter.offset, code: letter.code, reason: letter.reason, at: letter.parkedAt };
            return {
              key: m.key?.toString() ?? '',
              value: m.value ?? Buffer.alloc(0),
              ...(opts.toTopic ? {} : { partition }),
              timestamp: m.timestamp,
              headers: { ...headers, [REDRIVE_HEADERS.of]: JSON.stringify(letter.root), [REDRIVE_HEADERS.history]: JSON.stringify([...letter.history, failure]) },
            };
          }),
        );
        sent += batch.length;
      }
    }
  } finally {
    // A send that failed leaves its letters REDRIVEN without a copy: `redrive --status REDRIVEN` sends them.
    await producer.disconnect();
  }
  if (missing.length > 0) {
    await ctx.db.query(
      `UPDATE dead_letter SET status = 'PARKED', redriven_at = NULL
        WHERE consumer_group = $1 AND (origin_topic, origin_partition, origin_offset) IN (SELECT * FROM unnest($2::text[], $3::int[], $4::bigint[]))`,
      [ctx.config.CONSUMER_GROUP, missing.map((l) => l.topic), missing.map((l) => l.partition), missing.map((l) => l.offset)],
    );
  }
  const result: RedriveResult = { selected: letters.length, sent, missing };
  if (opts.waitSeconds && sent > 0) {
    const deadline = Date.now() + opts.waitSeconds * 1000;
    for (;;) {
      const { rows } = await ctx.db.query<{ applied: number; failed: number; pending: number }>(
        `SELECT count(*) FILTER (WHERE status = 'APPLIED')::int AS applied, count(*) FILTER (WHERE status = 'FAILED_AGAIN')::int AS failed,
                count(*) FILTER (WHERE status = 'REDRIVEN')::int AS pending
           FROM dead_letter WHERE consumer_group = $1
            AND (origin_topic, origin_partition, origin_offset) IN (SELECT * FROM unnest($2::text[], $3::int[], $4::bigint[]))`,
        [ctx.config.CONSUMER_GROUP, letters.map((l) => l.topic), letters.map((l) => l.partition), letters.map((l) => l.offset)],
      );
      result.outcome = { applied: rows[0].applied, failedAgain: rows[0].failed, pending: rows[0].pending };
      if (rows[0].pending === 0 || Date.now() > deadline) break;
      await sleep(500);
    }
  }
  return result;
}
