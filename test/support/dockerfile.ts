import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

// A test-side reading of a Dockerfile, enough to assemble the file set of the image it describes
// without a Docker engine: FROM (stages), WORKDIR, COPY (from the context, minus .dockerignore, or
// `--from` a stage), ENV, USER, and the RUN steps this repository's Dockerfile uses, each emulated (see
// `emulateRun`). Any other instruction or RUN step throws, so a change to the Dockerfile cannot go
// unnoticed by its test.

/**
 * The context's .dockerignore, in the two forms it uses: `name` (at the top of the context, or a path
 * from it) and `**\/name` (at any depth). Any other form throws rather than being half-understood.
 */
function ignoredBy(context: string): (path: string) => boolean {
  const file = join(context, '.dockerignore');
  const patterns = existsSync(file) ? readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')) : [];
  for (const p of patterns) if (/[*?[!]/.test(p.replace(/^\*\*\//, ''))) throw new Error(`.dockerignore pattern not understood by the test's reader: ${p}`);
  return (path) => {
    const rel = relative(context, path).split(sep).join('/');
    return patterns.some((p) => (p.startsWith('**/') ? rel === p.slice(3) || rel.endsWith(`/${p.slice(3)}`) : rel === p));
  };
}

export interface ImageFiles {
  /** Host directory standing for the image's `/`. */
  root: string;
  /** WORKDIR of the final stage, as a host path. */
  workdir: string;
  /** ENV of the final stage. */
  env: Record<string, string>;
  user?: string;
}

interface Instruction {
  op: string;
  args: string;
}

function instructions(text: string): Instruction[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

/**
 * The RUN steps of the build stage, emulated against the already built working tree (the suite runs
 * after `npm run build`): `npm ci` links the context's node_modules, the root's and those npm installed
 * inside a workspace (a version only that workspace needs), recreating the workspace links under @fsl so
 * that they point into the assembled tree, not back into the context; the nx build copies
 * each project's dist from the context (which .dockerignore kept out of COPY), and `npm prune --omit=dev`
 * removes nothing (a production dependency declared only for development would not be caught here).
 */
function emulateRun(command: string, context: string, dir: string): void {
  for (const step of command.split('&&').map((s) => s.trim())) {
    if (/^npm ci\b/.test(step)) linkNodeModules(context, dir);
    else if (/^(?:[A-Z_]+=\S+\s+)*npx nx run-many -t build$/.test(step)) copyBuildOutput(context, dir);
    else if (/^npm prune --omit=dev$/.test(step)) continue;
    else throw new Error(`RUN step not understood by the test's Dockerfile reader: ${step}`);
  }
}

/** The build's output, taken from the context (built by the suite) for every project the stage holds. */
function copyBuildOutput(context: string, dir: string): void {
  for (const kind of ['libs', 'apps']) {
    for (const project of readdirSync(join(dir, kind))) {
      const built = join(context, kind, project, 'dist');
      if (!existsSync(built)) throw new Error(`${kind}/${project}/dist missing: run npm run build first`);
      cpSync(built, join(dir, kind, project, 'dist'), { recursive: true });
    }
  }
}

function linkNodeModules(context: string, dir: string): void {
  linkPackages(join(context, 'node_modules'), join(dir, 'node_modules'));
  for (const kind of ['libs', 'apps']) {
    for (const project of existsSync(join(dir, kind)) ? readdirSync(join(dir, kind)) : []) {
      const nested = join(context, kind, project, 'node_modules');
      if (existsSync(nested)) linkPackages(nested, join(dir, kind, project, 'node_modules'));
    }
  }
}

function linkPackages(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (entry !== '@fsl') {
      symlinkSync(join(from, entry), join(to, entry));
      continue;
    }
    mkdirSync(join(to, entry));
    for (const pkg of readdirSync(join(from, entry))) symlinkSync(readlinkSync(join(from, entry, pkg)), join(to, entry, pkg));
  }
}

/** Assemble the final stage's files under `root` from `dockerfile` (text) and the build `context`. */
export function assembleImage(dockerfile: string, context: string, root: string): ImageFiles {
  const stages = new Map<string, string>();
  const ignored = ignoredBy(context);
  let stageRoot = '';
  let workdir = '/';
  let env: Record<string, string> = {};
  let user: string | undefined;
  let count = 0;
  const host = (stage: string, path: string) => join(stage, posix.resolve(workdir, path));
  for (const { op, args } of instructions(dockerfile)) {
    switch (op) {
      case 'FROM': {
        const m = /^\S+(?:\s+AS\s+(\S+))?$/i.exec(args);
        if (!m) throw new Error(`FROM not understood: ${args}`);
        stageRoot = join(root, `stage-${count++}`);
        mkdirSync(stageRoot, { recursive: true });
        if (m[1]) stages.set(m[1], stageRoot);
        workdir = '/';
        env = {};
        user = undefined;
        break;
      }
      case 'WORKDIR':
        workdir = posix.resolve(workdir, args);
        mkdirSync(host(stageRoot, '.'), { recursive: true });
        break;
      case 'ENV': {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(args);
        if (!m) throw new Error(`ENV not understood: ${args}`);
        env[m[1]!] = m[2]!;
        break;
      }
      case 'USER':
        user = args;
        break;
      case 'COPY': {
        const parts = args.split(/\s+/);
        const from = parts[0]!.startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined;
        const dest = parts.pop()!;
        const source = from ? stages.get(from) : context;
        if (!source) throw new Error(`COPY --from an unknown stage: ${from}`);
        for (const src of parts) {
          const target = dest.endsWith('/') ? join(host(stageRoot, dest), posix.basename(src)) : host(stageRoot, dest);
          const filter = from ? undefined : (path: string) => !ignored(path);
          cpSync(join(source, src), target, { recursive: true, verbatimSymlinks: true, filter });
        }
        break;
      }
      case 'RUN':
        emulateRun(args, context, host(stageRoot, '.'));
        break;
      default:
        throw new Error(`Dockerfile instruction not understood by the test's reader: ${op}`);
    }
  }
  return { root: stageRoot, workdir: host(stageRoot, '.'), env, user };
}
