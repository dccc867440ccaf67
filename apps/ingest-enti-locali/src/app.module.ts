import { Module, type DynamicModule } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { createPgPool, postgresHealthCheck } from '@fsl/db';
import { createMetricsRegistry, HttpKitModule, type HealthCheck } from '@fsl/http';
import { EventPublisher } from '@fsl/ingest';
import { createKafkaFromConfig, EventProducer, kafkaHealthCheck, topicName } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { pseudonymizer } from '@fsl/pseudonym';
import { Acquisizione } from './acquisizione';
import { SERVICE, type GatewayConfig } from './config';
import { EntiController, INTERVALLO_DEFAULT, REGISTRO } from './enti.controller';
import { EntiStore } from './enti.store';
import { EsitiLoop } from './esiti';
import { gatewayMetrics } from './metrics';
import { EnteLoop } from './poller';
import { WaasClient } from './waas-client';

/** The gateway's clients and loops. Every client connects lazily, so building the module for the OpenAPI document touches nothing. */
export interface Gateway {
  registry: Registry;
  pool: Pool;
  loops: EnteLoop[];
  esiti: EsitiLoop[];
  /** Kafka and Postgres, for /status. */
  checks: HealthCheck[];
  start(): void;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export function buildGateway(config: GatewayConfig, logger: Logger): Gateway {
  const kafka = createKafkaFromConfig(config, SERVICE, logger);
  const registry = createMetricsRegistry(SERVICE);
  const producer = new EventProducer(kafka, { ackTimeoutMs: config.KAFKA_PRODUCE_TIMEOUT_MS, logger, registry });
  const pool = createPgPool(config, logger);
  const pseudonym = pseudonymizer(config.PSEUDONYM_KEY);
  const prefix = config.KAFKA_TOPIC_PREFIX;
  const acquisizione = new Acquisizione(pool, {
    eventi: {
      siussPrestazioni: new EventPublisher(producer, topicName('siussPrestazioni', prefix), pseudonym),
      siussSinba: new EventPublisher(producer, topicName('siussSinba', prefix), pseudonym),
    },
    producer,
    deadLetterTopic: topicName('deadLetters', prefix),
    pseudonym,
    service: SERVICE,
  });
  const metrics = gatewayMetrics(registry, pool);
  const clients = config.registro.enti.map(
    (ente) =>
      new WaasClient(ente, {
        tokenUrl: config.PDND_TOKEN_URL,
        tokenAudience: config.PDND_TOKEN_AUDIENCE,
        client: { clientId: config.PDND_CLIENT_ID, keyId: config.PDND_CLIENT_KEY_ID, privateKey: config.clientKey },
        timeoutMs: config.ENTI_REQUEST_TIMEOUT_MS,
        maxResponseBytes: config.ENTI_MAX_RESPONSE_BYTES,
      }),
  );
  const loops = clients.map(
    (client) =>
      new EnteLoop(
        client.ente,
        client,
        acquisizione,
        pool,
        {
          limit: config.ENTI_PAGE_LIMIT,
          intervalloSecondi: config.ENTI_POLL_INTERVAL_SECONDS,
          maxPagine: config.ENTI_MAX_PAGES_PER_POLL,
          backoffBaseMs: config.ENTI_BACKOFF_BASE_MS,
          backoffMaxMs: config.ENTI_BACKOFF_MAX_MS,
        },
        logger,
        metrics,
      ),
  );
  const esiti = clients
    .filter((c) => c.ente.esiti)
    .map(
      (client) =>
        new EsitiLoop(
          client.ente,
          client,
          pool,
          {
            intervalloMs: config.ESITI_POLL_INTERVAL_MS,
            batch: config.ESITI_BATCH,
            retryBaseMs: config.ESITI_RETRY_BASE_MS,
            retryMaxMs: config.ESITI_RETRY_MAX_MS,
            max4xx: config.ESITI_MAX_4XX,
            timeoutMs: config.ENTI_REQUEST_TIMEOUT_MS,
          },
          logger,
          metrics,
        ),
    );
  let stopped: Promise<void> | undefined;
  let closed: Promise<void> | undefined;
  const checks: HealthCheck[] = [kafkaHealthCheck(kafka), postgresHealthCheck(pool)];
  return {
    registry,
    pool,
    loops,
    esiti,
    checks,
    start: () => {
      for (const l of [...loops, ...esiti]) l.start();
      logger.info({ enti: loops.map((l) => l.ente.codice), esiti: esiti.map((l) => l.ente.codice) }, 'polling the municipalities');
    },
    // Before the clients close: a page in hand must still be able to publish and commit.
    stop: () => (stopped ??= Promise.all([...loops, ...esiti].map((l) => l.stop())).then(() => undefined)),
    close: () =>
      (closed ??= (async () => {
        await producer.disconnect();
        await pool.end();
      })()),
  };
}

@Module({})
export class AppModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    const gateway = buildGateway(config, logger);
    // Nest calls these on the provider's instance: the loops start once the app is up and stop before the
    // clients close (runHttpService's and Nest's own shutdown both land here; each step runs once).
    const lifecycle = {
      onApplicationBootstrap: () => gateway.start(),
      beforeApplicationShutdown: () => gateway.stop(),
      onApplicationShutdown: () => gateway.close(),
    };
    return {
      module: AppModule,
      imports: [HttpKitModule.forRoot({ service: SERVICE, logger, healthChecks: { useValue: gateway.checks }, registry: gateway.registry })],
      controllers: [EntiController],
      providers: [
        { provide: REGISTRO, useValue: config.registro },
        { provide: INTERVALLO_DEFAULT, useValue: config.ENTI_POLL_INTERVAL_SECONDS },
        { provide: EntiStore, useValue: new EntiStore(gateway.pool) },
        { provide: 'GATEWAY', useValue: gateway },
        { provide: 'LIFECYCLE', useValue: lifecycle },
      ],
    };
  }
}
