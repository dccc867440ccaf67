import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { currentCorrelationId } from '@fsl/logging';
import { AppError, PROBLEM_JSON } from '@fsl/http';
import { mapHiring } from './hiring.mapping';
import { CoPublisher } from './publisher';

const problem = { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } };

@ApiTags('comunicazioni')
@Controller('v1/comunicazioni')
export class ComunicazioniController {
  constructor(private readonly publisher: CoPublisher) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Submit one CO hiring', description: 'Validated, published to Kafka; answered only after Kafka acknowledged it.' })
  @ApiBody({ schema: { type: 'object', description: 'A UNILAV hiring (dati invio, datore, lavoratore, rapporto)' } })
  @ApiResponse({ status: 202, description: 'Accepted: Kafka has the event' })
  @ApiResponse({ status: 422, description: 'Invalid content; every bad field is named', content: problem })
  @ApiResponse({ status: 503, description: 'Kafka unavailable; retry after the given delay', content: problem })
  async submit(@Body() body: unknown): Promise<{ eventId: string; codiceComunicazione: string }> {
    const mapped = mapHiring(body, { now: Date.now(), correlationId: currentCorrelationId() });
    if (!mapped.ok) throw new AppError('VALIDATION_FAILED', `${mapped.problems.length} problem(s) in the comunicazione`, { errors: mapped.problems });
    await this.publisher.publish([mapped]);
    return { eventId: mapped.event.header.eventId, codiceComunicazione: mapped.event.payload.codiceComunicazione };
  }
}
