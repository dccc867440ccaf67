import { runHttpService } from '@fsl/http';
import type { EventProducer } from '@fsl/kafka';
import { AppModule, PRODUCER } from './app.module';
import { configSchema, SERVICE } from './config';

runHttpService({
  service: SERVICE,
  configSchema,
  module: (config, logger) => AppModule.register(config, logger),
  textTypes: ['application/x-ndjson', 'application/xml', 'text/xml'],
  bodyLimit: '20mb',
  onShutdown: (app) => app.get<EventProducer>(PRODUCER).disconnect(),
});
