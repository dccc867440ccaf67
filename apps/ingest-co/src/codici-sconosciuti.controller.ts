import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TABLE_NAMES, type TableName } from '@fsl/co';
import { AppError, type FieldProblem } from '@fsl/http';
import { problemResponses, UnknownCodes } from '@fsl/ingest';
import { CodiciSconosciutiDto } from './dto';

const MAX_LIMIT = 10_000;

@ApiTags('codici')
@Controller('v1/codici-sconosciuti')
export class CodiciSconosciutiController {
  constructor(@Inject(UnknownCodes) private readonly unknown: UnknownCodes) {}

  @Get()
  @ApiOperation({
    summary: 'Codici non presenti nelle tabelle, visti nelle comunicazioni accettate',
    description:
      'For the operators who complete the code tables: every well-formed code that a partial table (ATECO, CP2011, CCNL, ' +
      'cittadinanza, …) did not know in an accepted CO, with when it was first and last seen and how often. Such COs are ' +
      'accepted with a CODICE_NON_IN_TABELLA warning; codes are not personal data.',
  })
  @ApiQuery({ name: 'tabella', required: false, description: 'Solo questa tabella', schema: { type: 'string', enum: [...TABLE_NAMES] } })
  @ApiQuery({ name: 'limite', required: false, description: `Righe al massimo (default 1000, massimo ${MAX_LIMIT})`, schema: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_LIMIT } })
  @ApiResponse({ status: 200, description: 'I codici sconosciuti', type: CodiciSconosciutiDto })
  @problemResponses({ 400: 'Parametri non validi' })
  async list(@Query('tabella') tabella?: string, @Query('limite') limite?: string): Promise<CodiciSconosciutiDto> {
    const errors: FieldProblem[] = [];
    if (tabella !== undefined && !TABLE_NAMES.includes(tabella as TableName)) {
      errors.push({ path: 'tabella', code: 'INVALID_VALUE', message: `must be one of ${TABLE_NAMES.join(', ')}` });
    }
    const limit = limite === undefined ? 1000 : /^\d+$/.test(limite) ? Number(limite) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) errors.push({ path: 'limite', code: 'INVALID_VALUE', message: `must be an integer from 1 to ${MAX_LIMIT}` });
    if (errors.length) throw new AppError('BAD_REQUEST', 'invalid query parameters', { errors });
    const codici = await this.unknown.list(tabella, limit);
    return { codici: codici.map((c) => ({ ...c, primoVisto: c.primoVisto.toISOString(), ultimoVisto: c.ultimoVisto.toISOString() })) };
  }
}
