import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['gepi_caso', 'gepi_caso_ente', 'gepi_caso_cittadino'];

const UP = [
  // One row per GePI case, keyed by its id: the fold's state (libs/cartella-sociale CasoGepi), projected
  // when read. No citizen row copies it: members reach it through gepi_caso_cittadino.
  `CREATE TABLE gepi_caso (
     caso_id text PRIMARY KEY,
     state jsonb NOT NULL,
     -- the measure application the case handles (chiaviCaso(projectCaso(state)).domandaId)
     domanda_id text NULL,
     -- the ente managing the case today
     ente_corrente text NULL,
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX gepi_caso_domanda_idx ON gepi_caso (domanda_id)`,
  `CREATE INDEX gepi_caso_ente_corrente_idx ON gepi_caso (ente_corrente)`,
  // Ownership as rows, so that each lookup the e-services make is one indexed query: every ente that
  // managed the case with its period, every citizen who belonged to the household with their periods.
  `CREATE TABLE gepi_caso_ente (
     caso_id text NOT NULL,
     ente_codice text NOT NULL,
     tipo_ente text NOT NULL,
     dal date NOT NULL,
     al date NULL,
     PRIMARY KEY (caso_id, ente_codice, dal)
   )`,
  `CREATE INDEX gepi_caso_ente_codice_idx ON gepi_caso_ente (ente_codice, caso_id)`,
  `CREATE TABLE gepi_caso_cittadino (
     caso_id text NOT NULL,
     codice_fiscale text NOT NULL,
     dal date NOT NULL,
     al date NULL,
     PRIMARY KEY (caso_id, codice_fiscale, dal)
   )`,
  `CREATE INDEX gepi_caso_cittadino_cf_idx ON gepi_caso_cittadino (codice_fiscale, caso_id)`,
  // The builder writes them, the api reads them (roles: AppRoles migration).
  ...TABLES.flatMap((table) => [`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO fsl_builder`, `GRANT SELECT ON ${table} TO fsl_api`]),
];

export class GepiProjections1765110000000 implements MigrationInterface {
  name = 'GepiProjections1765110000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of UP) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
