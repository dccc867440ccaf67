import { runHttpService } from '@fsl/http';
import { AppModule } from './app.module';
import { configSchema, SERVICE } from './config';

runHttpService({
  service: SERVICE,
  configSchema,
  module: (config, logger) => AppModule.register(config, logger),
  // One record per request; NDJSON batches and files are streamed by their handlers, not body-parsed.
  textTypes: ['application/xml', 'text/xml'],
  maxBodyBytes: 1024 * 1024,
});
