import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { topicName } from '@fsl/kafka';
import { measureConsume, measureProduce } from './baselines/kafka';
import { measureKafkaLatency } from './baselines/kafka-latency';
import { measureEventCopy, measureEventInsert } from './baselines/event-insert';
import { measureReadComponents } from './baselines/read-components';
import { measureUpsert, sampleStates, type UpsertBaseline } from './baselines/upsert';
import { ensureDataset } from './dataset';
import { startPdnd, type PdndBench } from './pdnd';
import { citizenCodes, loadCitizens } from './phases/citizens';
import { measureFreshness } from './phases/freshness';
import { measureIngest, startIngest } from './phases/ingest';
import { measureApiReads, measureRawSelect, startApi } from './phases/reads';
import { measurePeer } from './phases/peer';
import { builderEnv, measureReplay } from './phases/replay';
import { measureRebuild } from './phases/rebuild';
import { stopAllConnect } from './peer/connect';
import { loadPeerTopic, type PeerTopic } from './peer/events';
import { writeResults } from './report';
import { targetRows } from './rows';
import { DATA_DIR, runFromArgs, SEEDS, type Run } from './settings';
import { startApp, stopAllApps } from './util/apps';
import { closeConnections } from './util/http';
import { benchKafka, deleteRunKeys, deleteRunTopics, dropDatabase, prepare, topicEnd } from './util/infra';
import { step } from './util/log';
import { describeMachine, load1 } from './util/machine';

// `npm run bench` (bash bench/run.sh) builds and makes sure Kafka runs, then calls this: every phase
// of issue 5 in order, each figure next to its baseline from this same run, then the cleanup of
// everything the run created (database, topics, consumer groups, queue keys, spool).

const phases: Record<string, { seconds: number; load1Before: number; load1After: number }> = {};

async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  step(name);
  const started = Date.now();
  const load1Before = load1();
  const result = await work();
  phases[name] = { seconds: Math.round((Date.now() - started) / 100) / 10, load1Before, load1After: load1() };
  step(`  ${JSON.stringify(result, (k, v) => (k === 'firstErrors' && Array.isArray(v) && v.length === 0 ? undefined : v))}`);
  return result;
}

