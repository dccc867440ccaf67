import { Get, HttpCode, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiSecurity } from '@nestjs/swagger';
import { EserviceGuard } from '../security/eservice.guard';
import { VersioneMinimaGuard } from '../security/versione-minima.guard';
import { ProbingRoute } from '../security/eservice-call';
import { PROBING_OK, ProbingResponses } from './openapi';

export const ESERVICE_OPERATION = 'fsl:eservice-operation';

/**
 * Marks the handler of a controller's operation, whatever its name (a write's `invia`…): routes.ts documents
 * its security. A controller without one has its operation in `consulta` (the reads).
 */
export const OperazioneEservice = () => SetMetadata(ESERVICE_OPERATION, true);

/**
 * What every e-service controller shares: the guard (voucher, ModI patterns, quota, authorisation), then
 * read-your-writes (the Versione-Minima header, whatever the operation), and PDND's probing route under the
 * e-service's basePath. Subclasses add the operation.
 */
@UseGuards(EserviceGuard, VersioneMinimaGuard)
export abstract class EserviceController {
  @Get('interop/probing')
  @HttpCode(200)
  @ProbingRoute()
  @ApiOperation({ summary: 'Probing PDND', description: "Verifica di raggiungibilità dell'e-service da parte di PDND: token firmato da PDND per l'audience dell'e-service, senza purposeId." })
  @ApiSecurity('PdndVoucherBearer')
  @ApiExtension('x-modi-patterns', ['ID_AUTH_CHANNEL_01'])
  @ProbingResponses()
  probing(): typeof PROBING_OK {
    return PROBING_OK;
  }
}
