import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegistroAccessiDto, RichiestaRegistroAccessiDto } from '../registro-accessi/contract';
import { RegistroAccessiService } from '../registro-accessi/registro-accessi.service';
import { Call, Eservice, type EserviceCall } from '../security/eservice-call';
import { EserviceController } from './eservice.controller';
import { ESEMPI_REGISTRO_ACCESSI } from './esempi';
import { EserviceResponses } from './openapi';
import { parseRichiestaRegistro } from './requests';

@Eservice('registro-accessi')
@ApiTags('registri-accessi')
@Controller()
export class RegistroAccessiController extends EserviceController {
  constructor(@Inject(RegistroAccessiService) private readonly registro: RegistroAccessiService) {
    super();
  }

  @Post('consultazioni')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Registro degli accessi al fascicolo di un cittadino',
    description:
      'Per i canali del cittadino: chi ha letto il suo fascicolo, quando e con quale finalità, dalla lettura più recente. ' +
      "Il canale può chiederlo solo per il cittadino che ha autenticato (userID dell'evidenza AUDIT_REST_02). Paginato con cursor/limit.",
  })
  @EserviceResponses(RegistroAccessiDto, RichiestaRegistroAccessiDto, ESEMPI_REGISTRO_ACCESSI)
  consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<RegistroAccessiDto> {
    return this.registro.read(call, parseRichiestaRegistro(body));
  }
}