async function benchmark(r: Run, pdndRef: { pdnd?: PdndBench }) {
  const s = r.sizes;
  const kafka = benchKafka(r);
  const topic = topicName('coComunicazioni', r.prefix);
  const started = new Date();
  const dataset = await ensureDataset(s.replayEvents, SEEDS.replay, r.pseudonymKey);
  await prepare(r);
  const machine = await describeMachine(r.databaseUrl);

  const states = sampleStates(SEEDS.replay);
  const upsertJson = await phase(`baseline: raw upsert, ${s.upsertRows} rows, states as one json array`, () =>
    measureUpsert(r.databaseUrl, 'json-document', s.upsertRows, states, 300),
  );
  const upsertArray = await phase(`baseline: raw upsert, ${s.upsertRows / 5} rows, states as jsonb[]`, () =>
    measureUpsert(r.databaseUrl, 'jsonb-array', s.upsertRows / 5, states, 300),
  );
  const upsert: UpsertBaseline = upsertJson.rowsPerSecond >= upsertArray.rowsPerSecond ? upsertJson : upsertArray;
  const produce = await phase(`baseline: raw kafkajs produce of the ${dataset.events} data-set messages`, () => measureProduce(kafka, topic, dataset.path, 600));
  const consume = await phase('baseline: raw kafkajs consume of the same messages', () => measureConsume(kafka, topic, r.rawGroup, dataset.events, 600));

  const replay = await phase('replay: dossier-builder, fresh consumer group, to the end of the topic', () =>
    measureReplay(r, kafka, dataset.events, r.quick ? 600 : 1200),
  );
  // Issue 15's first target: the operators' rebuild of every projection from the same topic, into a set that is
  // not live, with the live set the replay just built as what it must equal.
  const rebuild = await phase('rebuild: fsl-ops rebuild of every projection into projection_next, the same events', () =>
    measureRebuild(r, dataset.events, r.quick ? 600 : 1800),
  );
  // Issue 15: the same events landed without our merge logic — one row per event, by Postgres alone
  // (set-based INSERT, COPY) and by the peer an integrator would assemble (Connect + Debezium JDBC sink).
  let peerTopic: PeerTopic | undefined;
  await phase('peer: the data set as Connect JSON records with schemas, on a topic of its own (not measured)', async () => {
    const partitions = (await topicEnd(kafka, topic)).size;
    peerTopic = await loadPeerTopic(kafka, `${r.prefix}peer`, dataset.path, partitions, s.upsertRows);
    const { sample, lastIds, ...summary } = peerTopic;
    return { ...summary, sampleRows: sample.length, partitions: lastIds.length };
  });
  const peerEvents = peerTopic as PeerTopic;
  const eventInsert = await phase(`baseline: raw set-based INSERT from unnest, one event-sized row per event, ${peerEvents.sample.length} rows`, () =>
    measureEventInsert(r.databaseUrl, peerEvents.sample),
  );
  const eventCopy = await phase(`baseline: raw COPY, one event-sized row per event, ${peerEvents.sample.length} rows`, () => measureEventCopy(r.databaseUrl, peerEvents.sample));
  peerEvents.sample = [];
  const peer = await phase(`peer: Kafka Connect + Debezium JDBC sink, ${peerEvents.events} events, fresh JVM then warm`, () =>
    measurePeer(r, peerEvents, r.quick ? 600 : 1800),
  );

  const citizens = await phase(`load: ${s.citizens} citizens in the projection`, () => loadCitizens(r.databaseUrl, s.citizens));
  const ingest = await phase(`ingest: ${s.ingestRecords} records through POST /v1/comunicazioni/lotti`, () => measureIngest(r, 300));

  const kafkaLatency = await phase(`baseline: raw Kafka acknowledgement → consumer at ${s.freshnessRate}/s`, () =>
    measureKafkaLatency(kafka, `${r.prefix}latency`, `bench-latency-${r.id}`, s.freshnessRate, Math.min(20, s.freshnessSeconds)),
  );
  const pdnd = (pdndRef.pdnd = await startPdnd(r));
  const freshness = await phase(`freshness: ${s.freshnessRate} events/s for ${s.freshnessSeconds} s`, async () => {
    const apps = {
      builder: await startApp('dossier-builder', builderEnv(r)),
      ingest: await startIngest(r),
      api: await startApi(r, pdnd),
    };
    try {
      return await measureFreshness(r, kafka, apps, pdnd);
    } finally {
      await Promise.all(Object.values(apps).map((a) => a.stop()));
    }
  });

  const codes = await citizenCodes(r.databaseUrl);
  const rawSelect = await phase(`baseline: raw SELECT of a dossier by key, ${s.readRate}/s for ${s.readSeconds} s, then the highest rate held with p99 ≤ 50 ms`, () => measureRawSelect(r, codes));
  const components = await phase(`baseline: the read's other parts alone, ${s.readRate}/s: access-audit append, Redis round trips`, () => measureReadComponents(r));
  const reads = await phase(`reads: e-service consultazione, ${s.readRate}/s for ${s.readSeconds} s, ${codes.length} citizens, then the highest rate held with p99 ≤ 50 ms`, () =>
    measureApiReads(r, pdnd, codes),
  );

  const rows = targetRows(s, { upsert, eventInsert, eventCopy, peer, produce, kafkaLatency, rawSelect, replay, rebuild, ingest, freshness, reads });
  const finished = new Date();
  const header = `Run ${r.id} (${r.quick ? 'quick' : 'full'}), ${finished.toISOString().slice(0, 16)}Z, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}, Kafka ${machine.kafka}; ${Math.round((finished.getTime() - started.getTime()) / 60000)} min.`;
  return writeResults(
    {
      run: { id: r.id, quick: r.quick, startedAt: started.toISOString(), finishedAt: finished.toISOString(), sizes: s, machine, phases },
      rows,
      dataset,
      baselines: { upsert: [upsertJson, upsertArray], eventInsert, eventCopy, produce, consume, kafkaLatency, rawSelect, readComponents: components },
      peer,
      figures: { replay, rebuild, citizens, ingest, freshness, reads },
    },
    header,
    [
      // CPU time the kernel counted for each app (every thread, GC included) over its phase: what a unit
      // of work costs whatever else the shared machine was doing, and how much of the two cores it took.
      `CPU per unit of work: builder ${replay.cpu.msPerEvent} ms an event (${replay.cpu.cores} cores) during the replay; ` +
        `fsl-ops ${rebuild.cpu.msPerEvent} ms an event (${rebuild.cpu.cores} cores) during the rebuild; ` +
        `Connect + Debezium JDBC sink (JVM) ${peer.fresh.cpuMsPerEvent} ms an event from a fresh JVM (${peer.fresh.cores} cores), ${peer.warm.cpuMsPerEvent} ms warm (${peer.warm.cores} cores); ` +
        `ingest ${ingest.cpu.msPerRecord} ms a record (${ingest.cpu.cores} cores); ` +
        `api ${reads.attribution.app.cpuMsPerRead} ms a read (${reads.attribution.app.cpuCores} cores) at ${s.readRate}/s.`,
    ],
  );
}

async function main(): Promise<void> {
  const r = runFromArgs(process.argv.slice(2));
  step(`run ${r.id} (${r.quick ? 'quick' : 'full'}): database ${new URL(r.databaseUrl).pathname.slice(1)}, topic prefix ${r.prefix}`);
  const pdndRef: { pdnd?: PdndBench } = {};
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      step('cleaning up');
      await stopAllApps();
      await stopAllConnect();
      closeConnections();
      await pdndRef.pdnd?.close();
      await deleteRunTopics(r).catch((err) => step(`  topics not deleted: ${String(err)}`));
      await deleteRunKeys(r).catch((err) => step(`  queue keys not deleted: ${String(err)}`));
      if (!r.keepDatabase) await dropDatabase(r.databaseUrl).catch((err) => step(`  database not dropped: ${String(err)}`));
      rmSync(join(DATA_DIR, 'spool', r.id), { recursive: true, force: true });
      rmSync(join(DATA_DIR, 'runs', r.id), { recursive: true, force: true });
    })());
  // Ctrl-C: the same cleanup as a normal end, so nothing of the run is left behind.
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().finally(() => process.exit(143)));
  try {
    const out = await benchmark(r, pdndRef);
    step(`results: ${out.json}, ${out.md}`);
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
