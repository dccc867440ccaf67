#!/usr/bin/env node
// Idempotent: create the database if missing, run the TypeORM migrations, create the Kafka topics.
// Needs the libs built (npm run build). Reads the same variables as the apps.
const { ensureDatabase, runMigrations } = require('@fsl/db');
const { createKafka, ensureTopics } = require('@fsl/kafka');
const { createLogger } = require('@fsl/logging');

async function main() {
  const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/fsl';
  const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
  const prefix = process.env.KAFKA_TOPIC_PREFIX || '';
  const logger = createLogger({ service: 'setup', level: process.env.LOG_LEVEL || 'warn' });
  const db = new URL(databaseUrl).pathname.slice(1);
  if (await ensureDatabase(databaseUrl)) console.log(`setup: created database ${db}`);
  const applied = await runMigrations(databaseUrl);
  console.log(`setup: database ${db} migrated${applied.length ? ` (${applied.join(', ')})` : ', nothing to apply'}`);
  if (process.argv.includes('--no-topics')) return;
  const created = await ensureTopics(createKafka({ brokers, clientId: 'fsl-setup', logger }), prefix);
  console.log(`setup: topics ready${created.length ? ` (created ${created.join(', ')})` : ''}`);
}

main().catch((err) => {
  console.error(`setup failed: ${err.message}`);
  process.exit(1);
});
