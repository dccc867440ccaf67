import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DATA_DIR, ROOT } from '../settings';

// The apps run as their own processes, built, exactly as deployed: the harness measures them from
// outside (HTTP, Kafka, Postgres, /proc) and never loads their code into its own process.

export interface AppProcess {
  name: string;
  url: string;
  /** GET /metrics on the app's management listener (never served on its public port). */
  metricsUrl: string;
  pid: number;
  /** RSS when the HTTP side first answered: the app booted, before any load. */
  bootRssMb: number;
  /** Peak RSS so far, from the kernel's high-water mark (VmHWM), in MB. */
  peakRssMb(): number;
  output(): string;
  stop(): Promise<number | null>;
}

export interface StartOptions {
  /** Write a V8 CPU profile on exit into bench/.data/profiles/<name>/. */
  cpuProfile?: boolean;
  timeoutMs?: number;
}

// Every app the harness started and has not stopped yet, so an interrupted run stops them too.
const live = new Set<AppProcess>();

export async function stopAllApps(): Promise<void> {
  await Promise.all([...live].map((a) => a.stop()));
}

export function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** A port nobody listens on right now (the kernel picks it); the app binds it a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    await (await fetch(`${url}/status`, { signal: AbortSignal.timeout(1000) })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Start apps/<name>/dist/main.js on a free port; resolves once its HTTP side answers. */
export async function startApp(name: string, env: Record<string, string>, opts: StartOptions = {}): Promise<AppProcess> {
  // The flags the app is deployed with (fsl.nodeArgs in its package.json, e.g. its heap cap), then
  // BENCH_NODE_ARGS_<APP> (e.g. BENCH_NODE_ARGS_DOSSIER_BUILDER="--trace-gc") for experiments; V8 takes
  // the last value of a flag given twice.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'apps', name, 'package.json'), 'utf8')) as { fsl?: { nodeArgs?: string[] } };
  const nodeArgs: string[] = [
    ...(pkg.fsl?.nodeArgs ?? []),
    ...(process.env[`BENCH_NODE_ARGS_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').split(' ').filter(Boolean),
  ];
  if (opts.cpuProfile) {
    const dir = join(DATA_DIR, 'profiles', name);
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const managementPort = await freePort();
  const proc: ChildProcess = spawn(process.execPath, [...nodeArgs, join(ROOT, 'apps', name, 'dist', 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port), MANAGEMENT_PORT: String(managementPort), LOG_LEVEL: 'info', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Logged at info, as deployed (the api writes an access line per request). Only the tail is kept:
  // a long run's logs must not grow the harness's own memory.
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const stop = async () => {
    live.delete(app);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (!(await answers(url))) {
    if (proc.exitCode !== null) throw new Error(`${name} exited with ${proc.exitCode} before listening:\n${out.slice(-2000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer in time:\n${out.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = proc.pid as number;
  const metricsUrl = `http://127.0.0.1:${managementPort}/metrics`;
  const app: AppProcess = { name, url, metricsUrl, pid, bootRssMb: procStatusMb(pid, 'VmRSS'), peakRssMb: () => procStatusMb(pid, 'VmHWM'), output: () => out, stop };
  live.add(app);
  return app;
}
