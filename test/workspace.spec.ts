import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The workspace graph is what Nx and `tsc -b` build from: every @fsl import of a package must be a
// declared dependency with a tsconfig reference (or a clean build breaks in dependency order), and
// apps depend on libs, never on each other.
const ROOT = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    // testing/ folders hold test support, excluded from the build like the spec files.
    if (statSync(p).isDirectory()) return name === 'testing' ? [] : sourceFiles(p);
    return /\.ts$/.test(name) && !/\.(spec|int-spec)\.ts$/.test(name) ? [p] : [];
  });
}

const packages = ['apps', 'libs'].flatMap((kind) =>
  readdirSync(join(ROOT, kind))
    .filter((name) => statSync(join(ROOT, kind, name, 'package.json'), { throwIfNoEntry: false }))
    .map((name) => ({ kind, name, dir: join(ROOT, kind, name) })),
);

describe.each(packages)('$kind/$name', ({ kind, dir }) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
  const imports = new Set(
    sourceFiles(join(dir, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/from '(@fsl\/[a-z-]+)'/g)].map((m) => m[1])),
  );

  it('declares every @fsl package it imports, with a tsconfig reference', () => {
    const declared = Object.keys({ ...pkg.dependencies });
    const referenced = (tsconfig.references ?? []).map((r: { path: string }) => `@fsl/${r.path.split('/').pop()}`);
    const missing = [...imports].filter((i) => !declared.includes(i) || !referenced.includes(i));
    expect(missing).toEqual([]);
  });

  it('imports no app', () => {
    expect([...imports].filter((i) => i.startsWith('@fsl/app-'))).toEqual([]);
    expect(kind === 'libs' ? Object.keys({ ...pkg.dependencies }).filter((d) => d.startsWith('@fsl/app-')) : []).toEqual([]);
  });
});
