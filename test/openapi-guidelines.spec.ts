import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Every committed OpenAPI document passes the Italian guidelines ruleset (../shared/oas-rules) with
// 0 errors, and every path segment is kebab-case — a rule of that ruleset that never fires (its
// regular expression is invalid under the Unicode flag), so the project checks it itself.
const ROOT = join(__dirname, '..');
// The ruleset is an external check kept beside the repository (never vendored: AGPL). OAS_RULES_DIR
// points elsewhere; a clone outside the workplace's folder finds it where the workplace keeps it.
const RULESET =
  [process.env.OAS_RULES_DIR, join(ROOT, '..', 'shared', 'oas-rules'), '/work/shared/oas-rules']
    .filter((d): d is string => Boolean(d))
    .map((d) => join(d, 'spectral.yml'))
    .find((f) => existsSync(f)) ?? join(ROOT, '..', 'shared', 'oas-rules', 'spectral.yml');
const APPS = ['api', 'ingest-co', 'ingest-siisl', 'ingest-gepi', 'ingest-enti-locali', 'dossier-builder'];
const SPECTRAL = join(ROOT, 'node_modules', '.bin', 'spectral');

export function nonKebabSegments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .filter((seg) => !/^\{[A-Za-z0-9_]+\}$/.test(seg) && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(seg));
}

describe('OpenAPI documents follow the Italian guidelines', () => {
  it('finds the ruleset (beside the repository, in OAS_RULES_DIR or where the workplace keeps it)', () => {
    expect(existsSync(RULESET)).toBe(true);
  });

  it.each(APPS)('%s: spectral with the Italian ruleset reports 0 errors', (app) => {
    const file = join(ROOT, 'apps', app, 'openapi.json');
    let out = '';
    try {
      out = execFileSync(SPECTRAL, ['lint', '-r', RULESET, '-f', 'json', '--quiet', file], { encoding: 'utf8' });
    } catch (err) {
      out = (err as { stdout?: string }).stdout ?? '';
    }
    // An empty or non-JSON answer means spectral itself failed (missing ruleset, crash): not a pass.
    const results = JSON.parse(out) as { code: string; severity: number; path: string[] }[];
    expect(Array.isArray(results)).toBe(true);
    const errors = results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join('.')}`);
    expect(errors).toEqual([]);
  }, 60000);

  it.each(APPS)('%s: every path segment is kebab-case', (app) => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'apps', app, 'openapi.json'), 'utf8')) as { paths: Record<string, unknown> };
    const bad = Object.keys(doc.paths).filter((p) => nonKebabSegments(p).length > 0);
    expect(bad).toEqual([]);
  });

  it('the kebab-case check itself rejects what it should', () => {
    expect(nonKebabSegments('/v1/cartelle-lavorative/{codiceFiscale}')).toEqual([]);
    expect(nonKebabSegments('/Get_Citizen')).toEqual(['Get_Citizen']);
    expect(nonKebabSegments('/v1/getCitizen/{id}')).toEqual(['getCitizen']);
    expect(nonKebabSegments('/v1/double--dash')).toEqual(['double--dash']);
  });
});
