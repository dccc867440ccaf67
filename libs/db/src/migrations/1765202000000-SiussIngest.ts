import type { MigrationInterface, QueryRunner } from 'typeorm';

// The municipal gateway (apps/ingest-enti-locali, docs/adr/0009-municipal-gateway.md): per registered
// e-service its cursor and poll state, FSL's record of every flow acquired with its outcome (the dedupe
// table), and the outbox of the outcomes to deliver through the municipality's POST /esiti. The flows
// rows, the outbox rows and the cursor of one page are written in one transaction, committed only after
// Kafka acknowledged what the page published.
const UP = [
  `CREATE TABLE siuss_ingest_ente (
     -- the registry's code of the e-service (a municipality's Belfiore code)
     codice_ente text PRIMARY KEY,
     -- ts_flusso (ms) of the latest flows fully handled: every flow before it is acquired; the next poll asks
     -- since = cursore - 1, so flows on this very timestamp are asked again (and deduplicated)
     cursore bigint NOT NULL DEFAULT 0 CHECK (cursore >= 0),
     cursore_aggiornato_at timestamptz NULL,
     -- the poll state operators see (written after each poll, outside the page transactions)
     ultimo_poll_at timestamptz NULL,
     ultimo_poll_ok_at timestamptz NULL,
     fallimenti_consecutivi integer NOT NULL DEFAULT 0,
     backoff_fino_al timestamptz NULL,
     -- a code and a reason written by the gateway, never a value of a flow
     ultimo_errore text NULL,
     -- a full page whose flows all carry this ts_flusso, the cursor's own: it cannot advance past it
     bloccato_ts bigint NULL,
     bloccato_dal timestamptz NULL
   )`,
  `CREATE TABLE siuss_ingest_flusso (
     codice_ente text NOT NULL,
     -- as served; an entry without a usable id is named by the hash of its content ('#' + sha256)
     id_flusso text NOT NULL,
     -- ms; -1 when the entry's ts_flusso cannot be read. A newer ts_flusso of the same id is a new version.
     ts_flusso bigint NOT NULL,
     tipo text NULL,
     -- FSL's outcome of the flow, kept whether or not the municipality receives outcomes
     esito text NOT NULL CHECK (esito IN ('OK', 'RICHIESTA_INVALIDA', 'DATI_NON_TROVATI', 'ERRORE_GENERICO')),
     -- OK: the acquisition id (the event id of the published event)
     id_acquisizione text NULL,
     topic text NULL,
     -- [{code, path}] of libs/siuss: never a value of the flow
     problemi jsonb NOT NULL DEFAULT '[]',
     avvisi jsonb NOT NULL DEFAULT '[]',
     correlation_id text NULL,
     acquisito_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (codice_ente, id_flusso, ts_flusso)
   )`,
  `CREATE INDEX siuss_ingest_flusso_esito_idx ON siuss_ingest_flusso (codice_ente, esito)`,
  `CREATE INDEX siuss_ingest_flusso_acquisito_idx ON siuss_ingest_flusso (codice_ente, acquisito_at)`,
  `CREATE TABLE siuss_ingest_esito (
     id bigserial PRIMARY KEY,
     codice_ente text NOT NULL,
     id_flusso text NOT NULL,
     ts_flusso bigint NOT NULL,
     -- the EsitoFlusso item of the interface, as it is sent
     esito jsonb NOT NULL,
     stato text NOT NULL DEFAULT 'IN_ATTESA' CHECK (stato IN ('IN_ATTESA', 'CONSEGNATO', 'SOSPESO')),
     tentativi integer NOT NULL DEFAULT 0,
     rifiuti_4xx integer NOT NULL DEFAULT 0,
     prossimo_tentativo_at timestamptz NOT NULL DEFAULT now(),
     ultimo_status integer NULL,
     ultimo_errore text NULL,
     consegnato_at timestamptz NULL,
     creato_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (codice_ente, id_flusso, ts_flusso),
     FOREIGN KEY (codice_ente, id_flusso, ts_flusso) REFERENCES siuss_ingest_flusso (codice_ente, id_flusso, ts_flusso)
   )`,
  `CREATE INDEX siuss_ingest_esito_da_inviare_idx ON siuss_ingest_esito (codice_ente, prossimo_tentativo_at) WHERE stato = 'IN_ATTESA'`,
  `CREATE INDEX siuss_ingest_esito_stato_idx ON siuss_ingest_esito (codice_ente, stato)`,
  // The gateway connects as the ingest role. Nothing is ever deleted: the record of what was acquired is the
  // dedupe table, and removing a row would let the flow be published again.
  `GRANT SELECT, INSERT, UPDATE ON siuss_ingest_ente, siuss_ingest_flusso, siuss_ingest_esito TO fsl_ingest`,
  `GRANT USAGE, SELECT ON SEQUENCE siuss_ingest_esito_id_seq TO fsl_ingest`,
];

export class SiussIngest1765202000000 implements MigrationInterface {
  name = 'SiussIngest1765202000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of UP) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE siuss_ingest_esito');
    await q.query('DROP TABLE siuss_ingest_flusso');
    await q.query('DROP TABLE siuss_ingest_ente');
  }
}
