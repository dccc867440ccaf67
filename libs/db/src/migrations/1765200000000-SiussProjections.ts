import type { MigrationInterface, QueryRunner } from 'typeorm';

const UP = [
  // One row per benefit a municipality granted (libs/siuss chiavePrestazione: ente, CF as written, benefit
  // code, application protocol, start date — the only match a cancellation has). The latest insert and the
  // latest cancellation by ts_flusso are kept side by side, so a cancellation that arrives before its insert
  // voids it all the same, and a later insert (a correction) brings it back.
  `CREATE TABLE siuss_prestazione (
     chiave text PRIMARY KEY,
     codice_fiscale text NOT NULL,
     codice_ente text NOT NULL,
     codice_prestazione text NOT NULL,
     data_inizio date NOT NULL,
     -- the decoded flow of the latest insert (libs/siuss PrestazioneSociale); NULL while only a cancellation is known
     prestazione jsonb NULL,
     inserita_ts bigint NULL,
     inserita_id_flusso text NULL,
     annullata_ts bigint NULL,
     annullata_id_flusso text NULL,
     -- A cancellation voids an insert with a ts_flusso up to its own (a tie: the cancellation, which re-sends
     -- a benefit that existed, wins).
     annullata boolean GENERATED ALWAYS AS (annullata_ts IS NOT NULL AND (inserita_ts IS NULL OR annullata_ts >= inserita_ts)) STORED,
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX siuss_prestazione_cf_idx ON siuss_prestazione (codice_fiscale)`,
  `CREATE INDEX siuss_prestazione_ente_idx ON siuss_prestazione (codice_ente)`,
  // SINBA (minors in care), highly sensitive, apart: one row per minor of an ente, the latest flow. The api
  // role gets no grant until an e-service is explicitly granted it.
  `CREATE TABLE siuss_sinba (
     codice_ente text NOT NULL,
     id_beneficiario text NOT NULL,
     presa_in_carico jsonb NOT NULL,
     ts bigint NOT NULL,
     id_flusso text NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (codice_ente, id_beneficiario)
   )`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON siuss_prestazione TO fsl_builder`,
  `GRANT SELECT ON siuss_prestazione TO fsl_api`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON siuss_sinba TO fsl_builder`,
];

export class SiussProjections1765200000000 implements MigrationInterface {
  name = 'SiussProjections1765200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of UP) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE siuss_sinba');
    await q.query('DROP TABLE siuss_prestazione');
  }
}
