#!/usr/bin/env node
import { Pool } from 'pg';
import { readFileSync } from 'node:fs';
import { DEV_ACCESS_AUDIT_ANCHOR_KEY } from './anchor';
import type { ChainHead } from './chain';
import { PgAccessAuditStore } from './pg-store';

const USAGE = `access-audit-verify [--url postgres://…] [--schema name] [--batch 1000] [--recorded-heads FILE]
Verifies the hash chain of the access audit and the anchor of its head. Exit 0 intact, 1 tampered
(names the first broken record, or the unanchored head), 2 usage or connection error.
--recorded-heads: earlier output of this command kept outside the database (append-only), one line per
run; every head it names must still be in the chain (catches a rollback to an older head).
Defaults: $DATABASE_URL, $ACCESS_AUDIT_SCHEMA. The anchor key is $ACCESS_AUDIT_ANCHOR_KEY (the api's);
outside NODE_ENV=production its development default applies when unset.`;

export interface VerifyCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The heads named by earlier "OK: … head seq N hash H" lines; other lines are ignored. */
function recordedHeads(file: string): ChainHead[] {
  return [...readFileSync(file, 'utf8').matchAll(/head seq (\d+) hash ([0-9a-f]{64})/g)].map((m) => ({ seq: Number(m[1]), hash: m[2]! }));
}

export async function runVerifyCli(argv: string[], io: VerifyCliIo): Promise<number> {
  if (argv.includes('--help')) {
    io.out(USAGE);
    return 0;
  }
  const url = flag(argv, 'url') ?? io.env.DATABASE_URL;
  const schema = flag(argv, 'schema') ?? io.env.ACCESS_AUDIT_SCHEMA;
  const batch = Number(flag(argv, 'batch') ?? 1000);
  // The schema goes into a connection option, so it must be a plain identifier.
  if ((schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) || !Number.isInteger(batch) || batch < 1) {
    io.err(USAGE);
    return 2;
  }
  // The key comes from the environment only: a command-line argument would show in the process list.
  const anchorKey = io.env.ACCESS_AUDIT_ANCHOR_KEY ?? (io.env.NODE_ENV === 'production' ? undefined : DEV_ACCESS_AUDIT_ANCHOR_KEY);
  if (!anchorKey) {
    io.err('access-audit-verify: ACCESS_AUDIT_ANCHOR_KEY is required in production');
    return 2;
  }
  const pool = new Pool({ connectionString: url, max: 1, options: schema ? `-c search_path=${schema}` : undefined });
  try {
    const headsFile = flag(argv, 'recorded-heads');
    const result = await new PgAccessAuditStore(pool, anchorKey).verify(batch, headsFile ? recordedHeads(headsFile) : []);
    if (result.ok) {
      io.out(`OK: ${result.count} records, head seq ${result.head.seq} hash ${result.head.hash}`);
      return 0;
    }
    const { broken } = result;
    io.out(`BROKEN at ${broken.id ? `record ${broken.id}` : 'a missing record'} (seq ${broken.seq}, ${broken.reason}): ${broken.message}`);
    io.out(`${result.count} records verified before the break.`);
    return 1;
  } catch (err) {
    io.err(`access-audit-verify: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  runVerifyCli(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
  }).then((code) => process.exit(code));
}
