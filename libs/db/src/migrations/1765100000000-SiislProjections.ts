import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SiislProjections1765100000000 implements MigrationInterface {
  name = 'SiislProjections1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // The two SIISL catalogues, keyed by their SIISL id: courses and job offers are nobody's personal
    // data, and citizens' enrolments and proposals link to them when read, so a late course or offer
    // shows up without rewriting any citizen. `history` is every version received, ascending (libs/siisl).
    await q.query(`
      CREATE TABLE siisl_corso (
        corso_id text PRIMARY KEY,
        history jsonb NOT NULL,
        -- of the current version, for the provider-code lookup; NULL while the course is void
        ente_cf text NULL,
        codice_corso_ente text NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX siisl_corso_codice_ente ON siisl_corso (ente_cf, codice_corso_ente)`);
    await q.query(`
      CREATE TABLE siisl_offerta (
        offerta_id text PRIMARY KEY,
        history jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per citizen and cartella: the state of the pure fold of each lib (cartella-formativa,
    // cartella-sociale, cartella-lavorativa's SIISL section), projected when read.
    for (const table of ['cartella_formativa', 'cartella_sociale', 'cartella_lavorativa_siisl']) {
      await q.query(`
        CREATE TABLE ${table} (
          codice_fiscale text PRIMARY KEY,
          state jsonb NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now()
        )`);
    }
    const tables = 'siisl_corso, siisl_offerta, cartella_formativa, cartella_sociale, cartella_lavorativa_siisl';
    // The builder writes them, the api reads them (roles: AppRoles migration).
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables} TO fsl_builder`);
    await q.query(`GRANT SELECT ON ${tables} TO fsl_api`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cartella_lavorativa_siisl, cartella_sociale, cartella_formativa, siisl_offerta, siisl_corso`);
  }
}
