import { GENESIS_HASH } from './chain';

/**
 * DDL of the access audit, unqualified so that it lands in the schema of the search_path.
 * Idempotent; ready to be wrapped in a migration. The head row is what appends lock
 * (SELECT … FOR UPDATE), which serialises concurrent appends and lets verification detect a
 * deleted tail. The trigger refuses UPDATE, DELETE and TRUNCATE from the application; it does not
 * stop a superuser, which is what the hash chain is for.
 */
export const ACCESS_AUDIT_DDL = `
CREATE TABLE IF NOT EXISTS access_audit (
  seq             bigint      PRIMARY KEY,
  id              uuid        NOT NULL UNIQUE,
  recorded_at     timestamptz NOT NULL,
  client_id       text        NOT NULL,
  organization_id text,
  purpose_id      text        NOT NULL,
  eservice        text        NOT NULL,
  subject         text        NOT NULL,
  outcome         text        NOT NULL CHECK (outcome IN ('granted', 'denied', 'error')),
  operation       text,
  request_id      text,
  prev_hash       char(64)    NOT NULL,
  hash            char(64)    NOT NULL
);
CREATE INDEX IF NOT EXISTS access_audit_subject_seq_idx ON access_audit (subject, seq DESC);

CREATE TABLE IF NOT EXISTS access_audit_head (
  id   smallint PRIMARY KEY CHECK (id = 1),
  seq  bigint   NOT NULL,
  hash char(64) NOT NULL
);
INSERT INTO access_audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}') ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION access_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_audit is append-only';
END
$$;
CREATE OR REPLACE TRIGGER access_audit_append_only
  BEFORE UPDATE OR DELETE ON access_audit FOR EACH ROW EXECUTE FUNCTION access_audit_refuse_change();
CREATE OR REPLACE TRIGGER access_audit_no_truncate
  BEFORE TRUNCATE ON access_audit FOR EACH STATEMENT EXECUTE FUNCTION access_audit_refuse_change();
`;

/**
 * The head's anchor (libs/access-audit/src/anchor.ts): an HMAC under a key the database does not hold,
 * moved with the head by every append. NULL until the first append after this column was added.
 */
export const ACCESS_AUDIT_ANCHOR_DDL = `ALTER TABLE access_audit_head ADD COLUMN IF NOT EXISTS anchor char(64);`;

/**
 * What the application role may do: read and append records, read and move the head. No UPDATE or
 * DELETE of a record, and not being the owner it cannot disable the append-only trigger either.
 */
export function accessAuditGrants(role: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error('role must be a plain identifier');
  return `GRANT SELECT, INSERT ON access_audit TO ${role}; GRANT SELECT, UPDATE ON access_audit_head TO ${role};`;
}

/** Reverse of ACCESS_AUDIT_DDL, for a migration's down step. Destroys the audit trail. */
export const ACCESS_AUDIT_DROP_DDL = `
DROP TABLE IF EXISTS access_audit;
DROP TABLE IF EXISTS access_audit_head;
DROP FUNCTION IF EXISTS access_audit_refuse_change();
`;
