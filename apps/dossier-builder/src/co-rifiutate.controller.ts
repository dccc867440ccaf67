import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { AppError, PROBLEM_JSON } from '@fsl/http';
import { BUILDER_POOL } from './correzioni.controller';

export class CoRifiutataDto {
  @ApiProperty({ description: 'Codice della comunicazione rifiutata', maxLength: 16 })
  codiceComunicazione!: string;
  @ApiProperty({ description: 'Codice della comunicazione che corregge o completa', maxLength: 16, required: false })
  codiceComunicazionePrecedente?: string;
  @ApiProperty({ description: 'Tipo comunicazione (01 ordinaria, 03 rettifica, 04 annullamento, …)', maxLength: 2 })
  tipoComunicazione!: string;
  @ApiProperty({ description: 'Modello (UNILAV, UNISOMM, VARDATORI, UNIURG)', maxLength: 16 })
  modello!: string;
  @ApiProperty({ description: 'Tipo evento (ASS, PRO, TRS, TRD, CES, VAR, URG)', maxLength: 3 })
  tipoEvento!: string;
  @ApiProperty({ description: 'Motivo del rifiuto: un codice stabile (es. RETTIFICA_OF_ANNULLED, PROROGA_NOT_AFTER_CURRENT_END)', maxLength: 64 })
  motivo!: string;
  @ApiProperty({ description: 'Arrivo della comunicazione', format: 'date-time', maxLength: 32 })
  ricevutaIl!: string;
}

const MOTIVO = /^[A-Z_]{1,64}$/;

/**
 * Operator listing of the COs the builder refused (kept, without effect on the cartella: a rettifica of
 * an annulled CO, a proroga not moving the end, …); the metric builder_co_refused counts them by reason.
 * CO codes and reasons only, no codice fiscale.
 */
@ApiTags('operatori')
@Controller('v1/co-rifiutate')
export class CoRifiutateController {
  constructor(@Inject(BUILDER_POOL) private readonly pool: Pool) {}

  @Get()
  @ApiOperation({ summary: 'Comunicazioni rifiutate dal builder', description: 'Le più recenti per prime (al massimo 1000); una comunicazione tenuta da più lavoratori compare una volta.' })
  @ApiQuery({ name: 'motivo', required: false, description: 'Solo questo motivo', schema: { type: 'string', pattern: MOTIVO.source, maxLength: 64 } })
  @ApiOkResponse({ type: [CoRifiutataDto] })
  @ApiResponse({ status: 400, description: 'Motivo non valido', content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } } })
  async list(@Query('motivo') motivo?: string): Promise<CoRifiutataDto[]> {
    if (motivo !== undefined && (typeof motivo !== 'string' || !MOTIVO.test(motivo))) {
      throw new AppError('BAD_REQUEST', 'motivo must be a reason code', { errors: [{ path: 'motivo', code: 'INVALID', message: 'must be upper-case letters and underscores' }] });
    }
    const { rows } = await this.pool.query<{
      codice_comunicazione: string;
      codice_precedente: string | null;
      tipo_comunicazione: string;
      modello: string;
      tipo_evento: string;
      motivo: string;
      ricevuta_il: Date;
    }>(
      `SELECT * FROM (
         SELECT DISTINCT ON (codice_comunicazione) codice_comunicazione, codice_precedente, tipo_comunicazione, modello, tipo_evento, motivo, ricevuta_il
         FROM co_rifiutata WHERE ($1::text IS NULL OR motivo = $1) ORDER BY codice_comunicazione, ricevuta_il
       ) r ORDER BY ricevuta_il DESC, codice_comunicazione LIMIT 1000`,
      [motivo ?? null],
    );
    return rows.map((r) => ({
      codiceComunicazione: r.codice_comunicazione,
      ...(r.codice_precedente ? { codiceComunicazionePrecedente: r.codice_precedente } : {}),
      tipoComunicazione: r.tipo_comunicazione,
      modello: r.modello,
      tipoEvento: r.tipo_evento,
      motivo: r.motivo,
      ricevutaIl: r.ricevuta_il.toISOString(),
    }));
  }
}
