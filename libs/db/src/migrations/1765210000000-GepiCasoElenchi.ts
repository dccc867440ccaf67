import type { MigrationInterface, QueryRunner } from 'typeorm';

// The cases an ente manages, listed a page at a time with filters (e-service "Ricerca casi PaIS
// dell'ente"): two more columns derived from the case's state beside domanda_id and ente_corrente (ADR
// 0006), written by the builder from the same projection, and the ente index widened so that a page is
// one index range scan in (data_apertura, caso_id) order, whatever the ente's size.

const UP = [
  `ALTER TABLE gepi_caso ADD COLUMN stato text NULL, ADD COLUMN data_apertura date NULL`,
  // The same name as the index it replaces: "the cases an ente manages today" still uses it.
  `DROP INDEX gepi_caso_ente_corrente_idx`,
  `CREATE INDEX gepi_caso_ente_corrente_idx ON gepi_caso (ente_corrente, data_apertura, caso_id)`,
  // Rows written before this migration: the case record's highest version, unless it is a deletion (the
  // fold's currentVersion, libs/siisl). The builder writes both columns from projectCaso from now on.
  `UPDATE gepi_caso AS g
      SET stato = top.v->'record'->'dati'->>'stato', data_apertura = (top.v->'record'->'dati'->>'dataApertura')::date
     FROM gepi_caso AS s
     CROSS JOIN LATERAL (
       SELECT v FROM jsonb_array_elements(COALESCE(s.state->'sezioni'->'caso'->s.caso_id, '[]'::jsonb)) AS v
        ORDER BY (v->>'versione')::bigint DESC LIMIT 1) AS top
    WHERE g.caso_id = s.caso_id AND NOT (top.v->>'eliminato')::boolean`,
];

export class GepiCasoElenchi1765210000000 implements MigrationInterface {
  name = 'GepiCasoElenchi1765210000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of UP) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX gepi_caso_ente_corrente_idx');
    await q.query('CREATE INDEX gepi_caso_ente_corrente_idx ON gepi_caso (ente_corrente)');
    await q.query('ALTER TABLE gepi_caso DROP COLUMN stato, DROP COLUMN data_apertura');
  }
}
