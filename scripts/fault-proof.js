#!/usr/bin/env node
// Proof under faults (README, "Reliability"; issue 14). NOT run by CI: it takes from minutes (small scale) to
// about an hour (the default 1M events) and stops and starts a broker.
//
//   npm run build
//   nice -n 10 node scripts/fault-proof.js                       # >= 1M events, 20 kills, 3 broker restarts, 3 Postgres outages
//   node scripts/fault-proof.js --events 20000 --kills 6 --broker-restarts 1 --pg-outages 2   # small scale
//
// Everything runs on 127.0.0.1 and is its own: a Kafka broker on FAULT_PROOF_KAFKA_PORT (19292; controller
// +1, data in .run/fault-proof/kafka — the shared broker on 9092 is never touched), the database fsl_fault_proof
// (dropped and created again), Redis db FAULT_PROOF_REDIS_DB (10). It starts ingest-co and the dossier-builder
// (the builder's and fsl-ops' Postgres connections go through a TCP proxy the script can cut), then:
//   A. live ingestion: generated CO, SIISL and GePI events (libs' seeded generators, encoded as the ingests
//      encode them) published straight to the topics, plus COs through ingest-co's HTTP API all along;
//   B. a rebuild (fsl-ops rebuild, then switch) while the ingestion and the builder go on;
// injecting, in both phases at random points: kill -9 of the builder (a supervisor restarts it), broker
// restarts, Postgres outages (the builder's backends terminated, or its port cut at the proxy), and in B
// kill -9 of fsl-ops itself (run again, it resumes). Then, with the faults over and the builder caught up:
// fsl-ops check (a clean rebuild compared per key with the live set: 0 differences expected, equal digests),
// and ingest durability: every CO ingest-co answered 2xx is in the CO topic; while the broker was down it
// answered 503 with Retry-After. The report goes to stdout and .run/fault-proof/report.json.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { createServer, connect } = require('node:net');
const { mkdirSync, writeFileSync, createWriteStream } = require('node:fs');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');

const ROOT = join(__dirname, '..');
const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    kills: { type: 'string', default: '20' },
    'broker-restarts': { type: 'string', default: '3' },
    'pg-outages': { type: 'string', default: '3' },
    'ops-kills': { type: 'string', default: '2' },
    'workers-per-cohort': { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
  },
});
const TARGET_EVENTS = Number(args.events);
const QUOTA = { kill: Number(args.kills), broker: Number(args['broker-restarts']), pg: Number(args['pg-outages']), ops: Number(args['ops-kills']) };
const KAFKA_PORT = Number(process.env.FAULT_PROOF_KAFKA_PORT ?? 19292);
if (KAFKA_PORT === 9092) throw new Error('the shared broker (9092) is never the fault proof broker');
const BROKERS = `127.0.0.1:${KAFKA_PORT}`;
const DB = process.env.FAULT_PROOF_DATABASE ?? 'fsl_fault_proof';
const PG = { host: '127.0.0.1', port: 5432 };
const OWNER_URL = `postgres://postgres@${PG.host}:${PG.port}/${DB}`;
const REDIS_URL = `redis://127.0.0.1:6379/${process.env.FAULT_PROOF_REDIS_DB ?? '10'}`;
const RUN = join(ROOT, '.run', 'fault-proof');
const GROUP = 'dossier-builder';
mkdirSync(RUN, { recursive: true });

const t0 = Date.now();
const log = (msg) => process.stderr.write(`[fault-proof ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)}s] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rand = (a, b) => a + Math.random() * (b - a);

// ---------------------------------------------------------------- the broker of this run
const brokerEnv = { ...process.env, KAFKA_PORT: String(KAFKA_PORT), KAFKA_CONTROLLER_PORT: String(KAFKA_PORT + 1), KAFKA_HOME_DIR: join(RUN, 'kafka') };
const kafkaSh = (cmd) => execFileSync('bash', [join(ROOT, 'infra', 'kafka', 'kafka.sh'), cmd], { env: brokerEnv, stdio: ['ignore', 'ignore', 'pipe'] });
/** The same without blocking the event loop: the ingest clients must go on asking while the broker stops and starts. */
const kafkaShAsync = (cmd) =>
  new Promise((resolve, reject) => {
    const p = spawn('bash', [join(ROOT, 'infra', 'kafka', 'kafka.sh'), cmd], { env: brokerEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (c) => (err += c.toString()));
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kafka.sh ${cmd} exited ${code}: ${err.slice(-500)}`))));
  });

