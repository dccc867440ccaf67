#!/usr/bin/env node
// CLI around the generator, for the demo:
//   node dist/generate-cli.js --workers 200 --seed 42 --out gepi.ndjson [--siisl-seed 42] [--co-seed 42]
// The households are the ADI households libs/siisl's generator makes for the CO generator's first
// `--workers` workers (same numbers as those CLIs, so the three files describe the same people). One line
// per record, ordered by update time: the envelope plus a top-level "entita", what ingest-gepi's file job
// (POST /v1/lotti) takes.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { iterateCoHistories } from '@fsl/co';
import { generateSiisl } from '@fsl/siisl';
import { generateGepi, gepiNdjsonLine, nucleiAdiDaSiisl } from './generator/generate';

const USAGE = 'usage: generate-cli --workers N --seed S --out FILE [--siisl-seed S] [--co-seed S] [--until YYYY-MM-DD]\n';

/** A non-negative integer option, the fallback when absent; NaN (refused below) when not a number. */
const integer = (v: string | undefined, fallback?: number): number => (v === undefined ? (fallback ?? Number.NaN) : /^\d+$/.test(v) ? Number(v) : Number.NaN);

function main(): void {
  const { values: o } = parseArgs({ options: { workers: { type: 'string' }, seed: { type: 'string' }, 'siisl-seed': { type: 'string' }, 'co-seed': { type: 'string' }, out: { type: 'string' }, until: { type: 'string' } } });
  const seed = integer(o.seed);
  const args = { workers: integer(o.workers), seed, siislSeed: integer(o['siisl-seed'], seed), coSeed: integer(o['co-seed'], seed) };
  if (Object.values(args).some(Number.isNaN) || o.out === undefined) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const persone = [...iterateCoHistories({ workers: args.workers, seed: args.coSeed })].map((h) => ({ codiceFiscale: h.codiceFiscale, cos: h.cos }));
  const nuclei = nucleiAdiDaSiisl(generateSiisl({ persone, seed: args.siislSeed, until: o.until }).records);
  const data = generateGepi({ nuclei, seed: args.seed, until: o.until });
  const byTime = [...data.records].sort((a, b) => Date.parse(a.record.aggiornatoIl) - Date.parse(b.record.aggiornatoIl));
  writeFileSync(o.out, byTime.map((g) => `${gepiNdjsonLine(g)}\n`).join(''));
  process.stderr.write(`wrote ${byTime.length} GePI records (${data.casi.length} cases) to ${o.out}\n`);
}

if (require.main === module) main();
