import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { currentCorrelationId } from '@fsl/logging';
import { AppError, type FieldProblem } from '@fsl/http';
import type { IngestDtos } from './dto';
import './errors';
import { mediaType, problemResponses } from './http-docs';
import { LottiStore, type Lotto } from './lotti.store';
import { LottiService } from './lotti.service';
import { ESITI, type Esito } from './outcomes';

const MAX_PAGE = 10_000;
const idParam = { name: 'id', description: 'Id del lotto', schema: { type: 'string', format: 'uuid', maxLength: 36 } } as const;

type LottoDto = InstanceType<IngestDtos['LottoDto']>;
type PaginaEsitiDto = InstanceType<IngestDtos['PaginaEsitiDto']>;

function toDto(l: Lotto): LottoDto {
  return {
    id: l.id,
    stato: l.stato,
    dimensioneByte: l.dimensioneByte,
    byteElaborati: l.byteElaborati,
    righeElaborate: l.righeElaborate,
    accettate: l.accettate,
    duplicate: l.duplicate,
    rifiutate: l.rifiutate,
    inConflitto: l.inConflitto,
    ...(l.errore ? { errore: l.errore } : {}),
    ricevutoIl: l.ricevutoIl.toISOString(),
    ...(l.iniziatoIl ? { iniziatoIl: l.iniziatoIl.toISOString() } : {}),
    ...(l.completatoIl ? { completatoIl: l.completatoIl.toISOString() } : {}),
    esiti: `/v1/lotti/${l.id}/esiti`,
  };
}

function pageParams(dallaRiga: unknown, limite: unknown, esito: unknown): { from: number; limit: number; esito?: Esito } {
  const errors: FieldProblem[] = [];
  const int = (name: string, v: unknown, dflt: number, max: number): number => {
    if (v === undefined) return dflt;
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    if (!(n >= 1 && n <= max)) errors.push({ path: name, code: 'INVALID_VALUE', message: `must be an integer from 1 to ${max}` });
    return n;
  };
  const from = int('dallaRiga', dallaRiga, 1, 2 ** 31 - 1);
  const limit = int('limite', limite, 1000, MAX_PAGE);
  if (esito !== undefined && !ESITI.includes(esito as Esito)) errors.push({ path: 'esito', code: 'INVALID_VALUE', message: `must be one of ${ESITI.join(', ')}` });
  if (errors.length) throw new AppError('BAD_REQUEST', 'invalid query parameters', { errors });
  return { from, limit, ...(esito !== undefined ? { esito: esito as Esito } : {}) };
}

export interface LottiControllerOptions {
  /** The OpenAPI tag of the source's operations. */
  tag: string;
  dtos: Pick<IngestDtos, 'LottoDto' | 'PaginaEsitiDto'>;
  /** What a line of the file holds, e.g. 'Righe NDJSON, una CO per riga (fino a LOTTO_MAX_BYTES)'. */
  fileBody: string;
}

/** The file-job routes (POST /v1/lotti, GET /v1/lotti/{id}, GET /v1/lotti/{id}/esiti) of a source. */
export function lottiController(o: LottiControllerOptions) {
  const { LottoDto, PaginaEsitiDto } = o.dtos;

  @ApiTags(o.tag)
  @Controller('v1/lotti')
  class LottiController {
    constructor(
      @Inject(LottiService) readonly lotti: LottiService,
      @Inject(LottiStore) readonly store: LottiStore,
    ) {}

    @Post()
    @HttpCode(202)
    @ApiOperation({
      summary: 'Invio di un file NDJSON di grandi dimensioni',
      description:
        'The file is spooled and processed as a background job (BullMQ), in chunks: each chunk is published and acknowledged by ' +
        'Kafka before its progress is recorded, so the job resumes after a restart from the last acknowledged chunk. Progress at ' +
        'the Location URL, per-line results at …/esiti.',
    })
    @ApiConsumes('application/x-ndjson')
    @ApiBody({ description: o.fileBody, schema: { type: 'string' } })
    @ApiResponse({
      status: 202,
      description: 'File ricevuto; il lotto è in coda',
      type: LottoDto,
      headers: { Location: { description: 'URL dello stato del lotto', schema: { type: 'string', maxLength: 64 } } },
    })
    @problemResponses({ 413: 'File più grande di LOTTO_MAX_BYTES', 415: 'Tipo di contenuto non supportato' })
    async upload(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LottoDto> {
      if (mediaType(req) !== 'application/x-ndjson') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file as application/x-ndjson');
      const lotto = await this.lotti.accept(req, currentCorrelationId());
      res.setHeader('Location', `/v1/lotti/${lotto.id}`);
      return toDto(lotto);
    }

    @Get(':id')
    @ApiOperation({ summary: 'Stato e avanzamento di un lotto', description: 'State, bytes and lines processed, and counts per outcome.' })
    @ApiParam(idParam)
    @ApiResponse({ status: 200, description: 'Stato del lotto', type: LottoDto })
    @problemResponses({ 404: 'Lotto non trovato' })
    async get(@Param('id') id: string): Promise<LottoDto> {
      return toDto(await this.lotti.get(id));
    }

    @Get(':id/esiti')
    @ApiOperation({ summary: 'Esiti per riga di un lotto', description: 'Per-line results of the lines processed so far, in line order, one page at a time.' })
    @ApiParam(idParam)
    @ApiQuery({ name: 'dallaRiga', required: false, description: 'Prima riga della pagina (default 1)', schema: { type: 'integer', format: 'int32', minimum: 1 } })
    @ApiQuery({ name: 'limite', required: false, description: `Righe per pagina (default 1000, massimo ${MAX_PAGE})`, schema: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE } })
    @ApiQuery({ name: 'esito', required: false, description: 'Solo le righe con questo esito', schema: { type: 'string', enum: [...ESITI] } })
    @ApiResponse({ status: 200, description: 'Una pagina di esiti', type: PaginaEsitiDto })
    @problemResponses({ 400: 'Parametri non validi', 404: 'Lotto non trovato' })
    async esiti(@Param('id') id: string, @Query('dallaRiga') dallaRiga?: string, @Query('limite') limite?: string, @Query('esito') esito?: string): Promise<PaginaEsitiDto> {
      const page = pageParams(dallaRiga, limite, esito);
      await this.lotti.get(id);
      const esiti = await this.store.esiti(id, page.from, page.limit + 1, page.esito);
      const more = esiti.length > page.limit;
      return { esiti: esiti.slice(0, page.limit), prossimaRiga: more ? esiti[page.limit].riga : null };
    }
  }
  return LottiController;
}
