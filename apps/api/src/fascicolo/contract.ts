import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CartellaLavorativaDto } from '../cartella-lavorativa.contract';

// Published contract of the consolidated fascicolo e-services. The codice fiscale travels in the
// request body, never in the URL, so that it does not end up in access logs of proxies and gateways.

const VERSIONE = 'Versione del fascicolo (cresce a ogni modifica). 0 quando non ci sono dati visibili al fruitore: la risposta è la stessa per un codice fiscale sconosciuto, così non rivela se il cittadino è presente nel FSL.';

export class RichiestaFascicoloDto {
  @ApiProperty({ description: 'Codice fiscale del cittadino, come scritto (16 caratteri o 11 cifre)', minLength: 11, maxLength: 16, pattern: '^[A-Za-z0-9]{11,16}$', example: 'RSSMRA85C52H501N' })
  codiceFiscale!: string;
}

export class CasoPaisDto {
  @ApiProperty({ description: 'Identificativo del caso PaIS', maxLength: 64 })
  identificativo!: string;
  @ApiProperty({ description: "Ente che gestisce il caso (codice dell'ente)", maxLength: 64 })
  enteGestore!: string;
  @ApiProperty({ description: 'Stato del caso', maxLength: 32 })
  stato!: string;
  @ApiProperty({ description: 'Data di apertura', format: 'date', maxLength: 10 })
  dataApertura!: string;
}

export class CartellaSocialeDto {
  @ApiProperty({ type: [CasoPaisDto], maxItems: 1000, description: "Casi PaIS visibili al fruitore: quelli gestiti dal suo ente, o tutti se la finalità lo consente. Sempre vuoto finché la proiezione della cartella sociale non esiste." })
  casiPais!: CasoPaisDto[];
}

export class PercorsoFormativoDto {
  @ApiProperty({ description: 'Titolo del percorso', maxLength: 256 })
  titolo!: string;
  @ApiProperty({ description: 'Ente di formazione', maxLength: 256 })
  ente!: string;
  @ApiProperty({ description: 'Data di inizio', format: 'date', maxLength: 10 })
  dataInizio!: string;
  @ApiPropertyOptional({ description: 'Data di fine', format: 'date', maxLength: 10 })
  dataFine?: string;
}

export class CartellaFormativaDto {
  @ApiProperty({ type: [PercorsoFormativoDto], maxItems: 1000, description: 'Percorsi formativi. Sempre vuoto finché la proiezione della cartella formativa non esiste.' })
  percorsi!: PercorsoFormativoDto[];
}

export class FascicoloDto {
  @ApiProperty({ description: VERSIONE, type: 'integer', format: 'int64', minimum: 0 })
  versione!: number;
  @ApiPropertyOptional({ type: CartellaLavorativaDto, nullable: true, description: 'Presente se la finalità comprende i dati lavorativi; null se non ci sono dati visibili.' })
  cartellaLavorativa?: CartellaLavorativaDto | null;
  @ApiPropertyOptional({ type: CartellaSocialeDto, description: 'Presente se la finalità comprende i dati sociali.' })
  cartellaSociale?: CartellaSocialeDto;
  @ApiPropertyOptional({ type: CartellaFormativaDto, description: 'Presente se la finalità comprende i dati formativi.' })
  cartellaFormativa?: CartellaFormativaDto;
}

export class EsitoCartellaLavorativaDto {
  @ApiProperty({ description: VERSIONE, type: 'integer', format: 'int64', minimum: 0 })
  versione!: number;
  @ApiProperty({ type: CartellaLavorativaDto, nullable: true, description: 'null se non ci sono dati visibili.' })
  cartellaLavorativa!: CartellaLavorativaDto | null;
}

export class EsitoCartellaSocialeDto {
  @ApiProperty({ description: VERSIONE, type: 'integer', format: 'int64', minimum: 0 })
  versione!: number;
  @ApiProperty({ type: CartellaSocialeDto })
  cartellaSociale!: CartellaSocialeDto;
}

export class EsitoCartellaFormativaDto {
  @ApiProperty({ description: VERSIONE, type: 'integer', format: 'int64', minimum: 0 })
  versione!: number;
  @ApiProperty({ type: CartellaFormativaDto })
  cartellaFormativa!: CartellaFormativaDto;
}
