#!/usr/bin/env node
// DEV ONLY. Calls an e-service of the local api as a PDND consumer of the dev tables would: the voucher for
// the e-service's ids, the consumer's client and a purpose of it (minted by the PDND stand-in's CLI), the
// tracking evidence when the e-service requires AUDIT_REST_02, Digest and Agid-JWT-Signature when it
// requires INTEGRITY_REST_02 (each signed with the consumer's own client key). Prints the status on stderr
// and the answer on stdout; exits 0 on a 2xx, 1 on another status, 2 on a usage error.
//
//   scripts/eservice-call.sh <kind> '<json body>' [--consumer <id>] [--purpose <purposeId>] [--path /x]
//                            [--evidence-claim k=v]...
//
// The README's "Calling an e-service" shows the same by hand. Environment: API_URL (default
// http://127.0.0.1:3000), PDND_ESERVICES_FILE and PDND_AUTHORIZATIONS_FILE (default the dev tables in
// apps/api/config), PDND_STANDIN_DIR (the stand-in's keys, default .run/pdnd-standin, as scripts/stack.sh).
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const CLI = path.join(root, 'libs', 'pdnd-standin', 'dist', 'cli.js');
const USAGE = "usage: scripts/eservice-call.sh <kind> '<json body>' [--consumer <id>] [--purpose <purposeId>] [--path /x] [--evidence-claim k=v]...";

class UsageError extends Error {}

function parseArgs(argv) {
  const [kind, body, ...rest] = argv;
  if (!kind || body === undefined) throw new UsageError(USAGE);
  const opts = { kind, body, consumer: 'demo', evidenceClaims: [] };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${USAGE}`);
    if (flag === '--consumer') opts.consumer = value;
    else if (flag === '--purpose') opts.purpose = value;
    else if (flag === '--path') opts.path = value;
    else if (flag === '--evidence-claim') opts.evidenceClaims.push(value);
    else throw new UsageError(`unknown option ${flag}\n${USAGE}`);
  }
  return opts;
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The POST path of the e-service under its basePath, from its own OpenAPI document (the read or the write it is for). */
function operationPath(eservice) {
  const file = path.join(root, 'apps', 'api', 'openapi', `${eservice.kind}.json`);
  if (!fs.existsSync(file)) return '/consultazioni';
  const doc = readJson(file);
  const found = Object.entries(doc.paths).find(([, item]) => item.post && item.post['x-pdnd-eservice'] === eservice.name);
  return found ? found[0] : '/consultazioni';
}

/** What the call needs from the two tables: the e-service, the consumer's client, organisation and purpose. */
function resolveCall(opts, env) {
  const registry = readJson(env.PDND_ESERVICES_FILE ?? path.join(root, 'apps', 'api', 'config', 'eservices.dev.json'));
  const table = readJson(env.PDND_AUTHORIZATIONS_FILE ?? path.join(root, 'apps', 'api', 'config', 'authorizations.dev.json'));
  const eservice = registry.eservices.find((e) => e.kind === opts.kind);
  if (!eservice) throw new UsageError(`no e-service ${opts.kind} in the registry; kinds: ${registry.eservices.map((e) => e.kind).join(', ')}`);
  const consumer = table.consumers.find((c) => c.id === opts.consumer);
  if (!consumer) throw new UsageError(`no consumer ${opts.consumer} in the authorisation table; consumers: ${table.consumers.map((c) => c.id).join(', ')}`);
  let purpose = opts.purpose ? consumer.purposes.find((p) => p.purposeId === opts.purpose) : consumer.purposes.find((p) => p.eservices.includes(eservice.kind));
  if (opts.purpose && !purpose) throw new UsageError(`consumer ${consumer.id} has no purpose ${opts.purpose}`);
  if (!purpose) {
    // Calling anyway shows the refusal a consumer without the e-service gets.
    purpose = consumer.purposes[0];
    process.stderr.write(`eservice-call: no purpose of ${consumer.id} grants ${eservice.kind}: expect a 403\n`);
  }
  return { eservice, consumer, clientId: consumer.clientIds[0], purposeId: purpose.purposeId };
}

function cli(args, env) {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: root, env, encoding: 'utf8' }).trim();
}

/** The `-H 'Name: value'` lines the CLI prints, as headers. */
function headersOf(printed) {
  return Object.fromEntries([...printed.matchAll(/-H '([^:']+): ([^']*)'/g)].map((m) => [m[1], m[2]]));
}

function headersFor(call, body, opts, env) {
  const { eservice, consumer, clientId, purposeId } = call;
  const headers = {};
  const claims = ['--claim', `eserviceId=${eservice.eserviceId}`, '--claim', `descriptorId=${eservice.descriptorId}`];
  if (consumer.consumerId) claims.push('--claim', `consumerId=${consumer.consumerId}`);
  const voucher = ['voucher', '--raw', '--client', clientId, '--purpose', purposeId, ...claims];
  if (eservice.patterns?.includes('AUDIT_REST_02')) {
    const evidence = cli(['tracking', '--raw', '--client', clientId, '--purpose', purposeId, ...opts.evidenceClaims.flatMap((c) => ['--claim', c])], env);
    headers['Agid-JWT-TrackingEvidence'] = evidence;
    // The voucher is bound to the evidence by its SHA-256 (the digest claim).
    voucher.push('--digest', createHash('sha256').update(evidence).digest('hex'));
  }
  headers.Authorization = `Bearer ${cli(voucher, env)}`;
  if (eservice.patterns?.includes('INTEGRITY_REST_02')) Object.assign(headers, headersOf(cli(['integrity', '--body', body, '--client', clientId], env)));
  else headers['Content-Type'] = 'application/json';
  return headers;
}

async function main(argv, env) {
  const opts = parseArgs(argv);
  try {
    JSON.parse(opts.body);
  } catch {
    throw new UsageError('the body is not JSON');
  }
  const call = resolveCall(opts, env);
  const url = `${(env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '')}${call.eservice.basePath}${opts.path ?? operationPath(call.eservice)}`;
  // The body goes out exactly as given: the Digest is computed over these bytes.
  const res = await fetch(url, { method: 'POST', headers: headersFor(call, opts.body, opts, env), body: opts.body });
  const text = await res.text();
  process.stderr.write(`HTTP ${res.status} POST ${url}\n`);
  let printed = text;
  try {
    printed = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: printed as received
  }
  process.stdout.write(`${printed}\n`);
  return res.status >= 200 && res.status < 300 ? 0 : 1;
}

module.exports = { main, parseArgs, resolveCall, operationPath };
if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`eservice-call: ${err instanceof UsageError ? err.message : err.stack || err}\n`);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
