#!/usr/bin/env node
// CLI around the generator:
//   node dist/generate-cli.js --ente H501 --count 200 --seed 42 --out flussi.json [--burst 120] [--invalid 0.08]
//     [--sinba 0.1] [--cancellations 0.08] [--shared 0.15] [--millis] [--workers N --co-seed S]
// Writes the flows as GET /flussi would serve them all at once: {"elenco_flussi": [...]}, oldest first.
// `--workers N` takes the beneficiaries' codici fiscali from the CO generator's first N workers (the
// demo's people), so a municipality's benefits land in fascicoli that have the other sources too.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { iterateCoHistories } from '@fsl/co';
import { generateFlussi } from './generator';

const USAGE =
  'usage: generate-cli --ente BELFIORE --count N --seed S --out FILE [--burst N] [--invalid P] [--sinba P] [--cancellations P] [--shared P] [--millis] [--workers N [--co-seed S]]\n';

const integer = (v: string | undefined, fallback?: number): number => (v === undefined ? (fallback ?? Number.NaN) : /^\d+$/.test(v) ? Number(v) : Number.NaN);
const share = (v: string | undefined): number | undefined => (v === undefined ? undefined : /^(0(\.\d+)?|1(\.0+)?)$/.test(v) ? Number(v) : Number.NaN);

function main(): void {
  const { values: o } = parseArgs({
    options: {
      ente: { type: 'string' }, count: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, burst: { type: 'string' },
      invalid: { type: 'string' }, sinba: { type: 'string' }, cancellations: { type: 'string' }, shared: { type: 'string' },
      millis: { type: 'boolean' }, workers: { type: 'string' }, 'co-seed': { type: 'string' },
    },
  });
  const seed = integer(o.seed);
  const nums = { count: integer(o.count), seed, burst: integer(o.burst, 0), invalidShare: share(o.invalid), sinbaShare: share(o.sinba), cancellationShare: share(o.cancellations), sharedTimestampShare: share(o.shared) };
  if (Object.values(nums).some((v) => Number.isNaN(v)) || o.out === undefined || o.ente === undefined || !/^[A-Z][0-9]{3}$/.test(o.ente)) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const workers = o.workers === undefined ? undefined : integer(o.workers);
  const beneficiari = workers === undefined ? undefined : [...iterateCoHistories({ workers, seed: integer(o['co-seed'], seed) })].map((h) => h.codiceFiscale);
  const defined = Object.fromEntries(Object.entries(nums).filter(([, v]) => v !== undefined)) as { count: number; seed: number };
  const flows = generateFlussi({ ...defined, codiceEnte: o.ente, beneficiari, tsFormat: o.millis ? 'millis' : 'date-time' });
  writeFileSync(o.out, `${JSON.stringify({ elenco_flussi: flows.map((f) => f.entry) }, null, 1)}\n`);
  const invalid = flows.filter((f) => f.difetto).length;
  process.stderr.write(`wrote ${flows.length} flows of ${o.ente} (${invalid} invalid on purpose, ${flows.filter((f) => f.cancella).length} cancellations) to ${o.out}\n`);
}

if (require.main === module) main();
