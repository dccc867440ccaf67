import { Module, type DynamicModule } from '@nestjs/common';
import { createMetricsRegistry, HttpKitModule, type HealthCheck } from '@fsl/http';
import { ConsumerRunner, createKafkaFromConfig, DeadLetterPublisher, EventProducer, kafkaHealthCheck, topicName } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { createPgPool, postgresHealthCheck } from '@fsl/db';
import { SERVICE, type BuilderConfig } from './config';
import { projectionHandlers } from './projections';
import { BuilderService } from './builder.service';
import { deadLetterMetrics } from './builder.metrics';
import { BUILDER_POOL, CorrezioniController, MAX_PARKED_SECONDS } from './correzioni.controller';
import { CoRifiutateController } from './co-rifiutate.controller';

@Module({})
export class AppModule {
  static register(config: BuilderConfig, logger: Logger): DynamicModule {
    const kafka = createKafkaFromConfig(config, SERVICE, logger);
    const pool = createPgPool(config, logger);
    // The metrics registry is the one /metrics serves; HttpKitModule takes it from here.
    const registry = createMetricsRegistry(SERVICE);
    const producer = new EventProducer(kafka, { ackTimeoutMs: config.KAFKA_PRODUCE_TIMEOUT_MS, logger, registry });
    const prefix = config.KAFKA_TOPIC_PREFIX;
    const deadLetters = new DeadLetterPublisher(producer, topicName('deadLetters', prefix), config.CONSUMER_GROUP);
    // One consumer for every source topic: one group, one offset store, one /status check and restart
    // policy; each chunk (one partition of one topic) goes to its topic's projection.
    const handler = projectionHandlers({
      pool,
      group: config.CONSUMER_GROUP,
      deadLetters,
      logger,
      prefix,
      metrics: { registry, coMaxParkedSeconds: config.CO_MAX_PARKED_SECONDS },
    });
    deadLetterMetrics(registry, pool);
    const runner = new ConsumerRunner({
      kafka,
      groupId: config.CONSUMER_GROUP,
      topics: handler.topics,
      handler,
      logger,
      chunkSize: config.CHUNK_SIZE,
      partitionsConsumedConcurrently: config.PARTITIONS_CONCURRENCY,
      maxConsecutiveCrashes: config.MAX_CONSECUTIVE_CRASHES,
      registry,
    });
    const checks: HealthCheck[] = [
      kafkaHealthCheck(kafka),
      postgresHealthCheck(pool),
      // The builder's one job: while its consumer is not running (starting, or backing off between
      // restarts) nothing is applied, and the status says so.
      { name: 'consumer', isUp: async () => runner.isRunning },
    ];
    return {
      module: AppModule,
      imports: [HttpKitModule.forRoot({ service: SERVICE, logger, healthChecks: { useValue: checks }, registry })],
      controllers: [CorrezioniController, CoRifiutateController],
      providers: [
        { provide: BuilderService, useValue: new BuilderService(runner, producer, pool, logger) },
        { provide: BUILDER_POOL, useValue: pool },
        { provide: MAX_PARKED_SECONDS, useValue: config.CO_MAX_PARKED_SECONDS },
      ],
    };
  }
}
