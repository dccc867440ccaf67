import type { MigrationInterface, QueryRunner } from 'typeorm';

const UP = [
  // A projection table (libs/db/src/projection-set.ts): the dead letters a redrive applied, by the origin of
  // their first failure. In the same transaction as the effects and the offsets, so that a letter redriven
  // twice (an operator's retry, a crash between publish and bookkeeping) is applied once — in the live set and
  // in every rebuild, which replays the redriven copies too.
  `CREATE TABLE redriven_letter (
     origin_topic text NOT NULL,
     origin_partition integer NOT NULL,
     origin_offset bigint NOT NULL,
     -- the topic the applied copy came from (another than the origin's when the fix was the route): a
     -- rebuild of that topic's projection alone replays it again
     applied_topic text NOT NULL,
     applied_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (origin_topic, origin_partition, origin_offset)
   )`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON redriven_letter TO fsl_builder`,
  // The operators' queue of dead letters: one row per message a consumer parked, written by the builder in
  // the transaction that moves its offset past the message (so once, even when the Kafka copy is written
  // twice), read by fsl-ops and by the builder's metric. Not a projection: a switch leaves it be. Codes and
  // coordinates only; the message itself stays in its topic (and the dead-letter topic's copy).
  `CREATE TABLE dead_letter (
     consumer_group text NOT NULL,
     origin_topic text NOT NULL,
     origin_partition integer NOT NULL,
     origin_offset bigint NOT NULL,
     -- where the first failure of this message's line happened (itself, unless it is a redriven copy)
     root_topic text NOT NULL,
     root_partition integer NOT NULL,
     root_offset bigint NOT NULL,
     code text NOT NULL,
     reason text NOT NULL,
     kind text,
     message_timestamp timestamptz,
     parked_at timestamptz NOT NULL DEFAULT now(),
     -- earlier failures of the same line, oldest first: [{topic, partition, offset, code, reason, at}]
     history jsonb NOT NULL DEFAULT '[]',
     status text NOT NULL DEFAULT 'PARKED' CHECK (status IN ('PARKED', 'REDRIVEN', 'APPLIED', 'FAILED_AGAIN')),
     redriven_at timestamptz,
     applied_at timestamptz,
     PRIMARY KEY (consumer_group, origin_topic, origin_partition, origin_offset)
   )`,
  `CREATE INDEX dead_letter_root ON dead_letter (root_topic, root_partition, root_offset)`,
  `CREATE INDEX dead_letter_status ON dead_letter (status, origin_topic, code)`,
  `GRANT SELECT, INSERT, UPDATE ON dead_letter TO fsl_builder`,
  // The operator command's own state (a rebuild to resume after a kill, the last switch): the owner's, no
  // app role reads it, so in a schema of its own rather than beside the apps' tables.
  `CREATE SCHEMA fsl_ops`,
  `CREATE TABLE fsl_ops.rebuild (
     target text PRIMARY KEY,
     kafka_group text NOT NULL,
     consumer_group text NOT NULL,
     -- a rebuild of one source's projection (co, siisl, gepi), or NULL for all of them
     projection text,
     from_timestamp timestamptz,
     start_offsets jsonb NOT NULL,
     -- for one projection: the live offsets when the other projections were copied ({"topic|partition": offset})
     snapshot_offsets jsonb,
     state text NOT NULL CHECK (state IN ('BUILDING', 'CAUGHT_UP')),
     started_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE fsl_ops.switch_log (
     id bigserial PRIMARY KEY,
     action text NOT NULL,
     at timestamptz NOT NULL DEFAULT now(),
     offsets jsonb NOT NULL,
     frozen_ms integer NOT NULL
   )`,
];

export class OperatorTools1765250000000 implements MigrationInterface {
  name = 'OperatorTools1765250000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of UP) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA fsl_ops CASCADE`);
    await q.query(`DROP TABLE dead_letter`);
    await q.query(`DROP TABLE redriven_letter`);
  }
}
