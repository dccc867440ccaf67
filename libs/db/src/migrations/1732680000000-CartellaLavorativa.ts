import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CartellaLavorativa1732680000000 implements MigrationInterface {
  name = 'CartellaLavorativa1732680000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per worker: the set of CO facts received (the fold's state, libs/cartella-lavorativa).
    // The projection (rapporti, periodi, ended-at-term) is computed from it when read, so derived
    // facts such as "ended at term" follow the calendar without new events.
    await q.query(`
      CREATE TABLE cartella_lavorativa (
        codice_fiscale text PRIMARY KEY,
        state jsonb NOT NULL,
        version bigint NOT NULL,
        -- arrival of the oldest correction still waiting for its target; NULL when none waits
        pending_since timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cartella_lavorativa_pending ON cartella_lavorativa (pending_since) WHERE pending_since IS NOT NULL`);
    // Which worker's state holds a codice: a rettifica may name another worker than its target did,
    // and the target's worker must see it too.
    await q.query(`
      CREATE TABLE co_codice_index (
        codice_comunicazione text NOT NULL,
        worker_cf text NOT NULL,
        PRIMARY KEY (codice_comunicazione, worker_cf)
      )`);
    // The backbone's thin-path table is superseded by the per-worker state above.
    await q.query(`DROP TABLE co_comunicazione`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE co_codice_index`);
    await q.query(`DROP TABLE cartella_lavorativa`);
    await q.query(`
      CREATE TABLE co_comunicazione (
        codice_comunicazione text PRIMARY KEY, worker_cf text NOT NULL, employer_cf text NOT NULL,
        event_id text NOT NULL, source_version bigint NOT NULL, tipo_comunicazione text NOT NULL,
        evento text NOT NULL, data_inizio date NOT NULL, data_fine date, payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX co_comunicazione_worker ON co_comunicazione (worker_cf)`);
  }
}
