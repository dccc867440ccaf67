import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { validateCf } from '@fsl/codice-fiscale';
import { AppError, PROBLEM_JSON } from '@fsl/http';
import { CartellaLavorativaDto } from './cartella-lavorativa.contract';
import { CartellaLavorativaRepository } from './cartella-lavorativa.repository';

const problem = { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } };

@ApiTags('cartella-lavorativa')
@Controller('v1/cartelle-lavorative')
export class CartellaLavorativaController {
  constructor(private readonly repo: CartellaLavorativaRepository) {}

  @Get(':codiceFiscale')
  @ApiOperation({ summary: 'Cartella lavorativa di un cittadino', description: 'Comunicazioni obbligatorie e versione del fascicolo.' })
  @ApiParam({ name: 'codiceFiscale', description: 'Codice fiscale come scritto (16 caratteri o 11 cifre)', schema: { type: 'string', maxLength: 16, pattern: '^[A-Za-z0-9]{11,16}$' } })
  @ApiOkResponse({ type: CartellaLavorativaDto })
  @ApiResponse({ status: 400, description: 'Codice fiscale non valido', content: problem })
  @ApiResponse({ status: 404, description: 'Nessun fascicolo', content: problem })
  async get(@Param('codiceFiscale') raw: string): Promise<CartellaLavorativaDto> {
    const cf = validateCf(raw);
    if (!cf.ok) throw new AppError('BAD_REQUEST', 'the codice fiscale is not valid', { errors: [{ path: 'codiceFiscale', code: `CF_${cf.reason}`, message: cf.message }] });
    const cartella = await this.repo.find(cf.code);
    if (!cartella) throw new AppError('NOT_FOUND', 'no dossier for this codice fiscale');
    return cartella;
  }
}
