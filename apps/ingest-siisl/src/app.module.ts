import { Module, type DynamicModule } from '@nestjs/common';
import { HttpKitModule } from '@fsl/http';
import { createKafkaFromConfig, kafkaHealthCheck } from '@fsl/kafka';
import type { Logger } from '@fsl/logging';
import { SERVICE, type IngestSIISLConfig } from './config';

// The SIISL feed's endpoints arrive with its own capability; the service already runs with its
// config, status (Kafka reachability), metrics and problem+json errors.
@Module({})
export class AppModule {
  static register(config: IngestSIISLConfig, logger: Logger): DynamicModule {
    const kafka = createKafkaFromConfig(config, SERVICE, logger);
    return {
      module: AppModule,
      imports: [HttpKitModule.forRoot({ service: SERVICE, logger, healthChecks: { useValue: [kafkaHealthCheck(kafka)] } })],
    };
  }
}
