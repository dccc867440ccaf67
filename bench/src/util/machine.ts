import { readdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ROOT } from '../settings';

// What the figures were measured on. The machine is shared, so the load average before and after
// each phase is kept with the figures: a phase that ran next to somebody's test suite shows it.

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  kafka: string;
}

export async function describeMachine(databaseUrl: string): Promise<Machine> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  const pg = (await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  await c.end();
  let kafka = 'unknown';
  try {
    const jar = readdirSync(join(ROOT, '.kafka', 'libs')).find((f) => /^kafka_[\d.]+-[\d.]+\.jar$/.test(f));
    if (jar) kafka = jar.replace(/^kafka_[\d.]+-/, '').replace(/\.jar$/, '');
  } catch {
    // a broker started elsewhere: its version is not ours to read
  }
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, postgres: pg, kafka };
}

export function load1(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}
