import { Module, type DynamicModule } from '@nestjs/common';
import { HttpKitModule, type HealthCheck } from '@fsl/http';
import { createKafka, EventProducer, kafkaHealthCheck, topicName } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { pseudonymizer } from '@fsl/pseudonym';
import { SERVICE, type IngestCoConfig } from './config';
import { ComunicazioniController } from './comunicazioni.controller';
import { CoPublisher } from './publisher';

export const PRODUCER = Symbol('PRODUCER');

@Module({})
export class AppModule {
  static register(config: IngestCoConfig, logger: Logger): DynamicModule {
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID ?? SERVICE, logger });
    const producer = new EventProducer(kafka, { ackTimeoutMs: config.KAFKA_PRODUCE_TIMEOUT_MS, logger });
    const checks: HealthCheck[] = [kafkaHealthCheck(kafka)];
    return {
      module: AppModule,
      imports: [HttpKitModule.forRoot({ service: SERVICE, logger, healthChecks: { useValue: checks } })],
      controllers: [ComunicazioniController],
      providers: [
        { provide: PRODUCER, useValue: producer },
        {
          provide: CoPublisher,
          useValue: new CoPublisher(producer, topicName('coComunicazioni', config.KAFKA_TOPIC_PREFIX), pseudonymizer(config.PSEUDONYM_KEY)),
        },
      ],
    };
  }
}
