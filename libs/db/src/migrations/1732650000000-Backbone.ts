import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Backbone1732650000000 implements MigrationInterface {
  name = 'Backbone1732650000000';

  async up(q: QueryRunner): Promise<void> {
    // Offsets live next to the projections and are written in the same transaction (exactly-once
    // effects); Kafka's committed offsets are only a monitoring hint. See docs/adr/0003.
    await q.query(`
      CREATE TABLE consumer_offsets (
        consumer_group text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        next_offset bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, topic, partition)
      )`);
    // One row per citizen: the version grows with every applied change to any of their folders.
    await q.query(`
      CREATE TABLE dossier (
        codice_fiscale text PRIMARY KEY,
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The CO messages as received, one row per codiceComunicazione (the idempotency key).
    await q.query(`
      CREATE TABLE co_comunicazione (
        codice_comunicazione text PRIMARY KEY,
        worker_cf text NOT NULL,
        employer_cf text NOT NULL,
        event_id text NOT NULL,
        source_version bigint NOT NULL,
        tipo_comunicazione text NOT NULL,
        evento text NOT NULL,
        data_inizio date NOT NULL,
        data_fine date,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX co_comunicazione_worker ON co_comunicazione (worker_cf)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE co_comunicazione`);
    await q.query(`DROP TABLE dossier`);
    await q.query(`DROP TABLE consumer_offsets`);
  }
}
