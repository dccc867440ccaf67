import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Published contract of the cartella lavorativa. It is mapped field by field from the projection
// (never the internal event types), so internal changes do not leak into what other administrations see.

export class ComunicazioneDto {
  @ApiProperty({ description: 'Codice della comunicazione obbligatoria', maxLength: 16, example: '2100025000012345' })
  codiceComunicazione!: string;
  @ApiProperty({ description: 'Tipo comunicazione (codice ministeriale)', maxLength: 2, example: '01' })
  tipoComunicazione!: string;
  @ApiProperty({ description: 'Evento', maxLength: 32, example: 'ASSUNZIONE' })
  evento!: string;
  @ApiProperty({ description: 'Codice fiscale del datore di lavoro', maxLength: 16, example: '02877740213' })
  codiceFiscaleDatore!: string;
  @ApiProperty({ description: 'Denominazione del datore di lavoro', maxLength: 256 })
  denominazioneDatore!: string;
  @ApiProperty({ description: 'Data di inizio del rapporto', format: 'date', maxLength: 10 })
  dataInizio!: string;
  @ApiPropertyOptional({ description: 'Data di fine (tempo determinato)', format: 'date', maxLength: 10, nullable: true })
  dataFine!: string | null;
  @ApiProperty({ description: 'Tipologia contrattuale (codice)', maxLength: 16, example: 'A.01.00' })
  tipologiaContrattuale!: string;
}

export class CartellaLavorativaDto {
  @ApiProperty({ description: 'Codice fiscale del cittadino, come scritto', maxLength: 16 })
  codiceFiscale!: string;
  @ApiProperty({ description: 'Versione del fascicolo: cresce a ogni modifica applicata', type: 'integer', format: 'int64' })
  versione!: number;
  @ApiProperty({ type: [ComunicazioneDto], description: 'Comunicazioni obbligatorie ricevute', maxItems: 10000 })
  comunicazioni!: ComunicazioneDto[];
}
