#!/usr/bin/env node
// CLI around the generator, for the demo:
//   node dist/generate-cli.js --workers 200 --seed 42 --out siisl.ndjson [--co-seed 42] [--from D] [--until D]
// The people are the CO generator's workers for (--workers, --co-seed), with their COs, so running
// libs/co's generate-cli with the same workers and seed gives the CO side of the same people. One line per
// record, `{"entita": …, "record": …}`, in the order of their update times (the folds do not need it; the
// answers read more naturally without stale versions).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { iterateCoHistories } from '@fsl/co';
import { generateSiisl } from './generator/generate';

function main(): void {
  const { values } = parseArgs({
    options: { workers: { type: 'string' }, seed: { type: 'string' }, 'co-seed': { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, until: { type: 'string' } },
  });
  const workers = Number(values.workers);
  const seed = Number(values.seed);
  const coSeed = values['co-seed'] === undefined ? seed : Number(values['co-seed']);
  if (!Number.isInteger(workers) || workers < 0 || !Number.isInteger(seed) || !Number.isInteger(coSeed) || !values.out) {
    process.stderr.write('usage: generate-cli --workers N --seed S --out FILE [--co-seed S] [--from YYYY-MM-DD] [--until YYYY-MM-DD]\n');
    process.exit(2);
  }
  const persone = [...iterateCoHistories({ workers, seed: coSeed })].map((h) => ({ codiceFiscale: h.codiceFiscale, cos: h.cos }));
  const data = generateSiisl({ persone, seed, from: values.from, until: values.until });
  const lines = [...data.records].sort((a, b) => Date.parse(a.record.aggiornatoIl) - Date.parse(b.record.aggiornatoIl)).map((g) => JSON.stringify(g));
  writeFileSync(values.out, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  process.stderr.write(`wrote ${lines.length} SIISL records for ${workers} people to ${values.out}\n`);
}

if (require.main === module) main();
