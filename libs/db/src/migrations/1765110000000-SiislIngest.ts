import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SiislIngest1765110000000 implements MigrationInterface {
  name = 'SiislIngest1765110000000';

  async up(q: QueryRunner): Promise<void> {
    // ingest-siisl's idempotency record: one row per version of a record (claim_key = <entita>/<id>@<versione>),
    // inserted in the transaction that waits for Kafka's acknowledgement (see @fsl/ingest VersionedClaims).
    // record_key = <entita>/<id> finds the highest version accepted; stale says the version was older than
    // it when accepted (answered obsoleta).
    await q.query(`
      CREATE TABLE siisl_ingest_claim (
        claim_key text PRIMARY KEY,
        record_key text NOT NULL,
        versione bigint NOT NULL,
        content_hash text NOT NULL,
        event_ids text[] NOT NULL,
        stale boolean NOT NULL DEFAULT false,
        accepted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX siisl_ingest_claim_record ON siisl_ingest_claim (record_key, versione)`);
    // Large NDJSON files accepted as jobs, and each line's outcome: the same layout as ingest-co's.
    await q.query(`
      CREATE TABLE siisl_ingest_lotto (
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
    // claim_key only for valid lines (a refused line's fields are untrusted); problems and warnings carry
    // paths and codes, never values.
    await q.query(`
      CREATE TABLE siisl_ingest_lotto_esito (
        lotto_id uuid NOT NULL REFERENCES siisl_ingest_lotto (id) ON DELETE CASCADE,
        line integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ACCETTATA', 'DUPLICATA', 'RIFIUTATA', 'IN_CONFLITTO')),
        claim_key text,
        problems jsonb,
        warnings jsonb,
        PRIMARY KEY (lotto_id, line)
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON siisl_ingest_claim, siisl_ingest_lotto, siisl_ingest_lotto_esito TO fsl_ingest`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE siisl_ingest_lotto_esito`);
    await q.query(`DROP TABLE siisl_ingest_lotto`);
    await q.query(`DROP TABLE siisl_ingest_claim`);
  }
}
