// The gateway under test with the real stack: the PDND stand-in (token endpoint and keys), municipalities'
// WaaS stand-ins checking our voucher and purpose, the real broker on a topic prefix of its own, the test
// database as the ingest role. The gateway runs in process (its whole Nest app, HTTP included) or as a
// process of its built entry point (for kill -9).
import { randomInt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import type { Consumer } from 'kafkajs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { belfioreTable } from '@fsl/co';
import { createHttpApp, listen, METRICS_REGISTRY as METRICS } from '@fsl/http';
import { topicName } from '@fsl/kafka';
import { createLogger } from '@fsl/logging';
import { PdndStandin, startStandinServer, type StandinServer } from '@fsl/pdnd-standin';
import { decode } from '@fsl/schemas';
import { startWaasStandin, type WaasStandin, type WaasStandinOptions } from '@fsl/waas-standin';
import { AppModule } from '../src/app.module';
import { configSchema } from '../src/config';
import { appDatabaseUrl, BROKERS, createTestTopics, DATABASE_URL, isolation, TEST_PSEUDONYM_KEY, testKafka, waitFor } from '../../../test/support/env';
import { startApp, type RunningApp } from '../../../test/support/processes';

/** The audience of the vouchers the PDND stand-in's token endpoint issues (whatever the purpose). */
export const TOKEN_AUDIENCE = 'pdnd-standin.invalid/api';
export const PERSONAL_CF = /[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/i;

const usedCodes = new Set<string>();
/**
 * A real Belfiore code no other test of this run uses. The gateway's tables are keyed by it and shared with
 * earlier runs: its rows are removed first, so each test starts from cursor 0.
 */
export async function freshEnte(): Promise<string> {
  const codes = belfioreTable()
    .rowsInForce()
    .map((r) => r.code)
    .filter((c) => /^[A-Y][0-9]{3}$/.test(c) && !usedCodes.has(c));
  const code = codes[randomInt(codes.length)]!;
  usedCodes.add(code);
  const c = new Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    for (const t of ['siuss_ingest_esito', 'siuss_ingest_flusso', 'siuss_ingest_ente']) await c.query(`DELETE FROM ${t} WHERE codice_ente = $1`, [code]);
  } finally {
    await c.end();
  }
  return code;
}

export async function sql<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

export interface Letto {
  topic: 'prestazioni' | 'sinba' | 'dlq';
  key: string;
  headers: Record<string, string>;
  /** Avro events: the decoded event; dead letters: the JSON document. */
  value: Record<string, any>;
}

/** Everything the gateway publishes on the prefix's SIUSS topics and dead letters, read from the start. */
export class Lettore {
  readonly messages: Letto[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async start(prefix: string): Promise<Lettore> {
    const consumer = testKafka().consumer({ groupId: `${prefix}reader-${randomInt(1e9)}` });
    const r = new Lettore(consumer);
    const names = { [topicName('siussPrestazioni', prefix)]: 'prestazioni', [topicName('siussSinba', prefix)]: 'sinba', [topicName('deadLetters', prefix)]: 'dlq' } as const;
    await consumer.connect();
    await consumer.subscribe({ topics: Object.keys(names), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const kind = names[topic]!;
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        const raw = message.value ?? Buffer.alloc(0);
        const value = kind === 'dlq' ? JSON.parse(raw.toString('utf8')) : (decode(raw).value as Record<string, any>);
        r.messages.push({ topic: kind, key: message.key?.toString() ?? '', headers, value });
      },
    });
    return r;
  }

  /** Events (not dead letters) of one ente, by `<codice_ente>/<id_flusso>` source record. */
  eventi(codiceEnte: string): Letto[] {
    return this.messages.filter((m) => m.topic !== 'dlq' && (m.value.header.sourceRecordId as string).startsWith(`${codiceEnte}/`));
  }

  deadLetters(codiceEnte: string): Letto[] {
    return this.messages.filter((m) => m.topic === 'dlq' && m.value.codiceEnte === codiceEnte);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

export interface EnteDiTest {
  codice: string;
  purposeId: string;
  standin: WaasStandin;
  esiti: boolean;
}

/** A PDND stand-in, a topic prefix, a reader; municipalities and gateways are added by each test. */
export class Banco {
  readonly prefix: string;
  readonly pdnd = new PdndStandin();
  pdndServer!: StandinServer;
  reader!: Lettore;
  private readonly closers: Array<() => Promise<unknown>> = [];
  readonly logs: string[] = [];

  constructor(label: string) {
    this.prefix = isolation(label).prefix;
  }

  async start(): Promise<void> {
    this.pdndServer = await startStandinServer(this.pdnd);
    await createTestTopics(this.prefix);
    this.reader = await Lettore.start(this.prefix);
  }

  /** A municipality's e-service that accepts only our voucher for its own purpose. */
  async ente(o: { esiti?: boolean; codice?: string } & Partial<Omit<WaasStandinOptions, 'codiceEnte' | 'voucher'>> = {}): Promise<EnteDiTest> {
    const codice = o.codice ?? (await freshEnte());
    const purposeId = `6f1c0de0-0000-4000-8000-${String(randomInt(1e12)).padStart(12, '0')}`;
    const standin = await startWaasStandin({ ...o, codiceEnte: codice, voucher: { jwksUrl: this.pdndServer.jwksUrl, audience: TOKEN_AUDIENCE, purposeIds: [purposeId] } });
    this.closers.push(() => standin.close());
    return { codice, purposeId, standin, esiti: o.esiti ?? false };
  }

  registry(enti: readonly EnteDiTest[], extra: Record<string, unknown> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'enti-'));
    const file = join(dir, 'enti.json');
    writeFileSync(
      file,
      JSON.stringify({
        enti: enti.map((e) => ({ codice: e.codice, denominazione: `Comune ${e.codice}`, baseUrl: e.standin.url, pdnd: { purposeId: e.purposeId }, esiti: e.esiti, ...extra })),
      }),
    );
    return file;
  }

  /** The gateway's environment against this bench: fast polls, short deadlines and backoff. */
  env(enti: readonly EnteDiTest[], extra: Record<string, string> = {}): Record<string, string> {
    const { PDND_CLIENT_PURPOSE_ID: _p, ...client } = this.pdnd.apiClientEnv(this.pdndServer.url);
    return {
      NODE_ENV: 'test',
      KAFKA_BROKERS: BROKERS,
      KAFKA_TOPIC_PREFIX: this.prefix,
      PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      DATABASE_URL: appDatabaseUrl('fsl_ingest'),
      ENTI_REGISTRY_FILE: this.registry(enti),
      ...client,
      ENTI_POLL_INTERVAL_SECONDS: '1',
      ENTI_REQUEST_TIMEOUT_MS: '1500',
      ENTI_BACKOFF_BASE_MS: '200',
      ENTI_BACKOFF_MAX_MS: '1000',
      ESITI_POLL_INTERVAL_MS: '200',
      ESITI_RETRY_BASE_MS: '200',
      ESITI_RETRY_MAX_MS: '800',
      ...extra,
    };
  }

  /** The gateway in this process (its Nest app on a free port); its log lines are kept in `logs`. */
  async gateway(enti: readonly EnteDiTest[], extra: Record<string, string> = {}): Promise<GatewayInProcess> {
    const config = configSchema.parse(this.env(enti, extra));
    const sink = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        this.logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        cb();
      },
    });
    const logger = createLogger({ service: 'ingest-enti-locali', level: 'info', destination: sink });
    const app = await createHttpApp(AppModule.register(config, logger), { logger, host: '127.0.0.1', port: 0 });
    const url = await listen(app, '127.0.0.1', 0);
    let closed = false;
    const g: GatewayInProcess = {
      app,
      url,
      close: async () => {
        if (closed) return;
        closed = true;
        await app.close();
      },
      metrics: async () => (await app.get<{ metrics(): Promise<string> }>(METRICS).metrics()) as string,
    };
    this.closers.push(g.close);
    return g;
  }

  /** The gateway as a process of its built entry point. */
  async gatewayProcess(enti: readonly EnteDiTest[], extra: Record<string, string> = {}): Promise<RunningApp> {
    const app = await startApp('ingest-enti-locali', { ...this.env(enti, extra), LOG_LEVEL: 'info' });
    this.closers.push(() => (app.proc.exitCode === null && app.proc.signalCode === null ? app.stop() : Promise.resolve()));
    return app;
  }

  async close(): Promise<void> {
    for (const c of this.closers.reverse()) await c().catch(() => undefined);
    await this.reader?.stop();
    await this.pdndServer?.close();
  }
}


export interface GatewayInProcess {
  app: NestExpressApplication;
  url: string;
  close(): Promise<void>;
  metrics(): Promise<string>;
}

/** GET on the gateway's HTTP port, as JSON. */
export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

/** The value of one sample of a Prometheus text exposition (0 when absent). */
export function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (want.every((l) => line.includes(l))) return Number(line.split(' ').pop());
  }
  return 0;
}

/** Waits until `fn` holds. */
export const until = (what: string, fn: () => Promise<boolean> | boolean, timeoutMs = 45_000) => waitFor(what, async () => ((await fn()) ? true : undefined), timeoutMs, 100);
