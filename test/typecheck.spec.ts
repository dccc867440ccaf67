import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// ts-jest runs with isolatedModules (no type checking, for speed), and the build excludes tests, so
// this is the one place where test code and test support are type-checked against the real types.
describe('type check of tests and test support', () => {
  it('tsc --noEmit over the whole repository reports no error', () => {
    const root = join(__dirname, '..');
    let out = '';
    try {
      execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', join(root, 'tsconfig.jest.json')], { encoding: 'utf8', cwd: root });
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(out.split('\n').filter((l) => l.includes('error TS'))).toEqual([]);
  }, 180000);
});
