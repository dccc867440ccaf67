import { Client } from 'pg';
import { APP_ROLES, PROJECTION_TABLES } from '@fsl/db';
import { appDatabaseUrl, DATABASE_URL } from './support/env';

// The apps' roles, created and granted by the migrations (libs/db/src/roles.ts), against the migrated
// test database: each may do its app's work and is refused everything else (SQLSTATE 42501).

type Role = (typeof APP_ROLES)[number];

async function as<T>(role: Role, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: appDatabaseUrl(role) });
  await c.connect();
  try {
    // Every attempt runs in a transaction that is rolled back: the test leaves nothing behind.
    await c.query('BEGIN');
    return await work(c);
  } finally {
    await c.query('ROLLBACK').catch(() => undefined);
    await c.end();
  }
}

/** The SQLSTATE a statement fails with, or 'ok'. Each statement gets its own savepoint. */
async function outcome(c: Client, sql: string): Promise<string> {
  await c.query('SAVEPOINT s');
  try {
    await c.query(sql);
    await c.query('RELEASE SAVEPOINT s');
    return 'ok';
  } catch (err) {
    await c.query('ROLLBACK TO SAVEPOINT s');
    return (err as { code?: string }).code ?? 'error';
  }
}

const DENIED = '42501';
const ROW = {
  audit: `INSERT INTO access_audit (seq, id, recorded_at, client_id, purpose_id, eservice, subject, outcome, prev_hash, hash)
          VALUES (-1, gen_random_uuid(), now(), 'c', 'p', 'e', 's', 'granted', repeat('0', 64), repeat('0', 64))`,
  dossier: `INSERT INTO dossier (codice_fiscale, version) VALUES ('ROLE-TEST', 1)`,
  ingest: `INSERT INTO co_ingest_comunicazione (codice_comunicazione, content_hash, event_ids) VALUES ('ROLE-TEST', 'h', '{}')`,
  siislClaim: `INSERT INTO siisl_ingest_claim (claim_key, record_key, versione, content_hash, event_ids) VALUES ('ROLE-TEST', 'r', 1, 'h', '{}')`,
  gepiClaim: `INSERT INTO gepi_ingest_claim (claim_key, record_key, versione, content_hash, event_ids) VALUES ('ROLE-TEST', 'r', 1, 'h', '{}')`,
  offsets: `INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset) VALUES ('role-test', 't', 0, 0)`,
  invio: `INSERT INTO api_invio (event_id, fonte, record_key, versione, contenuto_hash, eservice, consumer_id, posizioni) VALUES ('ROLE-TEST', 'GEPI', 'r', 1, 'h', 'e', 'c', '[]')`,
  corso: `INSERT INTO siisl_corso (corso_id, history) VALUES ('ROLE-TEST', '[]')`,
  caso: `INSERT INTO gepi_caso (caso_id, state, domanda_id, ente_corrente) VALUES ('ROLE-TEST', '{}', 'D', 'F205')`,
  casoEnte: `INSERT INTO gepi_caso_ente (caso_id, ente_codice, tipo_ente, dal) VALUES ('ROLE-TEST', 'F205', 'COMUNE', '2024-01-01')`,
  casoCittadino: `INSERT INTO gepi_caso_cittadino (caso_id, codice_fiscale, dal) VALUES ('ROLE-TEST', 'ROLE-TEST', '2024-01-01')`,
  deadLetter: `INSERT INTO dead_letter (consumer_group, origin_topic, origin_partition, origin_offset, root_topic, root_partition, root_offset, code, reason)
               VALUES ('role-test', 't', 0, 0, 't', 0, 0, 'C', 'r')`,
  redriven: `INSERT INTO redriven_letter (origin_topic, origin_partition, origin_offset, applied_topic) VALUES ('role-test', 0, 0, 't')`,
  prestazione: `INSERT INTO siuss_prestazione (chiave, codice_fiscale, codice_ente, codice_prestazione, data_inizio) VALUES ('ROLE-TEST', 'ROLE-TEST', 'F205', 'A1.04', '2024-01-01')`,
  sinba: `INSERT INTO siuss_sinba (codice_ente, id_beneficiario, presa_in_carico, ts, id_flusso) VALUES ('F205', 'ROLE-TEST', '{}', 0, 'x')`,
  gatewayFlusso: `INSERT INTO siuss_ingest_flusso (codice_ente, id_flusso, ts_flusso, esito) VALUES ('Z999', 'ROLE-TEST', 0, 'OK')`,
};

