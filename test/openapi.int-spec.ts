// The committed OpenAPI documents are what the code generates (run `npm run openapi` after a change).
// Integration project: it loads the built apps.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { main } = require('../scripts/openapi.js') as { main: (check: boolean, outDir?: string) => Promise<string[]> };
const ROOT = join(__dirname, '..');
const APPS = ['api', 'ingest-co', 'ingest-siisl', 'ingest-gepi', 'dossier-builder'];

describe('committed OpenAPI documents', () => {
  it('match the documents generated from the apps', async () => {
    expect(await main(true)).toEqual([]);
  });

  it('--check names a per-e-service document that is stale, missing or left over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-check-'));
    try {
      for (const app of APPS) cpSync(join(ROOT, 'apps', app, 'openapi.json'), join(dir, 'apps', app, 'openapi.json'));
      cpSync(join(ROOT, 'apps', 'api', 'openapi'), join(dir, 'apps', 'api', 'openapi'), { recursive: true });
      expect(await main(true, dir)).toEqual([]);
      writeFileSync(join(dir, 'apps', 'api', 'openapi', 'rapporti-lavoro.json'), '{}\n');
      rmSync(join(dir, 'apps', 'api', 'openapi', 'fascicolo.json'));
      writeFileSync(join(dir, 'apps', 'api', 'openapi', 'ritirato.json'), '{}\n');
      expect((await main(true, dir)).sort()).toEqual(['apps/api/openapi/fascicolo.json', 'apps/api/openapi/rapporti-lavoro.json', 'apps/api/openapi/ritirato.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);
});
