#!/usr/bin/env node
// CLI around the feed generator, for the demo and for trying the ingest by hand:
//   node dist/generate-cli.js --workers 200 --seed 42 --out siisl.ndjson [--co-seed 42] [--co-out cos.ndjson]
//     [--from D] [--until D] [--co-from D] [--unknown-codes 0.02] [--stale 0.1] [--duplicates 0.01]
// The people are the CO generator's first --workers workers of --co-seed. The SIISL file is what
// ingest-siisl's POST /v1/lotti takes: one record per line, the envelope plus a top-level "entita", in an
// order a real feed might send (by update time with delays, catalogue and citizens interleaved, some older
// versions after newer ones, a few repeats). --co-out writes the same people's COs (NDJSON for ingest-co's
// /v1/comunicazioni/lotti), including the hirings the SIISL story implies; libs/co's own CLI with the same
// workers and seed gives the same COs without them.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serializeCoNdjson } from '@fsl/co';
import { generateSiislFeed, ndjsonLine, type SiislFeedOptions } from './generator/feed';

const USAGE = 'usage: generate-cli --workers N --seed S --out FILE [--co-seed S] [--co-out FILE] [--from D] [--until D] [--co-from D] [--unknown-codes SHARE] [--stale SHARE] [--duplicates SHARE]';

export interface CliArgs extends SiislFeedOptions {
  out: string;
  coOut?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The arguments, or the first thing wrong with them. */
export function parseCliArgs(argv: readonly string[]): CliArgs | { error: string } {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: Object.fromEntries(['workers', 'seed', 'co-seed', 'out', 'co-out', 'from', 'until', 'co-from', 'unknown-codes', 'stale', 'duplicates'].map((k) => [k, { type: 'string' as const }])),
    }).values as Record<string, string | undefined>;
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  const int = (k: string) => (values[k] === undefined ? undefined : Number(values[k]));
  const share = (k: string) => (values[k] === undefined ? undefined : Number(values[k]));
  const workers = int('workers');
  const seed = int('seed');
  const coSeed = int('co-seed');
  if (workers === undefined || !Number.isInteger(workers) || workers < 0) return { error: '--workers must be a non-negative integer' };
  if (seed === undefined || !Number.isInteger(seed)) return { error: '--seed must be an integer' };
  if (coSeed !== undefined && !Number.isInteger(coSeed)) return { error: '--co-seed must be an integer' };
  if (!values.out) return { error: '--out is required' };
  for (const k of ['from', 'until', 'co-from']) if (values[k] !== undefined && !DATE.test(values[k]!)) return { error: `--${k} must be a date YYYY-MM-DD` };
  for (const k of ['unknown-codes', 'stale', 'duplicates']) {
    const v = share(k);
    if (v !== undefined && !(v >= 0 && v <= 1)) return { error: `--${k} must be a share from 0 to 1` };
  }
  return {
    workers,
    seed,
    ...(coSeed === undefined ? {} : { coSeed }),
    out: values.out,
    ...(values['co-out'] ? { coOut: values['co-out'] } : {}),
    ...(values.from ? { from: values.from } : {}),
    ...(values.until ? { until: values.until } : {}),
    ...(values['co-from'] ? { coFrom: values['co-from'] } : {}),
    ...(share('unknown-codes') === undefined ? {} : { codiciSconosciuti: share('unknown-codes') }),
    ...(share('stale') === undefined ? {} : { obsolete: share('stale') }),
    ...(share('duplicates') === undefined ? {} : { duplicati: share('duplicates') }),
  };
}

function main(): void {
  const args = parseCliArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`${args.error}\n${USAGE}\n`);
    process.exit(2);
  }
  const feed = generateSiislFeed(args);
  const lines = feed.consegne.map(ndjsonLine);
  writeFileSync(args.out, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  const stale = feed.consegne.filter((c) => c.nota === 'OBSOLETA').length;
  const dup = feed.consegne.filter((c) => c.nota === 'DUPLICATA').length;
  process.stderr.write(`wrote ${lines.length} SIISL lines (${stale} delivered after a newer version, ${dup} repeated) for ${args.workers} people to ${args.out}\n`);
  if (args.coOut) {
    writeFileSync(args.coOut, serializeCoNdjson(feed.cos));
    process.stderr.write(`wrote ${feed.cos.length} COs (${feed.siisl.assunzioniAttese.length} hirings the SIISL story implies among them) to ${args.coOut}\n`);
  }
}

if (require.main === module) main();