const cases: Record<Role, { allowed: string[]; refused: string[] }> = {
  fsl_ingest: {
    allowed: [
      ROW.ingest,
      `SELECT count(*) FROM co_ingest_lotto`,
      `UPDATE co_ingest_lotto SET error = NULL WHERE false`,
      ROW.siislClaim,
      `SELECT count(*) FROM siisl_ingest_lotto_esito`,
      `UPDATE siisl_ingest_lotto SET error = NULL WHERE false`,
      ROW.gepiClaim,
      `SELECT count(*) FROM gepi_ingest_lotto_esito`,
      `UPDATE gepi_ingest_lotto SET error = NULL WHERE false`,
      ROW.gatewayFlusso,
      `INSERT INTO siuss_ingest_ente (codice_ente) VALUES ('Z999')`,
      `UPDATE siuss_ingest_esito SET stato = 'SOSPESO' WHERE false`,
    ],
    refused: [
      `SELECT count(*) FROM cartella_lavorativa`,
      `SELECT count(*) FROM cartella_formativa`,
      `SELECT count(*) FROM siisl_corso`,
      `SELECT count(*) FROM gepi_caso`,
      `SELECT count(*) FROM gepi_caso_cittadino`,
      `SELECT count(*) FROM siuss_prestazione`,
      `SELECT count(*) FROM siuss_sinba`,
      ROW.dossier,
      ROW.offsets,
      ROW.invio,
      `SELECT count(*) FROM access_audit`,
      ROW.audit,
      `CREATE TABLE role_test (x int)`,
      // The gateway's record of what it acquired is its dedupe table: deleting a row would publish the flow again.
      `DELETE FROM siuss_ingest_flusso WHERE false`,
    ],
  },
  fsl_builder: {
    allowed: [
      ROW.dossier,
      ROW.offsets,
      `SELECT count(*) FROM cartella_lavorativa`,
      `DELETE FROM co_codice_index WHERE false`,
      ROW.corso,
      `UPDATE cartella_formativa SET state = state WHERE false`,
      `UPDATE cartella_sociale SET state = state WHERE false`,
      `SELECT count(*) FROM cartella_lavorativa_siisl`,
      `DELETE FROM siisl_offerta WHERE false`,
      ROW.caso,
      `UPDATE gepi_caso SET state = state WHERE false`,
      ROW.casoEnte,
      `DELETE FROM gepi_caso_ente WHERE false`,
      ROW.casoCittadino,
      `DELETE FROM gepi_caso_cittadino WHERE false`,
      ROW.deadLetter,
      `UPDATE dead_letter SET status = 'APPLIED' WHERE false`,
      ROW.redriven,
      ROW.prestazione,
      `UPDATE siuss_prestazione SET annullata_ts = annullata_ts WHERE false`,
      ROW.sinba,
      `DELETE FROM siuss_sinba WHERE false`,
    ],
    refused: [`SELECT count(*) FROM fsl_ops.rebuild`, `DELETE FROM dead_letter WHERE false`, ROW.ingest, `SELECT count(*) FROM co_ingest_lotto`, ROW.siislClaim, ROW.gepiClaim, ROW.gatewayFlusso, `SELECT count(*) FROM siuss_ingest_esito`, `SELECT count(*) FROM gepi_ingest_lotto`, `SELECT count(*) FROM access_audit`, ROW.audit, ROW.invio, `DROP TABLE dossier`],
  },
  fsl_api: {
    allowed: [
      `SELECT count(*) FROM cartella_lavorativa`,
      `SELECT count(*) FROM dossier`,
      `SELECT seq FROM access_audit_head`,
      ROW.audit,
      `SELECT count(*) FROM siisl_corso WHERE ente_cf = 'x' AND codice_corso_ente = 'y'`,
      `SELECT count(*) FROM siisl_offerta`,
      `SELECT count(*) FROM cartella_formativa`,
      `SELECT count(*) FROM cartella_sociale`,
      `SELECT count(*) FROM cartella_lavorativa_siisl`,
      `SELECT count(*) FROM gepi_caso WHERE domanda_id = 'x'`,
      `SELECT count(*) FROM gepi_caso_ente WHERE ente_codice = 'x' AND al IS NULL`,
      `SELECT count(*) FROM gepi_caso_cittadino WHERE codice_fiscale = 'x'`,
      `SELECT count(*) FROM siuss_prestazione WHERE codice_fiscale = 'x' AND NOT annullata`,
      // Its writes (ADR 0007): claims added to the sources' claim tables, its own record of them, and the
      // builder's offsets read for read-your-writes.
      ROW.siislClaim,
      ROW.gepiClaim,
      `SELECT max(versione) FROM gepi_ingest_claim WHERE record_key = 'x'`,
      ROW.invio,
      `SELECT count(*) FROM consumer_offsets`,
    ],
    refused: [
      // SINBA (minors in care): no e-service is granted it yet, so the api's role cannot read it at all.
      `SELECT count(*) FROM siuss_sinba`,
      ROW.prestazione,
      `SELECT count(*) FROM siuss_ingest_flusso`,
      `UPDATE access_audit SET purpose_id = 'x' WHERE false`,
      `UPDATE gepi_caso SET state = state WHERE false`,
      `DELETE FROM gepi_caso_cittadino WHERE false`,
      `DELETE FROM access_audit WHERE false`,
      `TRUNCATE access_audit`,
      `ALTER TABLE access_audit DISABLE TRIGGER access_audit_append_only`,
      ROW.dossier,
      `UPDATE cartella_lavorativa SET version = version WHERE false`,
      ROW.corso,
      `UPDATE cartella_sociale SET state = state WHERE false`,
      `DELETE FROM cartella_formativa WHERE false`,
      `SELECT count(*) FROM co_ingest_comunicazione`,
      `UPDATE siisl_ingest_claim SET stale = stale WHERE false`,
      `DELETE FROM gepi_ingest_claim WHERE false`,
      `SELECT count(*) FROM gepi_ingest_lotto`,
      `UPDATE api_invio SET versione = versione WHERE false`,
      `DELETE FROM api_invio WHERE false`,
      ROW.offsets,
      `UPDATE consumer_offsets SET next_offset = next_offset WHERE false`,
      ROW.deadLetter,
      ROW.redriven,
      `SELECT count(*) FROM fsl_ops.rebuild`,
    ],
  },
};

