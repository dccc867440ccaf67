import type { PoolClient } from 'pg';
import { headerString, REDRIVE_HEADERS, redriveOf, type DeadLetterPublisher, type KafkaMessage, type MessageCoordinates } from '@fsl/kafka';

// Where a projection's poison messages go, and what a redriven copy's outcome tells the operators. The live
// builder parks them (the dead-letter topic, then the operators' queue, dead_letter, in the offset
// transaction); a rebuild replays messages the live builder parked long ago, so it parks nothing again and
// only counts what it met (ADR 0008).

export interface PoisonLetter {
  message: KafkaMessage;
  code: string;
  reason: string;
  kind?: string;
}

export interface DeadLetterSink {
  /** Inside the offset transaction, before the offset moves past them. */
  park(client: PoolClient, origin: { topic: string; partition: number }, poison: readonly PoisonLetter[]): Promise<void>;
  /** Inside the offset transaction: redriven copies of these first failures were applied. */
  applied(client: PoolClient, roots: readonly MessageCoordinates[]): Promise<void>;
}

/** One earlier failure of a message's line, as the redrive-history header and dead_letter.history list them. */
export interface Failure {
  topic: string;
  partition: number;
  offset: string;
  code: string;
  reason: string;
  at: string;
}

export function historyOf(message: KafkaMessage): Failure[] {
  const raw = headerString(message.headers, REDRIVE_HEADERS.history);
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as unknown;
    return Array.isArray(list) ? (list as Failure[]) : [];
  } catch {
    return [];
  }
}

const rootsIn = (roots: readonly MessageCoordinates[]) => [roots.map((r) => r.topic), roots.map((r) => r.partition), roots.map((r) => r.offset)];

/** The live builder's: the dead-letter topic first (Kafka holds the letter before the offset moves), then the queue row. */
export class ParkingDeadLetters implements DeadLetterSink {
  constructor(
    private readonly publisher: Pick<DeadLetterPublisher, 'publish'>,
    private readonly group: string,
  ) {}

  async park(client: PoolClient, origin: { topic: string; partition: number }, poison: readonly PoisonLetter[]): Promise<void> {
    if (poison.length === 0) return;
    await this.publisher.publish(origin, [...poison]);
    const rows = poison.map((p) => {
      const own = { topic: origin.topic, partition: origin.partition, offset: p.message.offset };
      return { p, root: redriveOf(p.message.headers) ?? own, redriven: redriveOf(p.message.headers) !== undefined };
    });
    // ON CONFLICT: the transaction may run again after a rollback (the Kafka copy is then written twice,
    // ADR 0003); the queue keeps one row per message.
    await client.query(
      `INSERT INTO dead_letter (consumer_group, origin_topic, origin_partition, origin_offset, root_topic, root_partition, root_offset,
                                code, reason, kind, message_timestamp, history)
       SELECT $1, $2, $3, o, rt, rp, ro, c, r, k, ts, h::jsonb
         FROM ROWS FROM (unnest($4::bigint[]), unnest($5::text[]), unnest($6::int[]), unnest($7::bigint[]), unnest($8::text[]), unnest($9::text[]),
                         unnest($10::text[]), unnest($11::timestamptz[]), json_array_elements($12::json)) AS t(o, rt, rp, ro, c, r, k, ts, h)
       ON CONFLICT DO NOTHING`,
      [
        this.group,
        origin.topic,
        origin.partition,
        rows.map((x) => x.p.message.offset),
        rows.map((x) => x.root.topic),
        rows.map((x) => x.root.partition),
        rows.map((x) => x.root.offset),
        rows.map((x) => x.p.code),
        rows.map((x) => x.p.reason.slice(0, 500)),
        rows.map((x) => x.p.kind ?? null),
        rows.map((x) => (x.p.message.timestamp ? new Date(Number(x.p.message.timestamp)).toISOString() : null)),
        JSON.stringify(rows.map((x) => historyOf(x.p.message))),
      ],
    );
    // A redriven copy that failed again: its line's earlier letter is no longer waiting for the copy.
    const again = rows.filter((x) => x.redriven).map((x) => x.root);
    if (again.length > 0) {
      await client.query(
        `UPDATE dead_letter SET status = 'FAILED_AGAIN'
          WHERE status = 'REDRIVEN' AND consumer_group = $1
            AND (root_topic, root_partition, root_offset) IN (SELECT * FROM unnest($2::text[], $3::int[], $4::bigint[]))`,
        [this.group, ...rootsIn(again)],
      );
    }
  }

  async applied(client: PoolClient, roots: readonly MessageCoordinates[]): Promise<void> {
    if (roots.length === 0) return;
    await client.query(
      `UPDATE dead_letter SET status = 'APPLIED', applied_at = now()
        WHERE status IN ('REDRIVEN', 'PARKED') AND consumer_group = $1
          AND (root_topic, root_partition, root_offset) IN (SELECT * FROM unnest($2::text[], $3::int[], $4::bigint[]))`,
      [this.group, ...rootsIn(roots)],
    );
  }
}

/** A rebuild's: nothing leaves the set being built; what it met is counted for the operator's report. */
export class CountingDeadLetters implements DeadLetterSink {
  readonly met: Array<MessageCoordinates & { code: string }> = [];

  async park(_client: PoolClient, origin: { topic: string; partition: number }, poison: readonly PoisonLetter[]): Promise<void> {
    for (const p of poison) this.met.push({ topic: origin.topic, partition: origin.partition, offset: p.message.offset, code: p.code });
  }

  async applied(): Promise<void> {
    // The operators' queue describes the live builder's letters; a rebuild leaves it be.
  }
}
