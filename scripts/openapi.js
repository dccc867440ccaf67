#!/usr/bin/env node
// Generate each HTTP app's OpenAPI 3.0 document from its NestJS module (decorators are the source)
// and write it to apps/<app>/openapi.json, committed. `--check` exits 1 when a committed file is stale.
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

async function generate(app) {
  const info = APPS[app];
  const { AppModule } = require(path.join(root, 'apps', app, 'dist', 'app.module.js'));
  const { configSchema } = require(path.join(root, 'apps', app, 'dist', 'config.js'));
  const config = configSchema.parse({}); // defaults: the document does not depend on the environment
  const logger = createLogger({ service: app, level: 'silent' });
  const nest = await NestFactory.create(AppModule.register(config, logger), { preview: true, logger: false, abortOnError: false });
  const doc = buildOpenApi(nest, { ...info, version: require(path.join(root, 'package.json')).version, serverUrl: `https://127.0.0.1:${info.port}` });
  await nest.close().catch(() => undefined);
  return JSON.stringify(doc, null, 2) + '\n';
}

async function main(check) {
  const stale = [];
  for (const app of Object.keys(APPS)) {
    const file = path.join(root, 'apps', app, 'openapi.json');
    const text = await generate(app);
    if (check) {
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) stale.push(path.relative(root, file));
    } else {
      fs.writeFileSync(file, text);
      console.log(`openapi: wrote ${path.relative(root, file)}`);
    }
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
