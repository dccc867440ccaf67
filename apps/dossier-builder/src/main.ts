import { runHttpService } from '@fsl/http';
import { AppModule } from './app.module';
import { configSchema, SERVICE } from './config';

// The builder is a Kafka consumer; its HTTP side serves only /status and /metrics.
runHttpService({ service: SERVICE, configSchema, module: (config, logger) => AppModule.register(config, logger) });
