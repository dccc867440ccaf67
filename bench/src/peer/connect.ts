import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, ROOT, type Run } from '../settings';
import { freePort } from '../util/apps';

// The peer's process: a Kafka Connect worker in standalone mode, from the jars bench/connect/fetch.sh
// put in .kafka/connect, started with plain java and the JVM options Kafka's own
// connect-standalone.sh uses. Its REST listener is on a free port of 127.0.0.1 only.

export const CONNECT_LIBS = process.env.CONNECT_LIBS_DIR ?? join(ROOT, '.kafka', 'connect');

/** Kafka's bin/connect-standalone.sh defaults (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS). */
const JVM_OPTS = ['-Xms256M', '-Xmx2G', '-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent', '-Djava.awt.headless=true'];

export interface ConnectWorker {
  pid: number;
  restUrl: string;
  output(): string;
  stop(): Promise<void>;
}

const live = new Set<ConnectWorker>();

export async function stopAllConnect(): Promise<void> {
  await Promise.all([...live].map((w) => w.stop()));
}

/**
 * The Debezium JDBC sink writing the peer's topic into `table`, upsert by event id. The table exists
 * already (schema.evolution=none): the same DDL the raw baselines get. batch.size and the worker's
 * max.poll.records are 1,000, the builder's chunk, so both write 1,000 events a transaction at most.
 */
export function jdbcSinkConfig(r: Run, topic: string, table: string): Record<string, string> {
  const db = new URL(r.databaseUrl);
  return {
    'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
    // Two tasks: the builder consumes two partitions at a time (PARTITIONS_CONCURRENCY) on two cores.
    'tasks.max': '2',
    topics: topic,
    'connection.url': `jdbc:postgresql://${db.host}${db.pathname}`,
    'connection.username': decodeURIComponent(db.username || 'postgres'),
    'connection.password': decodeURIComponent(db.password),
    'insert.mode': 'upsert',
    'primary.key.mode': 'record_value',
    'primary.key.fields': 'event_id',
    'schema.evolution': 'none',
    'collection.name.format': table,
    'batch.size': '1000',
  };
}

const properties = (p: Record<string, string>) => `${Object.entries(p).map(([k, v]) => `${k}=${v.replace(/\\/g, '\\\\')}`).join('\n')}\n`;

/** Start the worker with its first connector given on the command line (standalone mode starts it at boot). */
export async function startConnect(r: Run, name: string, connector: Record<string, string>): Promise<ConnectWorker> {
  const dir = join(DATA_DIR, 'runs', r.id, 'connect');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  writeFileSync(
    join(dir, 'worker.properties'),
    properties({
      'bootstrap.servers': r.brokers.join(','),
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'true',
      'offset.storage.file.filename': join(dir, 'offsets'),
      'plugin.path': join(CONNECT_LIBS, 'plugins'),
      // What the worker itself advises at boot when every plugin has a ServiceLoader manifest.
      'plugin.discovery': 'service_load',
      listeners: `http://127.0.0.1:${port}`,
      'consumer.max.poll.records': '1000',
    }),
  );
  writeFileSync(join(dir, `${name}.properties`), properties({ name, ...connector }));
  const proc = spawn('java', [...JVM_OPTS, '-cp', `${join(CONNECT_LIBS, 'worker')}/*`, 'org.apache.kafka.connect.cli.ConnectStandalone', join(dir, 'worker.properties'), join(dir, `${name}.properties`)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', JAVA_HOME: process.env.JAVA_HOME ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => void (out = (out + chunk.toString()).slice(-20_000));
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const worker: ConnectWorker = {
    pid: proc.pid as number,
    restUrl: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: async () => {
      live.delete(worker);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  live.add(worker);
  return worker;
}

async function rest(w: ConnectWorker, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${w.restUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Connect ${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export const addConnector = (w: ConnectWorker, name: string, config: Record<string, string>) => rest(w, 'POST', '/connectors', { name, config });
export const deleteConnector = (w: ConnectWorker, name: string) => rest(w, 'DELETE', `/connectors/${name}`);

/** A failed task (a bad config, a class conflict in the plugin) is reported here, not by the process exiting. */
export async function connectorFailure(w: ConnectWorker, name: string): Promise<string | undefined> {
  try {
    const s = (await rest(w, 'GET', `/connectors/${name}/status`)) as { connector: { state: string; trace?: string }; tasks: { state: string; trace?: string }[] };
    const failed = [s.connector, ...s.tasks].find((t) => t.state === 'FAILED');
    return failed ? (failed.trace ?? 'FAILED').slice(0, 2000) : undefined;
  } catch {
    return undefined; // not up yet, or not created yet
  }
}