// ---------------------------------------------------------------- a TCP proxy in front of Postgres
function pgProxy() {
  const sockets = new Set();
  let blockedUntil = 0;
  const server = createServer((client) => {
    if (Date.now() < blockedUntil) return client.destroy();
    const upstream = connect(PG.port, PG.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: server.address().port,
        /** Every connection through the proxy cut, new ones refused, for `ms`. */
        block(ms) {
          blockedUntil = Date.now() + ms;
          for (const s of sockets) s.destroy();
        },
        close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
      }),
    ),
  );
}

// ---------------------------------------------------------------- processes
function startNodeApp(name, script, env, logFile) {
  const out = createWriteStream(join(RUN, logFile), { flags: 'a' });
  const proc = spawn(process.execPath, [script], { env: { PATH: process.env.PATH, HTTP_PORT: '0', MANAGEMENT_PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const url = new Promise((resolve, reject) => {
    const onData = (c) => {
      out.write(c);
      if (text.length < 100_000) text += c.toString();
      const m = /"url":"http:\/\/[\d.]+:(\d+)","metricsUrl":"http:\/\/[\d.]+:(\d+)\/metrics"/.exec(text);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, metricsUrl: `http://127.0.0.1:${m[2]}/metrics` });
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (c) => out.write(c));
    proc.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening (see ${join(RUN, logFile)})`)));
  });
  url.catch(() => undefined);
  return { proc, url, exited: new Promise((r) => proc.once('exit', (code, signal) => r({ code, signal }))) };
}

/** The builder under a supervisor: restarted whenever it exits (killed, or given up on its own). */
function supervisedBuilder(env) {
  const s = { current: undefined, restarts: 0, exitsOnItsOwn: 0, stopping: false, killed: 0 };
  const launch = () => {
    const app = startNodeApp('dossier-builder', join(ROOT, 'apps', 'dossier-builder', 'dist', 'main.js'), env, 'builder.log');
    s.current = app;
    app.exited.then(({ signal }) => {
      if (s.stopping) return;
      if (signal !== 'SIGKILL') s.exitsOnItsOwn += 1;
      s.restarts += 1;
      setTimeout(launch, 500 + Math.random() * 1500);
    });
  };
  launch();
  return Object.assign(s, {
    kill9() {
      if (s.current?.proc.exitCode === null) {
        s.current.proc.kill('SIGKILL');
        s.killed += 1;
        return true;
      }
      return false;
    },
    async stop() {
      s.stopping = true;
      if (s.current?.proc.exitCode === null) {
        s.current.proc.kill('SIGTERM');
        await s.current.exited;
      }
    },
  });
}

/** fsl-ops as the operator runs it; resolves with its exit code (null when killed) and the result line. */
function runOps(argv, env) {
  const out = createWriteStream(join(RUN, 'ops.log'), { flags: 'a' });
  out.write(`\n$ fsl-ops ${argv.join(' ')}\n`);
  const proc = spawn(process.execPath, [join(ROOT, 'apps', 'dossier-builder', 'dist', 'ops', 'cli.js'), ...argv, '--json'], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let last = '';
  let lastProgress;
  proc.stdout.on('data', (c) => {
    out.write(c);
    for (const line of c.toString().split('\n').filter((l) => l.trim())) {
      last = line;
      try {
        const j = JSON.parse(line);
        if (j.progress) lastProgress = j;
      } catch {
        // a line cut in two by the pipe: the next chunk has the rest
      }
    }
  });
  proc.stderr.on('data', (c) => out.write(c));
  const done = new Promise((resolve) =>
    proc.once('exit', (code) => {
      let result;
      try {
        result = JSON.parse(last);
      } catch {
        result = undefined;
      }
      resolve({ code, result });
    }),
  );
  return { proc, done, progress: () => lastProgress };
}

// ---------------------------------------------------------------- the generated load, encoded as the ingests encode it
function loadEncoders() {
  const { coToAvro } = require('@fsl/co');
  const { cfPseudonym } = require('@fsl/pseudonym');
  const { encode, eventId, getDefaultCodec } = require('@fsl/schemas');
  const { siislHeaderFields, siislToAvro, SUBJECTS: SIISL_SUBJECTS } = require('@fsl/siisl');
  const { casoOf, gepiHeaderFields, gepiToAvro, SUBJECTS: GEPI_SUBJECTS } = require('@fsl/gepi');
  const { coEventIds, sourceRecordId } = require(join(ROOT, 'apps', 'ingest-co', 'dist', 'co-event.mapping.js'));
  const { DEV_PSEUDONYM_KEY } = require('@fsl/config');
  const key = DEV_PSEUDONYM_KEY;
  return {
    co(co) {
      const ids = coEventIds(co);
      return coToAvro(co).map((payload, i) => ({
        key: cfPseudonym(payload.lavoratoreCf, key),
        value: encode('co.comunicazione-obbligatoria', {
          header: { eventId: ids[i], sourceSystem: 'CO', entityType: 'COMUNICAZIONE_OBBLIGATORIA', operation: 'UPSERT', sourceRecordId: sourceRecordId(co.datiInvio.codiceComunicazione, i), sourceVersion: 1, occurredAt: Date.parse(co.datiInvio.dataInvio), ingestedAt: 0, correlationId: null },
          payload,
        }),
      }));
    },
    siisl({ entita, record }) {
      const k = 'codiceFiscale' in record ? cfPseudonym(record.codiceFiscale, key) : `${entita}/${record.id}`;
      return siislToAvro(entita, record).map((payload, i) => {
        const fields = siislHeaderFields(entita, record, i);
        return { key: k, value: getDefaultCodec().encode(SIISL_SUBJECTS[entita], { header: { ...fields, eventId: eventId('SIISL', fields.sourceRecordId, record.versione), ingestedAt: 0, correlationId: null }, payload }) };
      });
    },
    gepi({ entita, record }) {
      const fields = gepiHeaderFields(entita, record);
      return [{ key: casoOf(record), value: getDefaultCodec().encode(GEPI_SUBJECTS[entita], { header: { ...fields, eventId: eventId('GEPI', fields.sourceRecordId, record.versione), ingestedAt: 0, correlationId: null }, payload: gepiToAvro(entita, record) }) }];
    },
  };
}

/** Cohort `k` of the load: `workers` people of seed 7000 + k in the three sources, as Kafka messages per topic. */
function cohort(k, workers, enc) {
  const { generateSiislFeed } = require('@fsl/siisl');
  const { generateGepi, nucleiAdiDaSiisl } = require('@fsl/gepi');
  const seed = 7000 + k; // the CO codici carry the seed modulo 1000: distinct cohorts, distinct codici
  const feed = generateSiislFeed({ workers, seed });
  const gepi = generateGepi({ nuclei: nucleiAdiDaSiisl(feed.siisl.records), seed });
  return {
    co: feed.cos.flatMap((c) => enc.co(c)),
    siisl: feed.consegne.flatMap((c) => enc.siisl(c)),
    gepi: gepi.records.flatMap((g) => enc.gepi(g)),
  };
}

// ---------------------------------------------------------------- main
async function main() {
  const { createKafka, topicName } = require('@fsl/kafka');
  const { createLogger } = require('@fsl/logging');
  const { encodePersonalCf } = require('@fsl/codice-fiscale');
  const report = {
    startedAt: new Date().toISOString(),
    settings: { targetEvents: TARGET_EVENTS, quotas: QUOTA, brokers: BROKERS, database: DB },
    faults: { builderKills: 0, opsKills: 0, brokerRestarts: 0, postgresOutages: { terminated: 0, portBlocked: 0 }, byPhase: { live: [], rebuild: [] } },
  };

  log(`own broker on ${BROKERS} (the shared one on 9092 is not touched)`);
  try { kafkaSh('clean'); } catch { /* nothing to clean */ }
  kafkaSh('start');
  const proxy = await pgProxy();
  const viaProxy = (role) => `postgres://${role}@127.0.0.1:${proxy.port}/${DB}`;
  {
    const admin = new Client({ connectionString: `postgres://postgres@${PG.host}:${PG.port}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.end();
  }
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'setup.js')], { env: { ...process.env, DATABASE_URL: OWNER_URL, KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: '' }, stdio: ['ignore', 'ignore', 'inherit'] });
  log(`database ${DB} migrated, topics created`);

  const kafka = createKafka({ brokers: [BROKERS], clientId: 'fault-proof', logger: createLogger({ service: 'fault-proof', level: 'silent' }) });
  const topics = { co: topicName('coComunicazioni'), siisl: topicName('siislEvents'), gepi: topicName('gepiEvents') };
  const builder = supervisedBuilder({
    KAFKA_BROKERS: BROKERS,
    DATABASE_URL: viaProxy('fsl_builder'),
    CONSUMER_GROUP: GROUP,
    DATABASE_CONNECT_TIMEOUT_MS: '3000',
    DATABASE_STATEMENT_TIMEOUT_MS: '20000',
  });
  const ingest = startNodeApp('ingest-co', join(ROOT, 'apps', 'ingest-co', 'dist', 'main.js'), {
    KAFKA_BROKERS: BROKERS,
    DATABASE_URL: `postgres://fsl_ingest@${PG.host}:${PG.port}/${DB}`,
    REDIS_URL,
    LOTTI_QUEUE: `fault-proof-${Date.now()}`,
    SPOOL_DIR: join(RUN, 'spool'),
    KAFKA_PRODUCE_TIMEOUT_MS: '3000',
  }, 'ingest-co.log');
  const ingestUrl = (await ingest.url).url;
  const opsEnv = { KAFKA_BROKERS: BROKERS, DATABASE_URL: viaProxy('postgres'), CONSUMER_GROUP: GROUP, LOG_LEVEL: 'error', OPS_FREEZE_TIMEOUT_MS: '15000' };

  // ---- ingest durability: COs through ingest-co all along, every answer counted
  const durability = { acknowledged: new Map(), answered503: 0, answered503WithRetryAfter: 0, otherErrors: 0, refusedOther: 0 };
  const runId = randomBytes(2).toString('hex').toUpperCase();
  let seq = 0;
  let ingesting = true;
  const ingestClient = async () => {
    while (ingesting) {
      seq += 1;
      const n = seq;
      const cf = encodePersonalCf({ surname: `FAULT${String.fromCharCode(65 + (n % 26))}`, name: `PROOF${String.fromCharCode(65 + ((n / 26) % 26 | 0))}`, sex: n % 2 ? 'M' : 'F', birthDate: `19${50 + (n % 50)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`, placeCode: ['H501', 'F205', 'L219', 'F839'][n % 4] });
      const codice = `FP${runId}${String(n).padStart(10, '0')}`;
      const co = {
        modello: 'UNILAV', tipoEvento: 'ASS',
        datiInvio: { codiceComunicazione: codice, tipoComunicazione: '01', dataInvio: '2025-03-01T08:00:00Z' },
        datore: { codiceFiscale: '02877740213', denominazione: 'Alpi Costruzioni srl', settore: '41.20.00', sedeLavoro: { comune: 'F205' } },
        lavoratore: { codiceFiscale: cf, cognome: 'ROSSI', nome: 'GIULIA' },
        inizio: { dataInizio: '2025-03-03', tipologiaContrattuale: 'A.01.00', tipoOrario: 'F', qualificaProfessionale: '5.2.2.3.1.0' },
      };
      try {
        const res = await fetch(`${ingestUrl}/v1/comunicazioni`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(co), signal: AbortSignal.timeout(15_000) });
        await res.text();
        if (res.status >= 200 && res.status < 300) {
          durability.acknowledged.set(codice, cf);
          // A steady trickle (about 20 COs/s from the two clients), not a flood: the bulk load is the generator's.
          await sleep(100);
        } else if (res.status === 503) {
          durability.answered503 += 1;
          if (res.headers.get('retry-after')) durability.answered503WithRetryAfter += 1;
          await sleep(200);
        } else durability.refusedOther += 1;
      } catch {
        durability.otherErrors += 1;
        await sleep(200);
      }
    }
  };
  const clients = Array.from({ length: Number(process.env.FAULT_PROOF_INGEST_CLIENTS ?? 2) }, ingestClient);

  // ---- faults
  let phase = 'live';
  const faultLog = (what) => {
    report.faults.byPhase[phase].push({ at: Math.round((Date.now() - t0) / 1000), what });
    log(`fault (${phase}): ${what}`);
  };
  let ops; // the fsl-ops process of phase B, when one runs
  const inject = {
    async kill() {
      if (!builder.kill9()) return false; // between two lives: the next turn kills it
      report.faults.builderKills += 1;
      faultLog('kill -9 dossier-builder');
      return true;
    },
    async broker() {
      faultLog('broker stopping');
      await kafkaShAsync('stop');
      faultLog('broker stopped');
      await sleep(rand(4000, 9000));
      await kafkaShAsync('start');
      report.faults.brokerRestarts += 1;
      faultLog('broker started again');
      return true;
    },
    async pg() {
      let terminated = 0;
      if ((report.faults.postgresOutages.terminated + report.faults.postgresOutages.portBlocked) % 2 === 0) {
        const c = new Client({ connectionString: `postgres://postgres@${PG.host}:${PG.port}/${DB}` });
        await c.connect();
        // The builder's backends, and during a rebuild the operator's (through the proxy too, as postgres).
        const { rowCount } = await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename IN ('fsl_builder', 'postgres') AND pid <> pg_backend_pid() AND client_port IS NOT NULL AND backend_type = 'client backend'`, [DB]);
        await c.end();
        terminated = rowCount ?? 0;
      }
      if (terminated > 0) {
        report.faults.postgresOutages.terminated += 1;
        faultLog(`postgres: ${terminated} backends of the builder and the operator terminated`);
      } else {
        // Nothing connected to terminate right now (or its turn): the port, which always bites.
        proxy.block(6000);
        report.faults.postgresOutages.portBlocked += 1;
        faultLog("postgres: the builder's port cut for 6 s");
        await sleep(6000);
      }
      return true;
    },
    async ops() {
      if (ops && ops.proc.exitCode === null && ops.proc.signalCode === null) {
        ops.proc.kill('SIGKILL');
        report.faults.opsKills += 1;
        faultLog(`kill -9 fsl-ops (${JSON.stringify(ops.progress() ?? {})})`);
        return true;
      }
      return false;
    },
  };
  /** Faults at random points while `busy()`, each kind up to its share of the quota for this phase. */
  const faultLoop = async (share, busy, intervalMs) => {
    const due = { kill: Math.ceil(QUOTA.kill * share), broker: Math.ceil(QUOTA.broker * share), pg: Math.ceil(QUOTA.pg * share), ops: phase === 'rebuild' ? QUOTA.ops : 0 };
    const done = { kill: 0, broker: 0, pg: 0, ops: 0 };
    // fsl-ops can only be killed while it runs: once the phase's work is over, its share is no longer due.
    const opsRunning = () => ops !== undefined && ops.proc.exitCode === null && ops.proc.signalCode === null;
    const open = () => Object.keys(due).filter((k) => done[k] < due[k] && (k !== 'ops' || busy()));
    while (busy() || open().length > 0) {
      await sleep(rand(intervalMs * 0.5, intervalMs * 1.5));
      const kinds = open();
      if (kinds.length === 0) continue;
      const kind = kinds[Math.floor(Math.random() * kinds.length)];
      if (kind === 'ops' && !opsRunning()) continue;
      if (await inject[kind]()) done[kind] += 1;
    }
  };

  /** How far the live builder is behind the end of the topics (Postgres is the truth: ADR 0003). */
  const builderLag = async () => {
    const admin = kafka.admin();
    await admin.connect();
    const end = new Map();
    try {
      for (const t of Object.values(topics)) for (const p of await admin.fetchTopicOffsets(t)) end.set(`${t}|${p.partition}`, BigInt(p.high));
    } finally {
      await admin.disconnect();
    }
    const c = new Client({ connectionString: OWNER_URL });
    await c.connect();
    try {
      const { rows } = await c.query('SELECT topic, partition, next_offset FROM public.consumer_offsets WHERE consumer_group = $1', [GROUP]);
      const stored = new Map(rows.map((r) => [`${r.topic}|${r.partition}`, BigInt(r.next_offset)]));
      return [...end].reduce((n, [k, v]) => n + (v > (stored.get(k) ?? 0n) ? v - (stored.get(k) ?? 0n) : 0n), 0n);
    } finally {
      await c.end();
    }
  };

  // ---- phase A: live ingestion under faults
  const enc = loadEncoders();
  const workers = Number(args['workers-per-cohort']);
  let published = 0;
  let publishing = true;
  const publisher = (async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 3 } });
    for (let k = 0; published < TARGET_EVENTS; k++) {
      const c = cohort(k, Math.min(workers, Math.max(50, Math.ceil(((TARGET_EVENTS - published) / 22) * 1.1))), enc);
      for (const [t, msgs] of Object.entries(c)) {
        for (let i = 0; i < msgs.length; i += 1000) {
          const batch = msgs.slice(i, i + 1000);
          // Acknowledged or tried again: the idempotent producer keeps a retry from duplicating within its
          // session; a duplicate after a reconnect is a repeat the folds treat as such.
          for (;;) {
            try {
              await producer.connect();
              await producer.send({ topic: topics[t], acks: -1, messages: batch });
              break;
            } catch {
              await producer.disconnect().catch(() => undefined);
              await sleep(1000);
            }
          }
          published += batch.length;
        }
      }
      log(`published cohort ${k}: ${published} events so far`);
    }
    await producer.disconnect();
    publishing = false;
  })();
  // Live ingestion lasts while the load is published and the builder works through it.
  let behind = true;
  const lagWatch = (async () => {
    while (publishing || behind) {
      await sleep(2000);
      try {
        behind = (await builderLag()) > 2000n;
      } catch {
        behind = true;
      }
    }
  })();
  const quarter = Math.max(4000, Math.min(20_000, TARGET_EVENTS / 60));
  await faultLoop(0.6, () => publishing || behind, quarter);
  await lagWatch;
  await publisher;
  log(`phase A done: ${published} events published`);

  // ---- phase B: rebuild and switch while the builder consumes and ingest-co is fed, under faults
  phase = 'rebuild';
  let rebuilding = true;
  const rebuild = (async () => {
    const steps = { rebuildRuns: 0, switchRuns: 0 };
    for (;;) {
      steps.rebuildRuns += 1;
      ops = runOps(['rebuild'], opsEnv);
      const r = await ops.done;
      if (r.code === 0) break;
      log(`fsl-ops rebuild ended with ${r.code}: running it again (it resumes)`);
      await sleep(2000);
    }
    const c = new Client({ connectionString: OWNER_URL });
    await c.connect();
    const switches = async () => Number((await c.query('SELECT count(*) AS n FROM fsl_ops.switch_log')).rows[0].n);
    const before = await switches();
    for (;;) {
      steps.switchRuns += 1;
      ops = runOps(['switch'], opsEnv);
      const r = await ops.done;
      if (r.code === 0) {
        report.switch = r.result;
        break;
      }
      if ((await switches()) > before) break; // it committed, then was killed before saying so
      log(`fsl-ops switch ended with ${r.code}: running it again`);
      await sleep(2000);
    }
    await c.end();
    report.rebuildSteps = steps;
    rebuilding = false;
  })();
  await faultLoop(0.4, () => rebuilding, Math.max(3000, quarter / 2));
  await rebuild;
  log('phase B done: the rebuilt set is live');

  // ---- quiet: stop feeding, let the builder catch up, then check
  ingesting = false;
  await Promise.all(clients);
  const until = Date.now() + 30 * 60_000;
  for (;;) {
    const lag = await builderLag();
    if (lag === 0n) break;
    if (Date.now() > until) throw new Error(`the builder did not catch up (lag ${lag})`);
    await sleep(2000);
  }
  const inTopics = await (async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      let n = 0n;
      for (const t of Object.values(topics)) for (const p of await admin.fetchTopicOffsets(t)) n += BigInt(p.high);
      return n;
    } finally {
      await admin.disconnect();
    }
  })();
  report.events = { published, inTopics: Number(inTopics) };
  log(`builder caught up with ${report.events.inTopics} events; checking`);
  const checked = await runOps(['check'], opsEnv).done;
  report.check = checked.result ? { exitCode: checked.code, differing: checked.result.differing, digests: checked.result.digests, tables: checked.result.tables, differences: checked.result.differences.slice(0, 20) } : { exitCode: checked.code };

  // ---- durability: every acknowledged CO is in the CO topic
  const found = await findCodici(kafka, topics.co, durability.acknowledged, enc);
  report.ingest = {
    acknowledged: durability.acknowledged.size,
    foundInTopic: found,
    answered503: durability.answered503,
    answered503WithRetryAfter: durability.answered503WithRetryAfter,
    refusedOtherwise: durability.refusedOther,
    transportErrors: durability.otherErrors,
  };
  report.builder = { restarts: builder.restarts, exitsOnItsOwn: builder.exitsOnItsOwn };
  report.faults.total = report.faults.builderKills + report.faults.opsKills + report.faults.brokerRestarts + report.faults.postgresOutages.terminated + report.faults.postgresOutages.portBlocked;
  report.seconds = Math.round((Date.now() - t0) / 1000);

  await builder.stop();
  ingest.proc.kill('SIGTERM');
  await ingest.exited;
  await proxy.close();
  if (!args.keep) {
    kafkaSh('clean');
    const admin = new Client({ connectionString: `postgres://postgres@${PG.host}:${PG.port}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.end();
  }
  writeFileSync(join(RUN, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const ok = report.check.exitCode === 0 && report.check.differing === 0 && report.check.digests?.live === report.check.digests?.rebuilt && found === durability.acknowledged.size && durability.answered503 === durability.answered503WithRetryAfter;
  process.stdout.write(`${JSON.stringify({ ok, ...report, faults: { ...report.faults, byPhase: undefined } }, null, 2)}\n`);
  return ok ? 0 : 1;
}

/** How many of the acknowledged COs (codice → worker CF) are in the CO topic: keys first, then the codice decoded. */
async function findCodici(kafka, topic, acknowledged, _enc) {
  const { cfPseudonym } = require('@fsl/pseudonym');
  const { DEV_PSEUDONYM_KEY } = require('@fsl/config');
  const { getDefaultCodec } = require('@fsl/schemas');
  // One worker may have several COs (the generated CFs repeat): the key finds the candidates, the codice decides.
  const keys = new Set([...acknowledged.values()].map((cf) => cfPseudonym(cf, DEV_PSEUDONYM_KEY)));
  const seen = new Set();
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
  await admin.disconnect();
  const groupId = `fault-proof-verify-${Date.now()}`;
  const consumer = kafka.consumer({ groupId, maxBytes: 8 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const reached = new Map();
  let resolveDone;
  const done = new Promise((r) => (resolveDone = r));
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        if (keys.has(m.key?.toString() ?? '')) {
          const codice = getDefaultCodec().decode(m.value).value.payload?.datiInvio?.codiceComunicazione;
          if (acknowledged.has(codice)) seen.add(codice);
        }
      }
      const last = batch.messages[batch.messages.length - 1];
      if (last) reached.set(batch.partition, BigInt(last.offset) + 1n);
      if ([...ends].every(([p, e]) => e === 0n || (reached.get(p) ?? 0n) >= e)) resolveDone();
    },
  });
  if ([...ends.values()].every((e) => e === 0n)) resolveDone();
  await Promise.race([done, sleep(20 * 60_000)]);
  await consumer.disconnect();
  return seen.size;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(`failed: ${err.stack ?? err}`);
    try { kafkaSh('stop'); } catch { /* already down */ }
    process.exit(2);
  },
);
