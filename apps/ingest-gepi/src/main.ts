import { runHttpService } from '@fsl/http';
import { AppModule } from './app.module';
import { configSchema, SERVICE } from './config';

// One record per request (JSON); NDJSON batches and files are streamed by their handlers, not body-parsed.
runHttpService({ service: SERVICE, configSchema, module: (config, logger) => AppModule.register(config, logger), maxBodyBytes: 1024 * 1024 });
