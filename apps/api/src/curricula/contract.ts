import { ApiProperty } from '@nestjs/swagger';
import { CurriculumDto } from '../cartella-lavorativa.contract';

// Published contract of the e-service that reads one version of a citizen's CV as it was: a CV update
// replaces the current one, and the versions before it stay readable. The codice fiscale travels in the
// body, never in the URL.

export class RichiestaVersioneCurriculumDto {
  @ApiProperty({ description: 'Codice fiscale del cittadino, come scritto (16 caratteri o 11 cifre)', minLength: 11, maxLength: 16, pattern: '^[A-Za-z0-9]{11,16}$', example: 'VRDNNA91D52F205X' })
  codiceFiscale!: string;
  @ApiProperty({ description: 'Identificativo SIISL del curriculum (si trova in cartellaLavorativa.siisl.versioniCurriculum)', maxLength: 64, pattern: '^[A-Za-z0-9._:-]{1,64}$', example: 'CV-0001' })
  curriculumId!: string;
  @ApiProperty({ description: 'Versione SIISL richiesta', type: 'integer', format: 'int64', minimum: 1, maximum: 9007199254740991, example: 1 })
  versione!: number;
}

export class EsitoVersioneCurriculumDto {
  @ApiProperty({ description: 'Versione del fascicolo alla quale è stato letto il curriculum', type: 'integer', format: 'int64', minimum: 1 })
  versione!: number;
  @ApiProperty({ type: CurriculumDto, description: 'Il curriculum com’era in quella versione' })
  curriculum!: CurriculumDto;
}
