import { Module, type DynamicModule } from '@nestjs/common';
import { gepiFixtures } from '@fsl/gepi';
import { versionedJsonModule } from '@fsl/ingest';
import type { Logger } from '@fsl/logging';
import { SERVICE, type IngestGepiConfig } from './config';
import { dtos } from './dto';
import './errors';
import { gepiSource, gepiTables } from './gepi.adapter';

const docs = {
  envelope: 'id, versione, aggiornatoIl, operazione, casoId (every entity but caso), codiceFiscale (partecipazione-puc), dati',
  publication: 'one message per record, keyed by its case id',
  // Fixed values: the generated document must not change from one run to the next.
  example: gepiFixtures.valid('pais'),
};

/** The GePI source on @fsl/ingest: its adapter, its tables (gepi_ingest_*), its routes. */
@Module({})
export class AppModule {
  static register(config: IngestGepiConfig, logger: Logger): DynamicModule {
    const source = gepiSource(gepiTables(config.GEPI_CODE_LISTS_DIR));
    return versionedJsonModule(AppModule, config, logger, { service: SERVICE, tag: 'gepi', source, topic: 'gepiEvents', conflictCode: 'GEPI_CONFLICT', dtos, docs });
  }
}
