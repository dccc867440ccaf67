import { resolve } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { DEFAULT_CODE_LISTS_DIR as CO_CODE_LISTS_DIR } from '@fsl/co';
import { defaultTables, gepiFixtures, loadGepiTables } from '@fsl/gepi';
import { versionedJsonModule } from '@fsl/ingest';
import type { Logger } from '@fsl/logging';
import { SERVICE, type IngestGepiConfig } from './config';
import { dtos } from './dto';
import './errors';
import { gepiSource } from './gepi.adapter';

/** The GePI source on @fsl/ingest: its adapter, its tables (gepi_ingest_*), its routes. */
@Module({})
export class AppModule {
  static register(config: IngestGepiConfig, logger: Logger): DynamicModule {
    // Belfiore stays libs/co's complete table: one table of comuni for every source.
    const tables = config.GEPI_CODE_LISTS_DIR ? loadGepiTables(resolve(config.GEPI_CODE_LISTS_DIR), CO_CODE_LISTS_DIR) : defaultTables();
    return versionedJsonModule(AppModule, config, logger, {
      service: SERVICE,
      tag: 'gepi',
      source: gepiSource(tables),
      topic: 'gepiEvents',
      conflictCode: 'GEPI_CONFLICT',
      dtos,
      docs: {
        envelope: 'id, versione, aggiornatoIl, operazione, casoId (every entity but caso), codiceFiscale (partecipazione-puc), dati',
        publication: 'one message per record, keyed by its case id',
        example: gepiFixtures.valid('pais'),
      },
    });
  }
}
