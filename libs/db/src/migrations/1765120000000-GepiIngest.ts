import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GepiIngest1765120000000 implements MigrationInterface {
  name = 'GepiIngest1765120000000';

  async up(q: QueryRunner): Promise<void> {
    // ingest-gepi's idempotency record and file jobs: a versioned JSON source like SIISL (the same
    // @fsl/ingest VersionedClaims and file-job code read them), so the layout of SIISL's tables, by LIKE.
    // A table per source keeps each source's keys, locks and retention apart.
    await q.query(`
      CREATE TABLE gepi_ingest_claim (LIKE siisl_ingest_claim INCLUDING ALL);
      CREATE TABLE gepi_ingest_lotto (LIKE siisl_ingest_lotto INCLUDING ALL);
      CREATE TABLE gepi_ingest_lotto_esito (LIKE siisl_ingest_lotto_esito INCLUDING ALL);
      ALTER TABLE gepi_ingest_lotto_esito ADD FOREIGN KEY (lotto_id) REFERENCES gepi_ingest_lotto (id) ON DELETE CASCADE;
      GRANT SELECT, INSERT, UPDATE, DELETE ON gepi_ingest_claim, gepi_ingest_lotto, gepi_ingest_lotto_esito TO fsl_ingest`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gepi_ingest_lotto_esito, gepi_ingest_lotto, gepi_ingest_claim`);
  }
}
