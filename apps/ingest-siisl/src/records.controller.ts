import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppError } from '@fsl/http';
import { ingestBatch, ingestOne, IngestRoutes, mediaType, problemResponses } from '@fsl/ingest';
import { ENTITA, siislFixtures, type Entita } from '@fsl/siisl';
import { EsitoLottoDto, EsitoRigaDto } from './dto';
import './errors';
import { isEntita, type SiislIdentity, type SiislInput } from './siisl.adapter';

const entitaParam = { name: 'entita', description: 'Entità SIISL', schema: { type: 'string', enum: [...ENTITA] } } as const;
// Fixed values so the generated OpenAPI document does not change from one run to the next.
const example = siislFixtures.valid('curriculum');

function entityOf(entita: string): Entita {
  if (!isEntita(entita)) throw new AppError('ENTITA_NOT_FOUND', `the entity is one of ${ENTITA.join(', ')}`);
  return entita;
}

@ApiTags('siisl')
@Controller('v1')
export class RecordsController extends IngestRoutes<SiislInput, SiislIdentity> {
  @Post(':entita')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Invio di un record SIISL',
    description:
      'One record of the entity (envelope id, versione, aggiornatoIl, operazione, codiceFiscale?, dati; a deletion is ' +
      'operazione ELIMINAZIONE without dati). Validated, published to Kafka (one message per citizen the record concerns) and ' +
      'answered only after Kafka acknowledged it. The same id and versione with the same content is answered DUPLICATA with ' +
      'the same event id and no second effect; with a different content, 409. A version older than the highest already ' +
      'accepted is accepted with obsoleta: true (it joins the history, the current version does not change).',
  })
  @ApiParam(entitaParam)
  @ApiBody({ description: 'Un record SIISL (JSON)', schema: { type: 'object', description: 'Envelope of libs/siisl: id, versione, aggiornatoIl, operazione, codiceFiscale?, dati', example } })
  @ApiResponse({ status: 202, description: 'Accettato (Kafka ha gli eventi) o già accettato con lo stesso contenuto', type: EsitoRigaDto })
  @problemResponses({
    404: 'Entità sconosciuta',
    409: 'Stessa versione del record già accettata con un contenuto diverso',
    415: 'Tipo di contenuto non supportato',
    422: 'Record non valido: ogni problema con il suo campo, senza valori personali',
  })
  async submit(@Param('entita') entita: string, @Req() req: Request): Promise<EsitoRigaDto> {
    const e = entityOf(entita);
    if (mediaType(req) !== 'application/json') throw new AppError('UNSUPPORTED_MEDIA_TYPE', `send one record as application/json; batches go to /v1/${e}/lotti`);
    return ingestOne(this.ingest, { riga: 1, input: { entita: e, value: req.body as unknown } }, {
      record: 'the record',
      conflictCode: 'SIISL_CONFLICT',
      conflictDetail: 'a changed record is sent as a new versione',
    });
  }

  @Post(':entita/lotti')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Invio sincrono di un lotto NDJSON di una entità',
    description:
      'One record of the entity per line (application/x-ndjson), up to BATCH_MAX_LINES lines and BATCH_MAX_BYTES bytes. Every ' +
      'line gets a result: good lines are published (answered only after Kafka acknowledged them), bad ones are reported by ' +
      'line number with every problem. Blank lines are skipped. Larger files, or files mixing entities: POST /v1/lotti.',
  })
  @ApiParam(entitaParam)
  @ApiConsumes('application/x-ndjson')
  @ApiBody({ description: 'Righe NDJSON, un record per riga', schema: { type: 'string', example: JSON.stringify(example) } })
  @ApiResponse({ status: 200, description: 'Esito di ogni riga', type: EsitoLottoDto })
  @problemResponses({ 404: 'Entità sconosciuta', 413: 'Lotto troppo grande per l’invio sincrono: usare POST /v1/lotti', 415: 'Tipo di contenuto non supportato' })
  async submitBatch(@Param('entita') entita: string, @Req() req: Request): Promise<EsitoLottoDto> {
    const e = entityOf(entita);
    return ingestBatch(this.ingest, req, this.batch, (text) => ({ entita: e, text }));
  }
}
