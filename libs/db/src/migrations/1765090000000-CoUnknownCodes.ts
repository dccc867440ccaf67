import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoUnknownCodes1765090000000 implements MigrationInterface {
  name = 'CoUnknownCodes1765090000000';

  async up(q: QueryRunner): Promise<void> {
    // Well-formed codes that a partial code table (ATECO, CP2011, CCNL, cittadinanza, …) did not know in
    // an accepted CO: the operator's list of what to add to the tables. One row per table and code, upserted
    // once per chunk of records; codes are not personal data.
    await q.query(`
      CREATE TABLE co_unknown_code (
        code_table text NOT NULL,
        code text NOT NULL,
        first_seen timestamptz NOT NULL DEFAULT now(),
        last_seen timestamptz NOT NULL DEFAULT now(),
        occurrences bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (code_table, code)
      )`);
    // The warnings of each line of a file job, next to its problems (same shape, never personal values).
    await q.query(`ALTER TABLE co_ingest_lotto_esito ADD COLUMN warnings jsonb`);
    // Only the CO ingest records and lists them (roles: AppRoles migration).
    await q.query(`GRANT SELECT, INSERT, UPDATE ON co_unknown_code TO fsl_ingest`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE co_ingest_lotto_esito DROP COLUMN warnings`);
    await q.query(`DROP TABLE co_unknown_code`);
  }
}
