import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ESEMPI_CARTELLA_LAVORATIVA_GET } from './eservices/esempi';
import { EserviceResponses } from './eservices/openapi';
import { parseCfParam } from './eservices/requests';
import { EsitoCartellaLavorativaDto } from './fascicolo/contract';
import { FascicoloService, type FascicoloView } from './fascicolo/fascicolo.service';
import { Call, Eservice, type EserviceCall } from './security/eservice-call';
import { EserviceGuard } from './security/eservice.guard';
import { VersioneMinimaGuard } from './security/versione-minima.guard';

/**
 * The first read path of the api, kept for existing callers: now an operation of the cartella
 * lavorativa e-service, behind the same voucher, quota, authorisation and audit. It carries the
 * codice fiscale in the URL, which ends up in access logs of every hop, hence deprecated.
 */
@Eservice('cartella-lavorativa')
@ApiTags('cartella-lavorativa')
@Controller('v1/cartelle-lavorative')
@UseGuards(EserviceGuard, VersioneMinimaGuard)
export class CartellaLavorativaController {
  constructor(@Inject(FascicoloService) private readonly fascicoli: FascicoloService) {}

  @Get(':codiceFiscale')
  @ApiOperation({
    summary: 'Cartella lavorativa di un cittadino (deprecata)',
    description: 'Come POST <basePath>/consultazioni dell’e-service cartella lavorativa, ma con il codice fiscale nel percorso. Usare la POST.',
    deprecated: true,
  })
  @ApiParam({ name: 'codiceFiscale', description: 'Codice fiscale come scritto (16 caratteri o 11 cifre)', schema: { type: 'string', maxLength: 16, pattern: '^[A-Za-z0-9]{11,16}$' } })
  @EserviceResponses(EsitoCartellaLavorativaDto, undefined, ESEMPI_CARTELLA_LAVORATIVA_GET)
  get(@Param('codiceFiscale') raw: string, @Call() call: EserviceCall): Promise<FascicoloView> {
    return this.fascicoli.readAudited(call, parseCfParam(raw), ['lavorativa']);
  }
}
