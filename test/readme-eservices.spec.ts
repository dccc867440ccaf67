import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mediaValidatorOf } from '../apps/api/test/support/contract';

// The README's table of e-services is what a newcomer copies from: one row per e-service of the registry, each
// with an example call whose body its own published document accepts. The calls themselves run against the demo
// stack (scripts/stack.sh); this keeps the table from drifting from the registry and the contracts in between.

const ROOT = join(__dirname, '..');
type Entry = { kind: string; name: string; basePath: string };
const REGISTRY = (JSON.parse(readFileSync(join(ROOT, 'apps', 'api', 'config', 'eservices.dev.json'), 'utf8')) as { eservices: Entry[] }).eservices;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The table's rows: the registry name (2nd column) and the example call (5th). */
function rows(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of text.split('\n')) {
    const cells = line.split(' | ');
    const name = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    const call = /`(scripts\/eservice-call\.sh [^`]+)`/.exec(cells[4] ?? '')?.[1];
    if (line.startsWith('| ') && name && call) found.set(name, call);
  }
  return found;
}

/** `scripts/eservice-call.sh <kind> '<body>' [options]` → kind and parsed body. */
function parseCall(call: string): { kind: string; body: unknown } {
  const m = /^scripts\/eservice-call\.sh ([a-z-]+) '([^']*)'/.exec(call);
  if (!m) throw new Error(`not a call: ${call}`);
  return { kind: m[1]!, body: JSON.parse(m[2]!) };
}

type Doc = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>; components?: { schemas?: Record<string, unknown> } };

/** What the e-service's own document says of the body: problems, empty when it accepts it. */
function bodyProblems(kind: string, body: unknown): string[] {
  const doc = JSON.parse(readFileSync(join(ROOT, 'apps', 'api', 'openapi', `${kind}.json`), 'utf8')) as Doc;
  const ops = Object.entries(doc.paths).flatMap(([path, item]) => (path.includes('probing') ? [] : Object.values(item).filter((op) => op.requestBody)));
  if (ops.length !== 1) return [`${ops.length} operations with a body`];
  return mediaValidatorOf(doc as never)(ops[0]!.requestBody!.content['application/json']!.schema, body);
}

describe("README: the e-services' table", () => {
  const table = rows(README);

  it('has one row per e-service of the registry, and no other', () => {
    expect([...table.keys()].sort()).toEqual(REGISTRY.map((e) => e.name).sort());
  });

  it.each(REGISTRY.map((e) => [e.kind, e.name]))('%s: the example call names its kind and a body its document accepts', (kind, name) => {
    const call = parseCall(table.get(name) ?? '');
    expect(call.kind).toBe(kind);
    expect(bodyProblems(kind, call.body)).toEqual([]);
  });

  it('the check refuses a body its document does not accept', () => {
    expect(bodyProblems('rapporti-lavoro', { codiceFiscale: 'RSSMRA85C52H501N', sconosciuto: 1 }).length).toBeGreaterThan(0);
    expect(bodyProblems('rapporti-lavoro', { codiceFiscale: 'RSSMRA85C52H501N' })).toEqual([]);
  });
});
