import { resolve } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { defaultCodeLists, loadCodeLists } from '@fsl/co';
import { buildIngest, lottiController, UniqueClaims } from '@fsl/ingest';
import type { Logger } from '@fsl/logging';
import { coAdapter, CONFLICT_PROBLEM } from './co.adapter';
import { CodiciSconosciutiController } from './codici-sconosciuti.controller';
import { ComunicazioniController } from './comunicazioni.controller';
import { SERVICE, type IngestCoConfig } from './config';
import { LottoDto, PaginaEsitiDto } from './dto';

const LottiController = lottiController({ tag: 'comunicazioni', dtos: { LottoDto, PaginaEsitiDto }, fileBody: 'Righe NDJSON, una CO per riga (fino a LOTTO_MAX_BYTES)' });

/** The CO source on @fsl/ingest: its adapter, its tables, its routes. */
@Module({})
export class AppModule {
  static register(config: IngestCoConfig, logger: Logger): DynamicModule {
    const codeLists = config.CODE_LISTS_DIR ? loadCodeLists(resolve(config.CODE_LISTS_DIR)) : defaultCodeLists();
    const claims = new UniqueClaims({ name: 'co_ingest_comunicazione', key: 'codice_comunicazione' });
    const ingest = buildIngest(config, logger, {
      service: SERVICE,
      adapter: coAdapter(codeLists, config.CO_DATA_INVIO_MAX_SKEW_SECONDS * 1000),
      claims,
      lottiTables: { lotti: 'co_ingest_lotto', esiti: 'co_ingest_lotto_esito', esitoKey: 'codice_comunicazione' },
      topic: 'coComunicazioni',
      conflict: CONFLICT_PROBLEM,
      unknownCodes: { records: 'COs', table: 'co_unknown_code' },
    });
    return ingest.module(AppModule, [ComunicazioniController, LottiController, CodiciSconosciutiController]);
  }
}
