import { Module, type DynamicModule } from '@nestjs/common';
import { Pool } from 'pg';
import { HttpKitModule, type HealthCheck } from '@fsl/http';
import { ConsumerRunner, createKafka, DeadLetterPublisher, EventProducer, kafkaHealthCheck, topicName } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { SERVICE, type BuilderConfig } from './config';
import { CoChunkHandler } from './co.handler';
import { BuilderService } from './builder.service';

@Module({})
export class AppModule {
  static register(config: BuilderConfig, logger: Logger): DynamicModule {
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID ?? SERVICE, logger });
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
    pool.on('error', (err) => logger.warn({ err }, 'idle postgres client error'));
    const producer = new EventProducer(kafka, { ackTimeoutMs: config.KAFKA_PRODUCE_TIMEOUT_MS, logger });
    const prefix = config.KAFKA_TOPIC_PREFIX;
    const deadLetters = new DeadLetterPublisher(producer, topicName('deadLetters', prefix), config.CONSUMER_GROUP);
    const runner = new ConsumerRunner({
      kafka,
      groupId: config.CONSUMER_GROUP,
      topics: [topicName('coComunicazioni', prefix)],
      handler: new CoChunkHandler(pool, config.CONSUMER_GROUP, deadLetters, logger),
      logger,
      chunkSize: config.CHUNK_SIZE,
      partitionsConsumedConcurrently: config.PARTITIONS_CONCURRENCY,
      maxConsecutiveCrashes: config.MAX_CONSECUTIVE_CRASHES,
    });
    const checks: HealthCheck[] = [
      kafkaHealthCheck(kafka),
      { name: 'postgres', isUp: () => pool.query('SELECT 1').then(() => true, () => false) },
    ];
    return {
      module: AppModule,
      imports: [HttpKitModule.forRoot({ service: SERVICE, logger, healthChecks: { useValue: checks } })],
      providers: [{ provide: BuilderService, useValue: new BuilderService(runner, producer, pool, logger) }],
    };
  }
}
