import type { MigrationInterface, QueryRunner } from 'typeorm';

const CATALOGUES = ['siisl_corso', 'siisl_offerta'];
const CARTELLE = ['cartella_formativa', 'cartella_sociale', 'cartella_lavorativa_siisl'];

const UP = [
  // The SIISL catalogues, one row per course / job offer: every version received (StoredVersion[],
  // ascending; libs/siisl versioning). They are nobody's personal data, so no citizen row copies them:
  // the api loads the ones a citizen's state names when it reads, and a course that arrives after its
  // enrolments shows up without rewriting any citizen.
  `CREATE TABLE siisl_corso (
     corso_id text PRIMARY KEY,
     history jsonb NOT NULL,
     -- the provider's CF and own course code of the CURRENT version (NULL while the course is void):
     -- the provider-code → SIISL-id lookup reads them without opening the history
     ente_cf text,
     codice_corso_ente text,
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX siisl_corso_codice_ente ON siisl_corso (ente_cf, codice_corso_ente)`,
  `CREATE TABLE siisl_offerta (offerta_id text PRIMARY KEY, history jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
  // One row per citizen and cartella: the fold's state (libs/cartella-formativa CittadinoFormazione,
  // libs/cartella-sociale CittadinoSociale, libs/cartella-lavorativa SezioneSiisl), projected when read.
  ...CARTELLE.map((table) => `CREATE TABLE ${table} (codice_fiscale text PRIMARY KEY, state jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`),
  // The builder writes them, the api reads them (roles: AppRoles migration).
  ...[...CATALOGUES, ...CARTELLE].flatMap((table) => [`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO fsl_builder`, `GRANT SELECT ON ${table} TO fsl_api`]),
];

export class SiislProjections1765100000000 implements MigrationInterface {
  name = 'SiislProjections1765100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of UP) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...CARTELLE, ...CATALOGUES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
