#!/usr/bin/env node
// Generate each HTTP app's OpenAPI 3.0 document from its NestJS module (decorators are the source)
// and write it to apps/<app>/openapi.json, committed; for the api also one document per e-service of its
// registry, apps/api/openapi/<kind>.json (PDND publishes each e-service with its own interface), cut from
// the api's document. `--check` exits 1 when a committed file is stale, missing, or left over (a
// per-e-service document for a kind no longer in the registry).
require('reflect-metadata');
const fs = require('node:fs');
const path = require('node:path');
const { NestFactory } = require('@nestjs/core');
const { buildOpenApi } = require('@fsl/http');
const { createLogger } = require('@fsl/logging');

const root = path.resolve(__dirname, '..');
const APPS = {
  api: { id: 'fsl-api', title: 'FSL — Fascicolo Sociale e Lavorativo del Cittadino', summary: 'Fascicolo consolidato e e-service PDND', description: 'Serves the consolidated dossier of a citizen and the PDND e-services of the FSL.', port: 3000 },
  'ingest-co': { id: 'fsl-ingest-co', title: 'FSL ingest — Comunicazioni Obbligatorie', summary: 'Ricezione delle comunicazioni obbligatorie', description: 'Receives Comunicazioni Obbligatorie, validates them and publishes change events.', port: 3001 },
  'ingest-siisl': { id: 'fsl-ingest-siisl', title: 'FSL ingest — SIISL', summary: 'Ricezione dei dati SIISL', description: 'Receives SIISL change feeds and publishes change events.', port: 3002 },
  'ingest-gepi': { id: 'fsl-ingest-gepi', title: 'FSL ingest — GePI', summary: 'Ricezione dei dati GePI', description: 'Receives GePI change feeds and publishes change events.', port: 3003 },
  'ingest-enti-locali': { id: 'fsl-ingest-enti-locali', title: 'FSL — gateway degli enti locali (SIUSS WaaS)', summary: 'Stato dell\'acquisizione dai comuni', description: 'Pulls the municipalities\' SIUSS WaaS e-services into the event log; HTTP for the operator view, status and metrics.', port: 3005 },
  'dossier-builder': { id: 'fsl-dossier-builder', title: 'FSL dossier builder', summary: 'Stato e metriche del costruttore del fascicolo', description: 'Consumes the change events and builds the dossier projections; HTTP only for status and metrics.', port: 3004 },
};

/** Where each app's per-e-service documents go (only the api has e-services). */
const ESERVICE_DOCS = { api: path.join('apps', 'api', 'openapi') };
const text = (doc) => JSON.stringify(doc, null, 2) + '\n';

/** The app's documents, by path relative to the repository. */
async function generate(app) {
  const info = APPS[app];
  const { AppModule } = require(path.join(root, 'apps', app, 'dist', 'app.module.js'));
  const { configSchema } = require(path.join(root, 'apps', app, 'dist', 'config.js'));
  const config = configSchema.parse({}); // defaults: the document does not depend on the environment
  const logger = createLogger({ service: app, level: 'silent' });
  const nest = await NestFactory.create(AppModule.register(config, logger), { preview: true, logger: false, abortOnError: false });
  const origin = `https://127.0.0.1:${info.port}`;
  const doc = buildOpenApi(nest, { ...info, version: require(path.join(root, 'package.json')).version, serverUrl: origin });
  await nest.close().catch(() => undefined);
  const files = { [path.join('apps', app, 'openapi.json')]: text(doc) };
  if (ESERVICE_DOCS[app]) {
    const { eserviceDocument } = require(path.join(root, 'apps', app, 'dist', 'eservices', 'openapi-split.js'));
    const all = config.eservices.all();
    for (const eservice of all) {
      files[path.join(ESERVICE_DOCS[app], `${eservice.kind}.json`)] = text(eserviceDocument(doc, eservice, all, { origin, serverDescription: 'Local development server' }));
    }
  }
  return files;
}

/** Per-e-service documents on disk that the generation no longer writes. */
function leftOver(app, files, outDir) {
  const dir = ESERVICE_DOCS[app];
  if (!dir || !fs.existsSync(path.join(outDir, dir))) return [];
  return fs
    .readdirSync(path.join(outDir, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, f))
    .filter((f) => !(f in files));
}

/** Writes the documents under `outDir` (the repository), or with `check` lists those that differ from what it would write. */
async function main(check, outDir = root) {
  const stale = [];
  for (const app of Object.keys(APPS)) {
    const files = await generate(app);
    for (const [rel, content] of Object.entries(files)) {
      const file = path.join(outDir, rel);
      if (check) {
        if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) stale.push(rel);
      } else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
      }
    }
    for (const rel of leftOver(app, files, outDir)) {
      if (check) stale.push(rel);
      else fs.rmSync(path.join(outDir, rel));
    }
    if (!check) console.log(`openapi: wrote ${Object.keys(files).length} document(s) of ${app}`);
  }
  return stale;
}

module.exports = { generate, main, APPS };
if (require.main === module) {
  const check = process.argv.includes('--check');
  main(check).then(
    (stale) => {
      if (stale.length) {
        console.error(`openapi: stale (run npm run openapi): ${stale.join(', ')}`);
        process.exit(1);
      }
      process.exit(0);
    },
    (err) => {
      console.error(`openapi failed: ${err.stack || err}`);
      process.exit(1);
    },
  );
}
