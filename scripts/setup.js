#!/usr/bin/env node
// Idempotent: create the database if missing, run the TypeORM migrations (as the database owner, the
// URL's user), set the app roles' passwords when given, create the Kafka topics. Needs the libs built
// (npm run build). Reads the same variables as the apps, parsed by the same schema pieces.
const { z } = require('zod');
const { kafkaEnv, loggingEnv, topicEnv, loadConfigOrExit, refuseFragileTopics, requireCompleteSasl } = require('@fsl/config');
const { ensureDatabase, runMigrations, setRolePasswords, ROLE_PASSWORD_VARIABLES } = require('@fsl/db');
const { createKafkaFromConfig, ensureTopics } = require('@fsl/kafka');
const { createLogger } = require('@fsl/logging');

const schema = z
  .object({
    ...loggingEnv,
    ...kafkaEnv,
    ...topicEnv,
    LOG_LEVEL: loggingEnv.LOG_LEVEL.default('warn'),
    // The owner of the schema: migrations create tables and roles, so this is not an app role.
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/fsl'),
    ...Object.fromEntries(Object.values(ROLE_PASSWORD_VARIABLES).map((v) => [v, z.string().min(16, 'must be at least 16 characters').optional()])),
  })
  .superRefine(refuseFragileTopics)
  .superRefine(requireCompleteSasl);

async function main() {
  const config = loadConfigOrExit('setup', schema);
  const logger = createLogger({ service: 'setup', level: config.LOG_LEVEL });
  const db = new URL(config.DATABASE_URL).pathname.slice(1);
  if (await ensureDatabase(config.DATABASE_URL)) console.log(`setup: created database ${db}`);
  const applied = await runMigrations(config.DATABASE_URL);
  console.log(`setup: database ${db} migrated${applied.length ? ` (${applied.join(', ')})` : ', nothing to apply'}`);
  const withPassword = await setRolePasswords(config.DATABASE_URL, config);
  if (withPassword.length) console.log(`setup: passwords set for ${withPassword.join(', ')}`);
  if (process.argv.includes('--no-topics')) return;
  const durability = { replicationFactor: config.KAFKA_REPLICATION_FACTOR, minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS };
  const created = await ensureTopics(createKafkaFromConfig(config, 'fsl-setup', logger), config.KAFKA_TOPIC_PREFIX, durability);
  console.log(`setup: topics ready${created.length ? ` (created ${created.join(', ')})` : ''}`);
}

main().catch((err) => {
  // kafkajs gathers the broker's reasons (e.g. too few brokers for the replication factor) in `errors`.
  const reasons = (err.errors ?? []).map((e) => e.message).filter(Boolean);
  console.error(`setup failed: ${err.message}${reasons.length ? `: ${[...new Set(reasons)].join('; ')}` : ''}`);
  process.exit(1);
});
