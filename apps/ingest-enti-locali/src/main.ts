import { runHttpService } from '@fsl/http';
import { AppModule } from './app.module';
import { configSchema, SERVICE } from './config';

// The municipal gateway: polls the municipalities' SIUSS WaaS e-services into Kafka; its HTTP port serves
// /status and the operator view (GET /v1/enti…), /metrics is on the management port.
runHttpService({ service: SERVICE, configSchema, module: (config, logger) => AppModule.register(config, logger) });
