import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoChainsAndRefusals1732690000000 implements MigrationInterface {
  name = 'CoChainsAndRefusals1732690000000';

  async up(q: QueryRunner): Promise<void> {
    // Every CO code the builder has met, with the code it corrects or completes: the links of the
    // correction chains. A rettifica may name another worker than its target, so a chain can span two
    // workers' partitions; the builder locks a chain's rows here (in code order) before routing it, so
    // two partitions never route the same chain at the same time. See libs/cartella-lavorativa/README.md.
    await q.query(`
      CREATE TABLE co_link (
        codice_comunicazione text PRIMARY KEY,
        -- NULL for an ordinary CO, and for a code only known as some correction's target so far
        precedente text
      )`);
    await q.query(`CREATE INDEX co_link_precedente ON co_link (precedente) WHERE precedente IS NOT NULL`);
    await q.query(`
      INSERT INTO co_link (codice_comunicazione, precedente)
      SELECT c.key, max(c.value->'fact'->>'precedente')
      FROM cartella_lavorativa, jsonb_each(state->'cos') AS c
      GROUP BY c.key`);
    // COs the fold refused (kept in the state, no effect), one row per worker state holding them:
    // the operators' listing and the metric by reason. Rewritten with the worker's state.
    await q.query(`
      CREATE TABLE co_rifiutata (
        codice_fiscale text NOT NULL,
        codice_comunicazione text NOT NULL,
        codice_precedente text,
        tipo_comunicazione text NOT NULL,
        modello text NOT NULL,
        tipo_evento text NOT NULL,
        motivo text NOT NULL,
        ricevuta_il timestamptz NOT NULL,
        PRIMARY KEY (codice_fiscale, codice_comunicazione)
      )`);
    await q.query(`CREATE INDEX co_rifiutata_motivo ON co_rifiutata (motivo)`);
    // Fingerprint of what the cartella serves (libs/cartella-lavorativa reviewState): the dossier version
    // moves only when it changes. NULL until the worker's next CO.
    await q.query(`ALTER TABLE cartella_lavorativa ADD COLUMN effect text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cartella_lavorativa DROP COLUMN effect`);
    await q.query(`DROP TABLE co_rifiutata`);
    await q.query(`DROP TABLE co_link`);
  }
}
