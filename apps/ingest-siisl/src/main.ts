import { runHttpService } from '@fsl/http';
import { AppModule } from './app.module';
import { configSchema, SERVICE } from './config';

runHttpService({ service: SERVICE, configSchema, module: (config, logger) => AppModule.register(config, logger) });
