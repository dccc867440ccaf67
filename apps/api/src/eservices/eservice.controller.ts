import { Get, HttpCode, UseGuards } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiSecurity } from '@nestjs/swagger';
import { EserviceGuard } from '../security/eservice.guard';
import { ProbingRoute } from '../security/eservice-call';
import { PROBING_OK, ProbingResponses } from './openapi';

/**
 * What every e-service controller shares: the guard (voucher, ModI patterns, quota, authorisation)
 * and PDND's probing route under the e-service's basePath. Subclasses add the operation.
 */
@UseGuards(EserviceGuard)
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
