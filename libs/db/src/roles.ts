import { Client } from 'pg';

/**
 * The roles the apps connect as, each granted only what its app does (by the migrations, run as the
 * owner of the schema): ingest-co its idempotency records and file jobs, the dossier-builder the
 * projections and their offsets, the api reads of the projections and appends to the access audit.
 * The apps never connect as the owner or a superuser, so a flaw in one app cannot reach another app's
 * tables, alter the schema, or disable the access audit's trigger.
 *
 * A migration that adds a table grants it to the role of the app that uses it:
 * test/db-roles.int-spec.ts fails while a table has no role.
 */
export const APP_ROLES = ['fsl_ingest', 'fsl_builder', 'fsl_api'] as const;

export type AppRole = (typeof APP_ROLES)[number];

/** Environment variables that give each role its password (production; dev relies on trust auth). */
export const ROLE_PASSWORD_VARIABLES: Record<AppRole, string> = {
  fsl_ingest: 'DATABASE_PASSWORD_FSL_INGEST',
  fsl_builder: 'DATABASE_PASSWORD_FSL_BUILDER',
  fsl_api: 'DATABASE_PASSWORD_FSL_API',
};

/** Statement creating a role when missing (roles are cluster-wide: another database may have made it). */
export function createRoleStatement(role: AppRole): string {
  return `DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} LOGIN; END IF;
  END $$`;
}

/**
 * Set the passwords given in `env` (by ROLE_PASSWORD_VARIABLES), as the owner at `url`. Passwords are
 * config, not migrations: a migration is code in the repository, and a password is not.
 */
export async function setRolePasswords(url: string, env: Record<string, unknown>): Promise<AppRole[]> {
  const given = (Object.entries(ROLE_PASSWORD_VARIABLES) as [AppRole, string][]).filter(([, v]) => typeof env[v] === 'string');
  if (given.length === 0) return [];
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const [role, variable] of given) {
      // ALTER ROLE takes no parameters: quote the literal with the server's own function.
      const { rows } = await client.query<{ q: string }>('SELECT quote_literal($1) AS q', [env[variable]]);
      await client.query(`ALTER ROLE ${role} PASSWORD ${rows[0].q}`);
    }
    return given.map(([role]) => role);
  } finally {
    await client.end();
  }
}
