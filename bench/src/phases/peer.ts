import { Client } from 'pg';
import type { Run } from '../settings';
import { addConnector, connectorFailure, deleteConnector, jdbcSinkConfig, startConnect, type ConnectWorker } from '../peer/connect';
import { eventTableDdl, type PeerTopic } from '../peer/events';
import { procStatusMb } from '../util/apps';
import { cpuSeconds } from '../util/app-watch';
import { step } from '../util/log';
import { nowMs, round } from '../util/stats';

// Issue 15's peer, beside the builder's replay on the same events: Kafka Connect (standalone) with the
// Debezium JDBC sink, from its topic to one row per event, upsert by event id. Measured twice in the
// same JVM: from a fresh JVM (the clock and the CPU count start when java is spawned, so the worker's
// boot and the JIT's warm-up count, as they do for the builder started fresh in the replay phase), then
// warm (the table emptied, a second connector with a new consumer group reads the topic from the start).

export interface PeerRun {
  eventsPerSecond: number;
  events: number;
  seconds: number;
  /** The JVM's CPU time over the run (user + system, every thread: GC and JIT included). */
  cpuSeconds: number;
  cpuMsPerEvent: number;
  cores: number;
  complete: boolean;
}

export interface PeerFigure {
  fresh: PeerRun & { bootSeconds: number };
  warm: PeerRun;
  peakRssMb: number;
  topic: { events: number; distinctIds: number; meanRecordBytes: number; loadSeconds: number };
}

const TABLE = 'bench_peer_events';

async function landed(c: Client, ids: readonly string[]): Promise<number> {
  const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${TABLE} WHERE event_id = ANY($1::text[])`, [ids]);
  return rows[0].n;
}

/** Until the last event of every partition is in the table (a task writes a partition in order). */
async function waitLanded(c: Client, w: ConnectWorker, connector: string, ids: readonly string[], maxSeconds: number): Promise<boolean> {
  const deadline = nowMs() + maxSeconds * 1000;
  let lastLog = nowMs();
  let lastCheck = 0;
  for (;;) {
    if ((await landed(c, ids)) === ids.length) return true;
    if (nowMs() > deadline) return false;
    if (nowMs() - lastCheck > 2000) {
      lastCheck = nowMs();
      const failed = await connectorFailure(w, connector);
      if (failed) throw new Error(`the Debezium JDBC sink failed:\n${failed}`);
    }
    if (nowMs() - lastLog > 15_000) {
      const { rows } = await c.query<{ n: string }>(`SELECT n_tup_ins::text AS n FROM pg_stat_user_tables WHERE relname = $1`, [TABLE]);
      step(`  … peer at ~${rows[0]?.n ?? '?'} rows`);
      lastLog = nowMs();
    }
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function count(c: Client): Promise<number> {
  return (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${TABLE}`)).rows[0].n;
}

function runFigure(events: number, seconds: number, cpu: number, complete: boolean): PeerRun {
  return {
    eventsPerSecond: round(events / seconds, 0),
    events,
    seconds: round(seconds),
    cpuSeconds: round(cpu),
    cpuMsPerEvent: round((cpu * 1000) / Math.max(1, events), 3),
    cores: round(cpu / seconds),
    complete,
  };
}

export async function measurePeer(r: Run, peer: PeerTopic, maxSeconds: number): Promise<PeerFigure> {
  const c = new Client({ connectionString: r.databaseUrl });
  await c.connect();
  let worker: ConnectWorker | undefined;
  try {
    await c.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await c.query(eventTableDdl(TABLE));
    const config = jdbcSinkConfig(r, peer.topic, TABLE);
    const fresh = `bench-peer-fresh-${r.id}`;
    const started = nowMs();
    worker = await startConnect(r, fresh, config);
    const w = worker;
    let bootSeconds = NaN;
    // The REST listener answering = the worker booted (the connector is started right after).
    void (async () => {
      while (Number.isNaN(bootSeconds) && nowMs() - started < maxSeconds * 1000) {
        try {
          await (await fetch(`${w.restUrl}/`, { signal: AbortSignal.timeout(500) })).arrayBuffer();
          bootSeconds = round((nowMs() - started) / 1000);
        } catch {
          await new Promise((res) => setTimeout(res, 50));
        }
      }
    })();
    const freshDone = await waitLanded(c, w, fresh, peer.lastIds, maxSeconds);
    const freshSeconds = (nowMs() - started) / 1000;
    const freshCpu = cpuSeconds(w.pid);
    const freshRows = await count(c);
    step(`  fresh JVM: ${freshRows} rows in ${round(freshSeconds)} s`);

    await deleteConnector(w, fresh);
    await c.query(`TRUNCATE ${TABLE}`);
    const warm = `bench-peer-warm-${r.id}`;
    const warmCpu0 = cpuSeconds(w.pid);
    const warmStarted = nowMs();
    await addConnector(w, warm, config);
    const warmDone = await waitLanded(c, w, warm, peer.lastIds, maxSeconds);
    const warmSeconds = (nowMs() - warmStarted) / 1000;
    const warmCpu = cpuSeconds(w.pid) - warmCpu0;
    const warmRows = await count(c);
    const peakRssMb = procStatusMb(w.pid, 'VmHWM');
    return {
      fresh: { ...runFigure(freshRows, freshSeconds, freshCpu, freshDone && freshRows === peer.distinctIds), bootSeconds },
      warm: runFigure(warmRows, warmSeconds, warmCpu, warmDone && warmRows === peer.distinctIds),
      peakRssMb,
      topic: { events: peer.events, distinctIds: peer.distinctIds, meanRecordBytes: peer.meanRecordBytes, loadSeconds: peer.seconds },
    };
  } catch (err) {
    if (worker) step(`  Connect's last output:\n${worker.output().slice(-3000)}`);
    throw err;
  } finally {
    await worker?.stop();
    await c.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    await c.end();
  }
}