describe('least-privilege database roles', () => {
  it.each(Object.keys(cases) as Role[])('%s does its own work and is refused the rest', async (role) => {
    const got = await as(role, async (c) => {
      const results: Record<string, string> = {};
      for (const sql of [...cases[role].allowed, ...cases[role].refused]) results[sql] = await outcome(c, sql);
      return results;
    });
    const want = Object.fromEntries([...cases[role].allowed.map((s) => [s, 'ok']), ...cases[role].refused.map((s) => [s, DENIED])]);
    expect(got).toEqual(want);
  });

  it('no app role is a superuser, owns a table or may create roles or databases', async () => {
    const owner = new Client({ connectionString: DATABASE_URL });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; owns: string }>(
        `SELECT r.rolname, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
                (SELECT count(*) FROM pg_tables t WHERE t.tableowner = r.rolname)::text AS owns
           FROM pg_roles r WHERE r.rolname = ANY($1) ORDER BY r.rolname`,
        [[...APP_ROLES]],
      );
      expect(rows).toEqual(
        [...APP_ROLES].sort().map((rolname) => ({ rolname, rolsuper: false, rolcreaterole: false, rolcreatedb: false, owns: '0' })),
      );
    } finally {
      await owner.end();
    }
  });

  it('every table of the schema is granted to the role of the app that uses it (a new table needs its GRANT)', async () => {
    const owner = new Client({ connectionString: DATABASE_URL });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ table_name: string }>(
        `SELECT t.table_name FROM information_schema.tables t
          WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name <> 'schema_migrations'
            AND NOT EXISTS (SELECT 1 FROM information_schema.role_table_grants g
                             WHERE g.table_schema = 'public' AND g.table_name = t.table_name AND g.grantee = ANY($1))
          ORDER BY 1`,
        [[...APP_ROLES]],
      );
      expect(rows.map((r) => r.table_name)).toEqual([]);
    } finally {
      await owner.end();
    }
  });

  it('every table the builder writes is in the projection sets (PROJECTION_TABLES), but for its dead-letter queue', async () => {
    // A table derived from the topics that is not listed would be left behind by a rebuild's switch (ADR 0008).
    const owner = new Client({ connectionString: DATABASE_URL });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ table_name: string }>(
        `SELECT DISTINCT table_name FROM information_schema.role_table_grants
          WHERE grantee = 'fsl_builder' AND privilege_type = 'INSERT' AND table_schema = 'public' ORDER BY 1`,
      );
      const listed = new Set(PROJECTION_TABLES.map((t) => t.name));
      expect(rows.map((r) => r.table_name).filter((t) => !listed.has(t))).toEqual(['dead_letter']);
      expect([...listed].filter((t) => !rows.some((r) => r.table_name === t))).toEqual([]);
    } finally {
      await owner.end();
    }
  });
});
