import { resolve } from 'node:path';
import type { DynamicModule, Provider, Type } from '@nestjs/common';
import Redis from 'ioredis';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { createPgPool, postgresHealthCheck } from '@fsl/db';
import { createMetricsRegistry, HttpKitModule, type HealthCheck } from '@fsl/http';
import { createKafkaFromConfig, EventProducer, kafkaHealthCheck, topicName, type TopicId } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { pseudonymizer } from '@fsl/pseudonym';
import type { Problem, SourceAdapter } from './adapter';
import type { ClaimStore } from './claims';
import type { IngestConfig } from './config';
import { IngestService, poolTransactions } from './ingest.service';
import { LottiQueue } from './lotti.queue';
import { LottiService } from './lotti.service';
import { LottiStore, type LottiTables } from './lotti.store';
import { LottoProcessor } from './lotto.processor';
import { ingestMetrics } from './metrics';
import { EventPublisher } from './publisher';
import { BATCH_SETTINGS, type BatchSettings } from './records';
import { UnknownCodes } from './unknown-codes';

/** What a source brings to the shared ingest, besides its controllers. */
export interface IngestSource<In, Id extends object> {
  service: string;
  adapter: SourceAdapter<In, Id>;
  claims: ClaimStore;
  lottiTables: LottiTables;
  topic: TopicId;
  /** The problem of a line whose key was accepted before with another content. */
  conflict: Problem;
  /** Unknown codes: what the records are called in the metric's help, and the table that lists them (if any). */
  unknownCodes: { records: string; table?: string };
}

export interface IngestRuntime<In, Id extends object> {
  registry: Registry;
  pool: Pool;
  ingest: IngestService<In, Id>;
  unknownCodes: UnknownCodes;
  /** The app's module with the source's controllers (the file-job controller first: see ingestModule). */
  module(target: Type, controllers: Type[], providers?: Provider[]): DynamicModule;
}

/**
 * The clients, services and lifecycle of an ingest. Every client is created here but connects lazily (pg
 * pool, producer, Redis with lazyConnect, the BullMQ queue on first use), so building the module to
 * generate the OpenAPI document touches no service.
 */
export function buildIngest<In, Id extends object>(config: IngestConfig, logger: Logger, source: IngestSource<In, Id>): IngestRuntime<In, Id> {
  const kafka = createKafkaFromConfig(config, source.service, logger);
  // The registry /metrics serves (HttpKitModule takes it from here), shared with the clients' metrics.
  const registry = createMetricsRegistry(source.service);
  const producer = new EventProducer(kafka, { ackTimeoutMs: config.KAFKA_PRODUCE_TIMEOUT_MS, logger, registry });
  const pool = createPgPool(config, logger);
  // BullMQ's worker needs maxRetriesPerRequest null (blocking commands); the queue fails fast instead,
  // so an upload is answered 503 rather than hanging while Redis is down.
  const redis = {
    queue: new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 }),
    worker: new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: null }),
  };
  // ioredis reconnects by itself; an unhandled error event would crash the process. The health check
  // and the 503 answers tell the state; the log line says why.
  for (const r of Object.values(redis)) r.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error'));

  const metricsSource = source.adapter.source;
  const unknownCodes = new UnknownCodes(registry, logger, {
    source: metricsSource,
    records: source.unknownCodes.records,
    ...(source.unknownCodes.table ? { store: { pool, table: source.unknownCodes.table } } : {}),
  });
  const ingest = new IngestService<In, Id>({
    adapter: source.adapter,
    transactions: poolTransactions(pool),
    claims: source.claims,
    publisher: new EventPublisher(producer, topicName(source.topic, config.KAFKA_TOPIC_PREFIX), pseudonymizer(config.PSEUDONYM_KEY)),
    conflict: source.conflict,
    logger,
    metrics: ingestMetrics(registry, pool, { source: metricsSource, lottiTable: source.lottiTables.lotti }),
    observer: unknownCodes,
  });
  const spoolDir = resolve(config.SPOOL_DIR);
  const store = new LottiStore<Id>(pool, source.lottiTables, source.claims, (key) => source.adapter.identityOf(key));
  const processor = new LottoProcessor(store, ingest, { spoolDir, chunkSize: config.BATCH_CHUNK_SIZE, maxLineBytes: config.LINE_MAX_BYTES }, logger);
  const queue = new LottiQueue(
    { name: config.LOTTI_QUEUE, spoolDir, concurrency: config.LOTTI_CONCURRENCY, lockMs: config.LOTTI_LOCK_MS },
    redis,
    processor,
    store,
    logger,
  );
  const batch: BatchSettings = {
    maxBytes: config.BATCH_MAX_BYTES,
    maxLines: config.BATCH_MAX_LINES,
    maxLineBytes: config.LINE_MAX_BYTES,
    chunkSize: config.BATCH_CHUNK_SIZE,
  };
  const checks: HealthCheck[] = [kafkaHealthCheck(kafka), postgresHealthCheck(pool), { name: 'redis', isUp: () => queue.isUp() }];
  // Nest's own signal listener and runHttpService's both close the app: every step runs once.
  const once = <T>(fn: () => Promise<T>) => {
    let p: Promise<T> | undefined;
    return () => (p ??= fn());
  };
  const lifecycle = {
    onApplicationBootstrap: () => queue.start(),
    // Before the clients close: the running chunk must still be able to publish and commit.
    beforeApplicationShutdown: once(() => queue.stop()),
    onApplicationShutdown: once(async () => {
      await producer.disconnect();
      await pool.end();
      for (const r of Object.values(redis)) r.disconnect();
    }),
  };
  return {
    registry,
    pool,
    ingest,
    unknownCodes,
    module: (target, controllers, providers = []) => ({
      module: target,
      imports: [HttpKitModule.forRoot({ service: source.service, logger, healthChecks: { useValue: checks }, registry })],
      controllers,
      providers: [
        { provide: IngestService, useValue: ingest },
        { provide: UnknownCodes, useValue: unknownCodes },
        { provide: BATCH_SETTINGS, useValue: batch },
        { provide: LottiStore, useValue: store },
        { provide: LottiService, useValue: new LottiService(store, queue, { dir: spoolDir, maxBytes: config.LOTTO_MAX_BYTES }, logger) },
        { provide: 'LIFECYCLE', useValue: lifecycle },
        ...providers,
      ],
    }),
  };
}
