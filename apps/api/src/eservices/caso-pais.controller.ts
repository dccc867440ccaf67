import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PROBLEM_JSON } from '@fsl/http';
import { EsitoCasoPaisDto, RichiestaCasoPaisDto } from '../casi-pais/contract';
import { CasoPaisService } from '../casi-pais/caso-pais.service';
import { Call, Eservice, type EserviceCall } from '../security/eservice-call';
import { EserviceController } from './eservice.controller';
import { ESEMPI_CASO_PAIS } from './esempi';
import { EserviceResponses } from './openapi';

@Eservice('caso-pais')
@ApiTags('casi-pais')
@Controller()
export class CasoPaisController extends EserviceController {
  constructor(@Inject(CasoPaisService) private readonly casi: CasoPaisService) {
    super();
  }

  @Post('consultazioni')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Dettaglio di un caso PaIS',
    description:
      'Il caso GePI con la storia degli enti che lo hanno gestito, gli operatori per ruolo (senza codice fiscale), i componenti del nucleo con i periodi di appartenenza, ' +
      'ogni versione di analisi preliminare, quadro di analisi e PaIS (con le versioni mancanti), équipe, partecipazioni a PUC e PAD. ' +
      "Visibile all'ente che gestisce il caso oggi (dopo un trasferimento, solo al nuovo ente) o alle finalità che comprendono tutti i casi. " +
      'Ogni consultazione è registrata nel registro degli accessi di ciascun cittadino di cui il caso contiene dati.',
  })
  @EserviceResponses(EsitoCasoPaisDto, RichiestaCasoPaisDto, ESEMPI_CASO_PAIS)
  @ApiResponse({
    status: 404,
    description: 'Caso non trovato: sconosciuto o non visibile al fruitore (la risposta è la stessa nei due casi)',
    content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } },
  })
  consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<EsitoCasoPaisDto> {
    return this.casi.consult(call, body);
  }
}
