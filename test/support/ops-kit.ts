import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '@fsl/db';
import { DATABASE_URL } from './env';
import { ROOT } from './processes';

// What the operator-command suites share: a database of their own (a switch moves every projection table of
// a database, so no other suite may share it), and fsl-ops run as the operator runs it, a process.

export interface OwnDatabase {
  /** The owner's URL (what fsl-ops and the test fixtures use). */
  url: string;
  /** An app role's URL on it. */
  as(role: 'fsl_ingest' | 'fsl_builder' | 'fsl_api'): string;
  drop(): Promise<void>;
}

export async function ownDatabase(label: string): Promise<OwnDatabase> {
  const base = new URL(DATABASE_URL);
  const name = `${base.pathname.slice(1)}_${label}_${randomBytes(3).toString('hex')}`.replace(/[^a-z0-9_]/g, '_');
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  await runMigrations(url.toString());
  return {
    url: url.toString(),
    as(role) {
      const u = new URL(url.toString());
      u.username = role;
      u.password = '';
      return u.toString();
    },
    async drop() {
      const admin = new URL(DATABASE_URL);
      admin.pathname = '/postgres';
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface OpsRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout's JSON lines, parsed (progress lines and the result). */
  lines: Array<Record<string, unknown>>;
  /** The last JSON line: the command's result. */
  result: Record<string, unknown>;
}

export const OPS_CLI = join(ROOT, 'apps', 'dossier-builder', 'dist', 'ops', 'cli.js');

/**
 * `fsl-ops <args> --json` with `env`; `onLine` sees each JSON line as it comes (it may kill the process:
 * the run then resolves with the exit code null).
 */
export function runOps(env: Record<string, string>, args: string[], opts: { onLine?: (line: Record<string, unknown>, proc: ChildProcess) => void; timeoutMs?: number } = {}): Promise<OpsRun> {
  const proc = spawn(process.execPath, [OPS_CLI, ...args, '--json'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let pending = '';
  const lines: Array<Record<string, unknown>> = [];
  proc.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    pending += c.toString();
    let i: number;
    while ((i = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, i);
      pending = pending.slice(i + 1);
      if (!text.trim()) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      opts.onLine?.(line, proc);
    }
  });
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, lines, result: lines[lines.length - 1] ?? {} });
    });
  });
}
