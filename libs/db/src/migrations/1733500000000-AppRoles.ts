import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ACCESS_AUDIT_ANCHOR_DDL, accessAuditGrants } from '@fsl/access-audit';
import { APP_ROLES, createRoleStatement } from '../roles';

// The apps' least-privilege roles (libs/db/src/roles.ts) with the tables that exist at this point, and
// the access audit's head anchor column. Later tables are granted by the migration that creates them.
export class AppRoles1733500000000 implements MigrationInterface {
  name = 'AppRoles1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(ACCESS_AUDIT_ANCHOR_DDL);
    for (const role of APP_ROLES) await q.query(createRoleStatement(role));
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON co_ingest_comunicazione, co_ingest_lotto, co_ingest_lotto_esito TO fsl_ingest`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON consumer_offsets, dossier, cartella_lavorativa, co_codice_index, co_link, co_rifiutata TO fsl_builder`);
    await q.query(`GRANT SELECT ON dossier, cartella_lavorativa, co_codice_index TO fsl_api`);
    await q.query(accessAuditGrants('fsl_api'));
  }

  async down(q: QueryRunner): Promise<void> {
    // The roles are cluster-wide and may serve other databases: only this database's grants go.
    for (const role of APP_ROLES) await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
  }
}
