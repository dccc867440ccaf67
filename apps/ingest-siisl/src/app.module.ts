import { resolve } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { versionedJsonModule } from '@fsl/ingest';
import type { Logger } from '@fsl/logging';
import { defaultTables, loadSiislTables, siislFixtures } from '@fsl/siisl';
import { SERVICE, type IngestSiislConfig } from './config';
import { dtos } from './dto';
import './errors';
import { siislSource } from './siisl.adapter';

/** The SIISL source on @fsl/ingest: its adapter, its tables (siisl_ingest_*), its routes. */
@Module({})
export class AppModule {
  static register(config: IngestSiislConfig, logger: Logger): DynamicModule {
    const tables = config.SIISL_CODE_LISTS_DIR ? loadSiislTables(resolve(config.SIISL_CODE_LISTS_DIR)) : defaultTables();
    return versionedJsonModule(AppModule, config, logger, {
      service: SERVICE,
      tag: 'siisl',
      source: siislSource(tables),
      topic: 'siislEvents',
      conflictCode: 'SIISL_CONFLICT',
      dtos,
      docs: {
        envelope: 'id, versione, aggiornatoIl, operazione, codiceFiscale?, dati',
        publication: 'one message per citizen the record concerns',
        example: siislFixtures.valid('curriculum'),
      },
    });
  }
}
