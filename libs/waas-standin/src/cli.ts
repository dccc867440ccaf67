#!/usr/bin/env node
// Starts one municipality's WaaS e-service for the demo:
//   node libs/waas-standin/dist/cli.js --ente H501 --port 8921 --seed 42 [--count 60] [--burst 0] [--invalid P]
//     [--jwks-url URL] [--audience AUD]... [--purpose ID]... [--empty list|object|bare] [--workers N] [--beneficiari CF,CF…] [--no-voucher]
// Vouchers are checked against the PDND stand-in's keys (its `serve` prints PDND_JWKS_URL; default port 8911).
// Audiences accepted by default: this stand-in's own and the one the PDND stand-in's token endpoint puts in the
// vouchers it issues, so a consumer that gets its voucher there is served.
import { parseArgs } from 'node:util';
import { iterateCoHistories } from '@fsl/co';
import { startWaasStandin, WAAS_STANDIN_AUDIENCE, type EmptyAnswer } from './server';

const USAGE =
  'usage: waas-standin --ente BELFIORE [--port 8921] [--seed 42] [--count 60] [--burst N] [--invalid P] [--jwks-url URL] [--audience AUD]... [--purpose ID]... [--empty list|object|bare] [--workers N] [--beneficiari CF,CF…] [--no-voucher]\n';
/** libs/pdnd-standin STANDIN_API_AUDIENCE: the audience of the vouchers its token endpoint issues. */
const PDND_STANDIN_TOKEN_AUDIENCE = 'pdnd-standin.invalid/api';

export async function main(argv: string[] = process.argv.slice(2), out: (l: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<{ close(): Promise<void> } | undefined> {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      ente: { type: 'string' }, port: { type: 'string' }, seed: { type: 'string' }, count: { type: 'string' }, burst: { type: 'string' }, invalid: { type: 'string' },
      'jwks-url': { type: 'string' }, audience: { type: 'string', multiple: true }, purpose: { type: 'string', multiple: true }, empty: { type: 'string' },
      workers: { type: 'string' }, beneficiari: { type: 'string' }, 'no-voucher': { type: 'boolean' },
    },
  });
  const int = (v: string | undefined, d: number) => (v === undefined ? d : /^\d+$/.test(v) ? Number(v) : Number.NaN);
  const nums = { port: int(o.port, 8921), seed: int(o.seed, 42), count: int(o.count, 60), burst: int(o.burst, 0), workers: int(o.workers, 0) };
  const invalid = o.invalid === undefined ? undefined : Number(o.invalid);
  if (!o.ente || !/^[A-Z][0-9]{3}$/.test(o.ente) || Object.values(nums).some(Number.isNaN) || (invalid !== undefined && !(invalid >= 0 && invalid <= 1)) || (o.empty && !['list', 'object', 'bare'].includes(o.empty))) {
    process.stderr.write(USAGE);
    process.exitCode = 2;
    return undefined;
  }
  // Named people first (the demo's named workers: flow i goes to the i-th beneficiary), then the CO generator's workers.
  const named = o.beneficiari ? o.beneficiari.split(',').map((cf) => cf.trim()).filter(Boolean) : [];
  const workers = nums.workers > 0 ? [...iterateCoHistories({ workers: nums.workers, seed: nums.seed })].map((h) => h.codiceFiscale) : [];
  const beneficiari = named.length + workers.length > 0 ? [...named, ...workers] : undefined;
  const standin = await startWaasStandin({
    codiceEnte: o.ente,
    port: nums.port,
    control: true,
    emptyAnswer: (o.empty as EmptyAnswer | undefined) ?? 'list',
    generate: { seed: nums.seed, count: nums.count, burst: nums.burst, ...(invalid !== undefined ? { invalidShare: invalid } : {}), ...(beneficiari ? { beneficiari } : {}) },
    voucher: o['no-voucher']
      ? false
      : {
          jwksUrl: o['jwks-url'] ?? 'http://127.0.0.1:8911/.well-known/jwks.json',
          audience: o.audience ?? [WAAS_STANDIN_AUDIENCE, PDND_STANDIN_TOKEN_AUDIENCE],
          ...(o.purpose ? { purposeIds: o.purpose } : {}),
        },
  });
  out(`waas-standin: ${o.ente} serving ${standin.flussi().length} flows at ${standin.url} (GET /flussi, POST /esiti, GET /status; control under /__standin/)`);
  return standin;
}

if (require.main === module) void main();
