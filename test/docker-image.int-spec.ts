import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { assembleImage, type ImageFiles } from './support/dockerfile';
import { DATABASE_URL, isolation, waitFor } from './support/env';
import { startNode, type RunningApp } from './support/processes';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- js-yaml ships no types
const { load } = require('js-yaml') as { load: (text: string) => unknown };

// docker-compose.yml as Docker would run it, without a Docker engine: the image's files are assembled
// from the Dockerfile (test/support/dockerfile.ts), and every service built from it runs its compose
// command from there, with the image's ENV and the service's environment. What this machine changes,
// and only that: the compose host names point at the local Kafka, Postgres and Redis; the database,
// topics, consumer group and job queue get names of this run (the broker and Redis are shared); ports
// are chosen by the kernel; a volume is a scratch directory.

const ROOT = join(__dirname, '..');
const compose = load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { build?: unknown; command: string[]; environment?: Record<string, unknown>; volumes?: string[] }>;
};
const built = Object.entries(compose.services).filter(([, s]) => s.build);
const infrastructure = Object.keys(compose.services).filter((name) => !compose.services[name]!.build);

/** `${VAR:-default}` and `${VAR:?message}` as compose reads them; the variables are unset here. */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*)|:\?([^}]*))?\}/g, (_, name: string, dflt?: string, required?: string) => {
    if (required !== undefined) throw new Error(`compose requires ${name}: ${required}`);
    return dflt ?? '';
  });
}

describe('docker-compose.yml on the image the Dockerfile describes', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'fsl-image-'));
  const run = isolation('compose');
  const database = `fsl_compose_${run.group.replace(/[^a-z0-9]/g, '_')}`;
  let image: ImageFiles;
  const apps: RunningApp[] = [];

  /** The environment a service's process gets: the image's ENV, then the service's, localised. */
  function environment(name: string): Record<string, string> {
    const service = compose.services[name]!;
    const env: Record<string, string> = { ...image.env };
    for (const [k, v] of Object.entries(service.environment ?? {})) env[k] = interpolate(String(v));
    for (const [k, v] of Object.entries(env)) {
      env[k] = v.replace(new RegExp(`\\b(${infrastructure.join('|')}):(\\d+)`, 'g'), '127.0.0.1:$2');
    }
    for (const volume of service.volumes ?? []) {
      const [named, target] = volume.split(':') as [string, string];
      const dir = join(scratch, 'volumes', named);
      mkdirSync(dir, { recursive: true });
      for (const [k, v] of Object.entries(env)) if (v.startsWith(target)) env[k] = dir + v.slice(target.length);
    }
    if (env.DATABASE_URL) {
      const url = new URL(env.DATABASE_URL);
      url.pathname = `/${database}`;
      env.DATABASE_URL = url.toString();
    }
    const shared = { KAFKA_TOPIC_PREFIX: run.prefix, CONSUMER_GROUP: run.group, LOTTI_QUEUE: `${run.group}-lotti` };
    for (const [k, v] of Object.entries(shared)) if (k in env || k === 'KAFKA_TOPIC_PREFIX') env[k] = v;
    if ('HTTP_PORT' in env) Object.assign(env, { HTTP_PORT: '0', MANAGEMENT_PORT: '0' });
    return env;
  }

  beforeAll(() => {
    image = assembleImage(readFileSync(join(ROOT, 'infra', 'docker', 'Dockerfile'), 'utf8'), ROOT, join(scratch, 'image'));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    const owner = new Client({ connectionString: DATABASE_URL });
    await owner.connect();
    await owner.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await owner.end();
    rmSync(scratch, { recursive: true, force: true });
  }, 60_000);

  it('the image is production by default (the compose file chooses the demo settings explicitly)', () => {
    expect(image.env.NODE_ENV).toBe('production');
    for (const [name, service] of built) expect({ name, NODE_ENV: service.environment?.NODE_ENV }).toEqual({ name, NODE_ENV: 'development' });
  });

  it('setup runs from the image: database, migrations, roles, topics', async () => {
    const [node, ...args] = compose.services.setup!.command;
    expect(node).toBe('node');
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: image.workdir, env: { PATH: process.env.PATH ?? '', ...environment('setup') } });
    expect(stdout).toContain(`created database ${database}`);
    expect(stdout).toContain('setup: topics ready');
  }, 120_000);

  it('every app service starts from the image and answers /status 200', async () => {
    const services = built.filter(([name]) => name !== 'setup');
    expect(services.map(([name]) => name).sort()).toEqual(['api', 'dossier-builder', 'ingest-co', 'ingest-enti-locali', 'ingest-gepi', 'ingest-siisl']);
    const starts = await Promise.allSettled(
      services.map(([name, service]) => {
        const [node, ...args] = service.command;
        expect(node).toBe('node');
        return startNode(name, args, environment(name), { cwd: image.workdir, timeoutMs: 60_000 });
      }),
    );
    // Every process that did start is stopped by afterAll, also when another one failed to.
    const started = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    apps.push(...started);
    for (const s of starts) if (s.status === 'rejected') throw s.reason;
    for (const app of started) {
      const status = await waitFor(`${app.name} /status 200`, async () => {
        const res = await fetch(`${app.url}/status`);
        return res.status === 200 ? res.status : undefined;
      }, 60_000);
      expect({ app: app.name, status }).toEqual({ app: app.name, status: 200 });
      expect((await fetch(app.metricsUrl)).status).toBe(200);
    }
  }, 180_000);
});
