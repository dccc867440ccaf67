import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mediaValidatorOf } from '../apps/api/test/support/contract';

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
// One document per e-service of the api's registry (scripts/openapi.js writes them from the dev registry,
// which is the configuration's default).
const ESERVICE_DIR = join(ROOT, 'apps', 'api', 'openapi');
const KINDS = (JSON.parse(readFileSync(join(ROOT, 'apps', 'api', 'config', 'eservices.dev.json'), 'utf8')) as { eservices: { kind: string }[] }).eservices.map((e) => e.kind);
const eserviceFile = (kind: string) => join(ESERVICE_DIR, `${kind}.json`);

type Lint = { code: string; severity: number; path: string[]; source?: string };

/** Spectral with the ruleset on the files, in one run (it takes seconds to start); results by file. */
function lint(files: string[]): Lint[] {
  let out = '';
  try {
    out = execFileSync(SPECTRAL, ['lint', '-r', RULESET, '-f', 'json', '--quiet', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    out = (err as { stdout?: string }).stdout ?? '';
  }
  // An empty or non-JSON answer means spectral itself failed (missing ruleset, crash): not a pass.
  const results = JSON.parse(out) as Lint[];
  expect(Array.isArray(results)).toBe(true);
  return results;
}
const errorsIn = (results: Lint[]) => results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join('.')}`);

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
    expect(errorsIn(lint([join(ROOT, 'apps', app, 'openapi.json')]))).toEqual([]);
  }, 60000);

  it.each(APPS)('%s: every path segment is kebab-case', (app) => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'apps', app, 'openapi.json'), 'utf8')) as { paths: Record<string, unknown> };
    const bad = Object.keys(doc.paths).filter((p) => nonKebabSegments(p).length > 0);
    expect(bad).toEqual([]);
  });

  it('the check finds what the ruleset reports: a document without /status is an error', () => {
    const doc = JSON.parse(readFileSync(eserviceFile(KINDS[0]!), 'utf8')) as { paths: Record<string, unknown> };
    delete doc.paths['/status'];
    const dir = mkdtempSync(join(tmpdir(), 'openapi-guidelines-'));
    try {
      writeFileSync(join(dir, 'doc.json'), JSON.stringify(doc));
      expect(errorsIn(lint([join(dir, 'doc.json')]))).toEqual(['paths-status at paths']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  it('the kebab-case check itself rejects what it should', () => {
    expect(nonKebabSegments('/v1/cartelle-lavorative/{codiceFiscale}')).toEqual([]);
    expect(nonKebabSegments('/Get_Citizen')).toEqual(['Get_Citizen']);
    expect(nonKebabSegments('/v1/getCitizen/{id}')).toEqual(['getCitizen']);
    expect(nonKebabSegments('/v1/double--dash')).toEqual(['double--dash']);
  });
});

type Doc = { paths: Record<string, Record<string, unknown>>; components?: { schemas?: Record<string, unknown> } };
type Media = { schema?: unknown; example?: unknown; examples?: Record<string, { value?: unknown }> };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The examples of a media type: `example`, and the values of `examples`. */
const examplesOf = (media: Media | undefined): unknown[] => (media ? [...('example' in media ? [media.example] : []), ...Object.values(media.examples ?? {}).map((e) => e.value)] : []);

/**
 * What is wrong with the examples of a document's operations: an operation without an example of its request
 * body or of its success answer (200, or 202 for a write), or an example its schema refuses (objects closed, as in the contract tests). The
 * ruleset cannot tell: it switches off Spectral's check of media examples (oas3-valid-media-example) and only
 * validates the examples of schema properties (oas3-valid-schema-example).
 */
export function exampleProblems(doc: Doc): string[] {
  const validate = mediaValidatorOf(doc);
  const problems: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method] as { requestBody?: { content?: Record<string, Media> }; responses?: Record<string, { content?: Record<string, Media> }> };
      // A read answers 200, a write 202 (accepted: applied once the builder has the event).
      const success = ['200', '201', '202'].find((status) => op.responses?.[status]) ?? '200';
      const parts: [string, Record<string, Media> | undefined][] = [[`${success} answer`, op.responses?.[success]?.content]];
      if (op.requestBody) parts.unshift(['request body', op.requestBody.content]);
      for (const [what, content] of parts) {
        const medias = Object.values(content ?? {});
        if (!medias.some((m) => examplesOf(m).length > 0)) problems.push(`${method.toUpperCase()} ${path}: no example of its ${what}`);
        for (const m of medias) for (const ex of examplesOf(m)) for (const e of validate(m.schema, ex)) problems.push(`${method.toUpperCase()} ${path}: ${what} example: ${e}`);
      }
    }
  }
  return problems;
}

describe('one OpenAPI document per e-service (PDND publishes each e-service with its own interface)', () => {
  let results: Lint[] = [];
  beforeAll(() => {
    results = lint(KINDS.map(eserviceFile).filter((f) => existsSync(f)));
  }, 120000);

  it('there is exactly one document per kind of the registry', () => {
    expect(readdirSync(ESERVICE_DIR).sort()).toEqual(KINDS.map((k) => `${k}.json`).sort());
  });

  it.each(KINDS)('%s: spectral with the Italian ruleset reports 0 errors', (kind) => {
    expect(existsSync(eserviceFile(kind))).toBe(true);
    expect(errorsIn(results.filter((r) => r.source === eserviceFile(kind)))).toEqual([]);
  });

  it.each(KINDS)('%s: every path segment is kebab-case', (kind) => {
    const doc = JSON.parse(readFileSync(eserviceFile(kind), 'utf8')) as Doc;
    expect(Object.keys(doc.paths).filter((p) => nonKebabSegments(p).length > 0)).toEqual([]);
  });

  it.each(KINDS)('%s: every operation has an example of its request body and of its success answer, valid against its schema', (kind) => {
    expect(exampleProblems(JSON.parse(readFileSync(eserviceFile(kind), 'utf8')) as Doc)).toEqual([]);
  });

  it('the api document as a whole too', () => {
    expect(exampleProblems(JSON.parse(readFileSync(join(ROOT, 'apps', 'api', 'openapi.json'), 'utf8')) as Doc)).toEqual([]);
  });

  it('the example check fails an operation without examples, and an example its schema refuses', () => {
    const doc = JSON.parse(readFileSync(eserviceFile(KINDS[0]!), 'utf8')) as Doc;
    const post = Object.entries(doc.paths).find(([, item]) => item.post)!;
    const op = post[1].post as { requestBody: { content: Record<string, Media> }; responses: Record<string, { content: Record<string, Media> }> };
    const ok = op.responses['200']!.content['application/json']!;
    const { example: _e, ...noExample } = ok;
    op.responses['200']!.content['application/json'] = noExample;
    op.requestBody.content['application/json']!.examples = { esempio: { value: { codiceFiscale: 'RSSMRA85C52H501N', sconosciuto: 1 } } };
    expect(exampleProblems(doc)).toEqual([
      `POST ${post[0]}: request body example: (root) must NOT have additional properties`,
      `POST ${post[0]}: no example of its 200 answer`,
    ]);
  });
});
