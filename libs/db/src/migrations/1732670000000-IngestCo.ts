import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IngestCo1732670000000 implements MigrationInterface {
  name = 'IngestCo1732670000000';

  async up(q: QueryRunner): Promise<void> {
    // ingest-co's idempotency record: one row per codiceComunicazione accepted (Kafka acknowledged its
    // events). The row is inserted in the same transaction that waits for the acknowledgement, so a failed
    // publish leaves nothing behind and two concurrent submissions of one code serialise on the key.
    await q.query(`
      CREATE TABLE co_ingest_comunicazione (
        codice_comunicazione text PRIMARY KEY,
        content_hash text NOT NULL,
        event_ids text[] NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Large NDJSON files accepted as jobs. Progress (bytes/lines done, counters) is updated in the same
    // transaction as the idempotency rows of each chunk, so a restarted worker resumes exactly after the
    // last chunk Kafka acknowledged.
    await q.query(`
      CREATE TABLE co_ingest_lotto (
        id uuid PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('IN_CODA', 'IN_CORSO', 'COMPLETATO', 'FALLITO')),
        spool_file text NOT NULL,
        size_bytes bigint NOT NULL,
        bytes_done bigint NOT NULL DEFAULT 0,
        lines_done integer NOT NULL DEFAULT 0,
        accepted integer NOT NULL DEFAULT 0,
        duplicates integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        conflicts integer NOT NULL DEFAULT 0,
        error text,
        correlation_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    // One row per non-blank line of a job: its outcome and, for bad lines, every problem (paths and codes,
    // never values). Event ids of accepted lines are read from co_ingest_comunicazione.
    await q.query(`
      CREATE TABLE co_ingest_lotto_esito (
        lotto_id uuid NOT NULL REFERENCES co_ingest_lotto (id) ON DELETE CASCADE,
        line integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ACCETTATA', 'DUPLICATA', 'RIFIUTATA', 'IN_CONFLITTO')),
        codice_comunicazione text,
        problems jsonb,
        PRIMARY KEY (lotto_id, line)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE co_ingest_lotto_esito`);
    await q.query(`DROP TABLE co_ingest_lotto`);
    await q.query(`DROP TABLE co_ingest_comunicazione`);
  }
}
