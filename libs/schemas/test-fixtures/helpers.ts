// Shared by the specs. Lives outside src/ so tsc -b never compiles it into dist.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const TEST_FIXTURES = __dirname;
export const EVOLVING_ROOT = path.join(TEST_FIXTURES, 'evolving');
export const INCOMPATIBLE_ROOT = path.join(TEST_FIXTURES, 'incompatible');

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Copies a schema tree to a temp dir so a test can break it; returns the copy's path. */
export function tmpCopy(root: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsl-schemas-'));
  fs.cpSync(root, dir, { recursive: true });
  return dir;
}

export function editJson(file: string, edit: (json: any) => void): void {
  const json = readJson(file);
  edit(json);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
}
