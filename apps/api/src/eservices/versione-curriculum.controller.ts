import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PROBLEM_JSON } from '@fsl/http';
import { EsitoVersioneCurriculumDto, RichiestaVersioneCurriculumDto } from '../curricula/contract';
import { VersioneCurriculumService } from '../curricula/versione-curriculum.service';
import { Call, Eservice, type EserviceCall } from '../security/eservice-call';
import { EserviceController } from './eservice.controller';
import { ESEMPI_VERSIONE_CURRICULUM } from './esempi';
import { EserviceResponses } from './openapi';

@Eservice('versione-curriculum')
@ApiTags('versioni-curriculum')
@Controller()
export class VersioneCurriculumController extends EserviceController {
  constructor(@Inject(VersioneCurriculumService) private readonly versioni: VersioneCurriculumService) {
    super();
  }

  @Post('consultazioni')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Una versione del curriculum di un cittadino',
    description:
      'Il curriculum SIISL com’era in una versione: un aggiornamento sostituisce il curriculum corrente, le versioni precedenti restano leggibili. ' +
      'Le versioni di un cittadino sono elencate in cartellaLavorativa.siisl.versioniCurriculum.',
  })
  @EserviceResponses(EsitoVersioneCurriculumDto, RichiestaVersioneCurriculumDto, ESEMPI_VERSIONE_CURRICULUM)
  @ApiResponse({
    status: 404,
    description: 'Versione non trovata: cittadino, curriculum o versione sconosciuti, o versione che cancella il curriculum (la risposta è la stessa in tutti i casi)',
    content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } },
  })
  consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<EsitoVersioneCurriculumDto> {
    return this.versioni.consult(call, body);
  }
}
