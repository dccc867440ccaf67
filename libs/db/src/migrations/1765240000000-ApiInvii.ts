import type { MigrationInterface, QueryRunner } from 'typeorm';

// The api's writes (ADR 0007): it publishes versions of GePI and SIISL records through the sources' own claim
// tables (one claim per version, shared with the ingests, so a version number is taken once whoever writes it),
// remembers where each of its writes was published, and reads the builder's offsets to know whether a read
// may already see a write (read-your-writes).
export class ApiInvii1765240000000 implements MigrationInterface {
  name = 'ApiInvii1765240000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per version the api wrote: who wrote it (consumer and e-service: no personal data), the hash of
    // its content without its version and update time (a retried write with the same content is answered
    // again instead of making another version), and where Kafka appended it (the read-your-writes token of a
    // replayed answer).
    await q.query(`
      CREATE TABLE api_invio (
        event_id text PRIMARY KEY,
        fonte text NOT NULL,
        record_key text NOT NULL,
        versione bigint NOT NULL,
        contenuto_hash text NOT NULL,
        eservice text NOT NULL,
        consumer_id text NOT NULL,
        posizioni jsonb NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (fonte, record_key, versione)
      )`);
    await q.query(`GRANT SELECT, INSERT ON api_invio TO fsl_api`);
    // Claims are only added (ON CONFLICT DO NOTHING needs no UPDATE): never changed or removed by the api.
    await q.query(`GRANT SELECT, INSERT ON gepi_ingest_claim, siisl_ingest_claim TO fsl_api`);
    await q.query(`GRANT SELECT ON consumer_offsets TO fsl_api`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE SELECT ON consumer_offsets FROM fsl_api`);
    await q.query(`REVOKE SELECT, INSERT ON gepi_ingest_claim, siisl_ingest_claim FROM fsl_api`);
    await q.query(`DROP TABLE api_invio`);
  }
}
