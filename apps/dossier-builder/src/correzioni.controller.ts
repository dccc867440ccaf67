import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { overdueCorrections, type WorkerState } from '@fsl/cartella-lavorativa';
import { AppError, PROBLEM_JSON } from '@fsl/http';

export const BUILDER_POOL = Symbol('BUILDER_POOL');
export const MAX_PARKED_SECONDS = Symbol('MAX_PARKED_SECONDS');

export class CorrezioneInAttesaDto {
  @ApiProperty({ description: 'Codice della rettifica o dell’annullamento in attesa', maxLength: 16 })
  codiceComunicazione!: string;
  @ApiProperty({ description: 'Codice della comunicazione che corregge, non ancora ricevuta', maxLength: 16, required: false })
  codiceComunicazionePrecedente?: string;
  @ApiProperty({ description: 'Tipo comunicazione: 03 rettifica, 04 annullamento', maxLength: 2 })
  tipoComunicazione!: string;
  @ApiProperty({ description: 'Arrivo della correzione', format: 'date-time', maxLength: 32 })
  ricevutaIl!: string;
}

/**
 * Operator listing of corrections parked longer than a threshold (the metric
 * builder_co_corrections_overdue counts the workers concerned). Lists CO codes only, no codice fiscale.
 */
@ApiTags('operatori')
@Controller('v1/correzioni-in-attesa')
export class CorrezioniController {
  constructor(
    @Inject(BUILDER_POOL) private readonly pool: Pool,
    @Inject(MAX_PARKED_SECONDS) private readonly defaultSeconds: number,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Correzioni in attesa oltre la soglia', description: 'Rettifiche e annullamenti arrivati prima della comunicazione che correggono.' })
  @ApiQuery({ name: 'oltreSecondi', required: false, description: 'Soglia in secondi (default: CO_MAX_PARKED_SECONDS)', schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 31536000 } })
  @ApiOkResponse({ type: [CorrezioneInAttesaDto] })
  @ApiResponse({ status: 400, description: 'Soglia non valida', content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } } })
  async list(@Query('oltreSecondi') raw?: string): Promise<CorrezioneInAttesaDto[]> {
    const seconds = raw === undefined ? this.defaultSeconds : Number(raw);
    if (!Number.isInteger(seconds) || seconds < 0) {
      throw new AppError('BAD_REQUEST', 'oltreSecondi must be a non-negative integer', { errors: [{ path: 'oltreSecondi', code: 'INVALID', message: 'must be a non-negative integer' }] });
    }
    const { rows } = await this.pool.query<{ state: WorkerState }>(
      `SELECT state FROM cartella_lavorativa WHERE pending_since < now() - make_interval(secs => $1) ORDER BY pending_since LIMIT 1000`,
      [seconds],
    );
    const now = new Date();
    return rows
      .flatMap((r) => overdueCorrections(r.state, now, seconds * 1000))
      .map((c) => ({
        codiceComunicazione: c.codiceComunicazione,
        ...(c.codiceComunicazionePrecedente ? { codiceComunicazionePrecedente: c.codiceComunicazionePrecedente } : {}),
        tipoComunicazione: c.tipoComunicazione,
        ricevutaIl: c.ricevutaIl,
      }));
  }
}
