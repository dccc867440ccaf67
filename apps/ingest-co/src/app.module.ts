import { resolve } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import Redis from 'ioredis';
import { defaultCodeLists, loadCodeLists } from '@fsl/co';
import { createPgPool, postgresHealthCheck } from '@fsl/db';
import { createMetricsRegistry, HttpKitModule, type HealthCheck } from '@fsl/http';
import { createKafkaFromConfig, EventProducer, kafkaHealthCheck, topicName } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { pseudonymizer } from '@fsl/pseudonym';
import { AcceptedStore } from './accepted.store';
import { CodiciSconosciutiController } from './codici-sconosciuti.controller';
import { BATCH_SETTINGS, ComunicazioniController, type BatchSettings } from './comunicazioni.controller';
import { SERVICE, type IngestCoConfig } from './config';
import { ingestMetrics } from './ingest.metrics';
import { CoIngestService } from './ingest.service';
import { LottiController } from './lotti.controller';
import { LottiQueue } from './lotti.queue';
import { LottiService } from './lotti.service';
import { LottiStore } from './lotti.store';
import { LottoProcessor } from './lotto.processor';
import { CoPublisher } from './publisher';
import { UnknownCodes } from './unknown-codes';

/**
 * Every client is created here but connects lazily (pg pool, producer, Redis with lazyConnect, the BullMQ
 * queue on first use), so building the module to generate the OpenAPI document touches no service.
 */
@Module({})
export class AppModule {
  static register(config: IngestCoConfig, logger: Logger): DynamicModule {
    const kafka = createKafkaFromConfig(config, SERVICE, logger);
    // The registry /metrics serves (HttpKitModule takes it from here), shared with the clients' metrics.
    const registry = createMetricsRegistry(SERVICE);
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

    const codeLists = config.CODE_LISTS_DIR ? loadCodeLists(resolve(config.CODE_LISTS_DIR)) : defaultCodeLists();
    const publisher = new CoPublisher(producer, topicName('coComunicazioni', config.KAFKA_TOPIC_PREFIX), pseudonymizer(config.PSEUDONYM_KEY));
    const unknownCodes = new UnknownCodes(pool, registry, logger);
    const ingest = new CoIngestService(
      new AcceptedStore(pool),
      publisher,
      codeLists,
      logger,
      config.CO_DATA_INVIO_MAX_SKEW_SECONDS * 1000,
      ingestMetrics(registry, pool),
      unknownCodes,
    );
    const spoolDir = resolve(config.SPOOL_DIR);
    const store = new LottiStore(pool);
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
      module: AppModule,
      imports: [HttpKitModule.forRoot({ service: SERVICE, logger, healthChecks: { useValue: checks }, registry })],
      controllers: [ComunicazioniController, LottiController, CodiciSconosciutiController],
      providers: [
        { provide: CoIngestService, useValue: ingest },
        { provide: UnknownCodes, useValue: unknownCodes },
        { provide: BATCH_SETTINGS, useValue: batch },
        { provide: LottiStore, useValue: store },
        { provide: LottiService, useValue: new LottiService(store, queue, { dir: spoolDir, maxBytes: config.LOTTO_MAX_BYTES }) },
        { provide: 'LIFECYCLE', useValue: lifecycle },
      ],
    };
  }
}
