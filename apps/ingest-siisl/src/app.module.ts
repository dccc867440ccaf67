import { resolve } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { buildIngest, lottiController, VersionedClaims } from '@fsl/ingest';
import type { Logger } from '@fsl/logging';
import { defaultTables, TABLES } from '@fsl/siisl';
import { loadTableSet } from '@fsl/code-lists';
import { SERVICE, type IngestSiislConfig } from './config';
import { LottoDto, PaginaEsitiDto } from './dto';
import { RecordsController } from './records.controller';
import { CONFLICT_PROBLEM, siislAdapter } from './siisl.adapter';

const LottiController = lottiController({
  tag: 'siisl',
  dtos: { LottoDto, PaginaEsitiDto },
  fileBody: 'Righe NDJSON, un record per riga con il membro "entita" che ne nomina l’entità (fino a LOTTO_MAX_BYTES)',
});

/** The SIISL source on @fsl/ingest: its adapter, its tables, its routes. */
@Module({})
export class AppModule {
  static register(config: IngestSiislConfig, logger: Logger): DynamicModule {
    const tables = config.SIISL_CODE_LISTS_DIR ? loadTableSet(resolve(config.SIISL_CODE_LISTS_DIR), TABLES) : defaultTables();
    const ingest = buildIngest(config, logger, {
      service: SERVICE,
      adapter: siislAdapter(tables),
      claims: new VersionedClaims('siisl_ingest_claim'),
      lottiTables: { lotti: 'siisl_ingest_lotto', esiti: 'siisl_ingest_lotto_esito', esitoKey: 'claim_key' },
      topic: 'siislEvents',
      conflict: CONFLICT_PROBLEM,
      unknownCodes: { records: 'SIISL records' },
    });
    // The file-job routes first: POST /v1/lotti must not be taken for a record of an entity named "lotti".
    return ingest.module(AppModule, [LottiController, RecordsController]);
  }
}
