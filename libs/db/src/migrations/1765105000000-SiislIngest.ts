import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SiislIngest1765105000000 implements MigrationInterface {
  name = 'SiislIngest1765105000000';

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
    // Large NDJSON files accepted as jobs, and each line's outcome: the layout of ingest-co's tables (the
    // shared file-job code of @fsl/ingest reads both), with the line's claim key in place of the codice.
    await q.query(`CREATE TABLE siisl_ingest_lotto (LIKE co_ingest_lotto INCLUDING ALL)`);
    await q.query(`CREATE TABLE siisl_ingest_lotto_esito (LIKE co_ingest_lotto_esito INCLUDING ALL)`);
    await q.query(`ALTER TABLE siisl_ingest_lotto_esito RENAME COLUMN codice_comunicazione TO claim_key`);
    await q.query(`ALTER TABLE siisl_ingest_lotto_esito ADD FOREIGN KEY (lotto_id) REFERENCES siisl_ingest_lotto (id) ON DELETE CASCADE`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON siisl_ingest_claim, siisl_ingest_lotto, siisl_ingest_lotto_esito TO fsl_ingest`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE siisl_ingest_lotto_esito`);
    await q.query(`DROP TABLE siisl_ingest_lotto`);
    await q.query(`DROP TABLE siisl_ingest_claim`);
  }
}
