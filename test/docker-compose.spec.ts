import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- js-yaml ships no types
const { load } = require('js-yaml') as { load: (text: string) => unknown };
import { z } from 'zod';
import { configShape as apiShape } from '../apps/api/src/config';
import { configShape as builderShape } from '../apps/dossier-builder/src/config';
import { configShape as coShape } from '../apps/ingest-co/src/config';
import { configShape as entiShape } from '../apps/ingest-enti-locali/src/config';
import { configShape as gepiShape } from '../apps/ingest-gepi/src/config';
import { configShape as siislShape } from '../apps/ingest-siisl/src/config';

// docker-compose.yml cannot run here (no Docker engine); this keeps it honest: every variable it sets
// for an app is one that app's config schema reads, and the values it sets pass that schema.
const compose = load(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { environment?: Record<string, unknown>; command?: string[]; ports?: string[] }>;
};

const apps: Record<string, Record<string, unknown>> = {
  api: apiShape,
  'dossier-builder': builderShape,
  'ingest-co': coShape,
  'ingest-enti-locali': entiShape,
  'ingest-gepi': gepiShape,
  'ingest-siisl': siislShape,
};

describe('docker-compose.yml', () => {
  it('runs the broker, postgres, redis and all six apps', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['kafka', 'postgres', 'redis', ...Object.keys(apps)]));
  });

  it.each(Object.keys(apps))('%s: every variable is in its config schema and its value parses', (app) => {
    const service = compose.services[app];
    // The V8 flags an app runs with are declared once, in its package.json (`fsl.nodeArgs`).
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'apps', app, 'package.json'), 'utf8')) as { fsl?: { nodeArgs?: string[] } };
    expect(service.command).toEqual(['node', ...(pkg.fsl?.nodeArgs ?? []), `apps/${app}/dist/main.js`]);
    const env = Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/, '$1')]),
    );
    const unknown = Object.keys(env).filter((k) => !(k in apps[app]));
    expect(unknown).toEqual([]);
    const parsed = z.object(apps[app] as z.ZodRawShape).safeParse(env);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual([]);
  });

  it.each(Object.keys(apps))('%s: /metrics (the management port) is published on the host loopback only', (app) => {
    const service = compose.services[app];
    const management = String(service.environment?.MANAGEMENT_PORT);
    const published = (service.ports ?? []).filter((p) => p.endsWith(`:${management}`));
    expect(published).toEqual([`127.0.0.1:${management}:${management}`]);
  });
});
