import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RichiestaRegistroAccessiDto {
  @ApiProperty({ description: 'Codice fiscale del cittadino autenticato dal canale (deve coincidere con userID della Agid-JWT-TrackingEvidence)', minLength: 11, maxLength: 16, pattern: '^[A-Za-z0-9]{11,16}$', example: 'RSSMRA85C52H501N' })
  codiceFiscale!: string;
  @ApiPropertyOptional({ description: 'Cursore della pagina successiva, come restituito in nextCursor; vale solo per lo stesso fruitore e lo stesso cittadino', maxLength: 256 })
  cursor?: string;
  @ApiPropertyOptional({ description: 'Numero massimo di accessi nella pagina', type: 'integer', format: 'int32', minimum: 1, maximum: 200, default: 50 })
  limit?: number;
}

export class FruitoreDto {
  @ApiPropertyOptional({ description: "Denominazione dell'ente fruitore", maxLength: 256 })
  denominazione?: string;
  @ApiProperty({ description: 'Client PDND del fruitore', maxLength: 64 })
  clientId!: string;
  @ApiPropertyOptional({ description: "Identificativo PDND dell'ente fruitore", type: 'string', maxLength: 64, nullable: true })
  organizzazione?: string | null;
}

export class AccessoDto {
  @ApiProperty({ description: "Data e ora dell'accesso (UTC)", format: 'date-time', maxLength: 32 })
  dataOra!: string;
  @ApiProperty({ type: FruitoreDto, description: 'Chi ha letto il fascicolo' })
  fruitore!: FruitoreDto;
  @ApiProperty({ description: 'Finalità PDND (purposeId) dichiarata per la lettura', maxLength: 64 })
  finalita!: string;
  @ApiProperty({ description: 'E-service usato', maxLength: 128 })
  eservice!: string;
}

export class RegistroAccessiDto {
  @ApiProperty({ type: [AccessoDto], maxItems: 200, description: 'Letture del fascicolo, dalla più recente' })
  accessi!: AccessoDto[];
  @ApiPropertyOptional({ description: 'Da passare come cursor per la pagina successiva; assente sull’ultima pagina', maxLength: 256 })
  nextCursor?: string;
}
