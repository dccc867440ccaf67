#!/usr/bin/env node
// CLI around the generator, for the demo and the benchmarks:
//   node dist/generate-cli.js --workers 1000 --seed 42 --format json|xml --out cos.ndjson
// [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--order invio|worker] [--unknown-codes 0.05]
// Output is written worker by worker unless --order invio (default) asks for global delivery order,
// which needs every CO in memory; use --order worker for very large runs.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { generateCoHistories, iterateCoHistories, type GenerateOptions } from './generator/generate';
import { serializeCoJson } from './json-format';
import type { Co } from './model';
import { XML_BATCH_CLOSE, XML_BATCH_OPEN, serializeCoXmlBatchItem } from './xml-write';

interface CliArgs extends GenerateOptions {
  format: 'json' | 'xml';
  out: string;
  order: 'invio' | 'worker';
}

function usage(msg: string): never {
  process.stderr.write(`${msg}\nusage: generate-cli --workers N --seed S --format json|xml --out FILE [--from D] [--until D] [--order invio|worker] [--unknown-codes SHARE]\n`);
  process.exit(2);
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const m = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) usage(`bad argument: ${argv[i]}`);
    m.set(argv[i].slice(2), argv[i + 1]);
  }
  const workers = Number(m.get('workers'));
  const seed = Number(m.get('seed'));
  const format = m.get('format') ?? 'json';
  const order = m.get('order') ?? 'invio';
  const out = m.get('out');
  if (!Number.isInteger(workers) || workers < 0) usage('--workers must be a non-negative integer');
  if (!Number.isInteger(seed)) usage('--seed must be an integer');
  if (format !== 'json' && format !== 'xml') usage('--format must be json or xml');
  if (order !== 'invio' && order !== 'worker') usage('--order must be invio or worker');
  if (!out) usage('--out is required');
  const unknownCodes = Number(m.get('unknown-codes') ?? 0);
  if (!(unknownCodes >= 0 && unknownCodes <= 1)) usage('--unknown-codes must be a share from 0 to 1');
  return { workers, seed, format, order, out, from: m.get('from'), until: m.get('until'), unknownCodes };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = createWriteStream(args.out);
  const write = async (chunk: string): Promise<void> => {
    if (!file.write(chunk)) await once(file, 'drain');
  };
  const item = (co: Co): string => (args.format === 'json' ? `${serializeCoJson(co)}\n` : serializeCoXmlBatchItem(co));
  let count = 0;
  if (args.format === 'xml') await write(XML_BATCH_OPEN);
  if (args.order === 'invio') {
    for (const co of generateCoHistories(args)) await write(item(co)), count++;
  } else {
    for (const h of iterateCoHistories(args)) for (const co of h.cos) await write(item(co)), count++;
  }
  if (args.format === 'xml') await write(XML_BATCH_CLOSE);
  file.end();
  await once(file, 'finish');
  process.stderr.write(`wrote ${count} COs for ${args.workers} workers to ${args.out}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
