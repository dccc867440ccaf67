import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface RunningApp {
  name: string;
  url: string;
  /** The management listener's GET /metrics (never on the public port). */
  metricsUrl: string;
  proc: ChildProcess;
  /** Everything the process wrote, for assertions on logs. */
  output: () => string;
  stop: () => Promise<number | null>;
}

/** The V8 flags the app is deployed with (`fsl.nodeArgs`): the tests run it under the same heap caps. */
export function appNodeArgs(name: string): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'apps', name, 'package.json'), 'utf8')) as { fsl?: { nodeArgs?: string[] } };
  return pkg.fsl?.nodeArgs ?? [];
}

/**
 * Start a built app (apps/<name>/dist/main.js) as its own process, exactly as the stack runs it,
 * on a free port; resolves with its URL once it logged that it listens.
 */
export function startApp(name: string, env: Record<string, string>, timeoutMs = 30000): Promise<RunningApp> {
  return startNode(name, [...appNodeArgs(name), join(ROOT, 'apps', name, 'dist', 'main.js')], { HTTP_PORT: '0', MANAGEMENT_PORT: '0', LOG_LEVEL: 'info', ...env }, { timeoutMs });
}

/**
 * Start `node <args>` (an app's entry point, however it is given) with exactly `env` (and PATH); resolves
 * once it logged both of its addresses. A wildcard address (0.0.0.0, as in a container) is reached on
 * 127.0.0.1.
 */
export function startNode(name: string, args: string[], env: Record<string, string>, opts: { cwd?: string; timeoutMs?: number } = {}): Promise<RunningApp> {
  const timeoutMs = opts.timeoutMs ?? 30000;
  const proc = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${out.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"url":"http:\/\/[\d.]+:(\d+)","metricsUrl":"http:\/\/[\d.]+:(\d+)\/metrics"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          name,
          url: `http://127.0.0.1:${m[1]}`,
          metricsUrl: `http://127.0.0.1:${m[2]}/metrics`,
          proc,
          output: () => out,
          stop: async () => {
            if (proc.exitCode === null) proc.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${out.slice(-2000)}`));
    });
  });
}

/** Run an app to completion (for boot failures); resolves with its exit code and output. */
export function runToExit(name: string, env: Record<string, string>, timeoutMs = 20000): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, [join(ROOT, 'apps', name, 'dist', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', HTTP_PORT: '0', MANAGEMENT_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
