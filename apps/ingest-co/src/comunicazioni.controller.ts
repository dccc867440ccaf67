import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { coFixtures, serializeCoJson, serializeCoNdjson, serializeCoXml } from '@fsl/co';
import { AppError } from '@fsl/http';
import { ingestBatch, ingestOne, IngestRoutes, mediaType, problemResponses, type LineInput } from '@fsl/ingest';
import type { CoIdentity } from './co.adapter';
import type { CoInput } from './co-event.mapping';
import { EsitoComunicazioneDto, EsitoLottoDto } from './dto';
import './errors';
import { hasNonAsciiEdgeSpace, XML_EDGE_SPACE } from './xml-edge-space';

const JSON_TYPES = ['application/json'];
const XML_TYPES = ['application/xml', 'text/xml'];

// Fixed values so the generated OpenAPI document does not change from one run to the next.
const example = coFixtures.fixtureAssunzione({
  datiInvio: { codiceComunicazione: '1300000000000001', tipoComunicazione: '01', dataInvio: '2024-02-28T10:00:00+01:00' },
});

function singleInput(req: Request, body: unknown): LineInput<CoInput> {
  const type = mediaType(req);
  if (JSON_TYPES.includes(type)) return { riga: 1, input: { format: 'json', value: body } };
  if (XML_TYPES.includes(type)) {
    const text = typeof body === 'string' ? body : ''; // no body at all: not well-formed XML
    return hasNonAsciiEdgeSpace(text) ? { riga: 1, problems: [XML_EDGE_SPACE] } : { riga: 1, input: { format: 'xml', text } };
  }
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send one CO as application/json or application/xml; batches go to /v1/comunicazioni/lotti');
}

@ApiTags('comunicazioni')
@Controller('v1/comunicazioni')
export class ComunicazioniController extends IngestRoutes<CoInput, CoIdentity> {
  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Invio di una comunicazione obbligatoria',
    description:
      'One CO (UNILAV, UNISOMM, VARDATORI, UNIURG) as JSON mirroring its sections, or as the ministry XML ' +
      '(namespaces http://servizi.lavoro.gov.it/unilav, …/unisomm). Validated, published to Kafka (one event per worker) ' +
      'and answered only after Kafka acknowledged it. The same codiceComunicazione with the same content is answered ' +
      'DUPLICATA with the same event ids and no second effect; with a different content, 409.',
    // Per media type, which @ApiBody cannot express: a JSON object for JSON, a document for XML.
    requestBody: {
      required: true,
      description: 'Una comunicazione: JSON del modello CO (libs/co) o XML ministeriale',
      content: {
        'application/json': {
          schema: { type: 'object', description: 'CO model: modello, tipoEvento, datiInvio, datore, lavoratore, inizio, …' },
          example: JSON.parse(serializeCoJson(example)),
        },
        'application/xml': { schema: { type: 'string', description: 'UniLav / UniSomm / VarDatori / UniUrg document' }, example: serializeCoXml(example) },
      },
    },
  })
  @ApiResponse({ status: 202, description: 'Accettata (Kafka ha gli eventi) o già accettata con lo stesso contenuto', type: EsitoComunicazioneDto })
  @problemResponses({
    409: 'Stesso codiceComunicazione già accettato con un contenuto diverso',
    415: 'Tipo di contenuto non supportato',
    422: 'Comunicazione non valida: ogni problema con il suo campo, senza valori personali',
  })
  async submit(@Req() req: Request): Promise<EsitoComunicazioneDto> {
    const r = await ingestOne(this.ingest, singleInput(req, req.body as unknown), {
      record: 'the comunicazione',
      conflictCode: 'CO_CONFLICT',
      conflictDetail: 'send a rettifica (tipoComunicazione 03) with a new codice to correct an accepted CO',
    });
    return { codiceComunicazione: r.codiceComunicazione!, esito: r.esito as 'ACCETTATA' | 'DUPLICATA', eventIds: r.eventIds!, avvisi: r.avvisi ?? [] };
  }

  @Post('lotti')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Invio sincrono di un lotto NDJSON',
    description:
      'One CO per line (application/x-ndjson), up to BATCH_MAX_LINES lines and BATCH_MAX_BYTES bytes. Every line gets a result: ' +
      'good lines are published (answered only after Kafka acknowledged them), bad ones are reported by line number with every ' +
      'problem. Blank lines are skipped. Larger files: POST /v1/lotti.',
  })
  @ApiConsumes('application/x-ndjson')
  @ApiBody({ description: 'Righe NDJSON, una CO per riga', schema: { type: 'string', example: serializeCoNdjson([example]) } })
  @ApiResponse({ status: 200, description: 'Esito di ogni riga', type: EsitoLottoDto })
  @problemResponses({ 413: 'Lotto troppo grande per l’invio sincrono: usare POST /v1/lotti', 415: 'Tipo di contenuto non supportato' })
  async submitBatch(@Req() req: Request): Promise<EsitoLottoDto> {
    return ingestBatch(this.ingest, req, this.batch);
  }
}
