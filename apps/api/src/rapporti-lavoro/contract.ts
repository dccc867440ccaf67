import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DatoreDto, MissioneDto, PermessoSoggiornoDto, RapportoDto } from '../cartella-lavorativa.contract';
import { RichiestaFascicoloDto } from '../fascicolo/contract';

// Published contract of the three e-services on the rapporti di lavoro of the Comunicazioni Obbligatorie:
// the rapporti with their history, the rapporti open on a day with the values in force that day, and the
// check of an employment requirement that answers yes or no and nothing else. Mapped field by field from
// libs/cartella-lavorativa (mapping.ts); the SIISL part of the cartella lavorativa is not here.

const VERSIONE =
  'Versione del fascicolo (cresce a ogni modifica). 0 quando non ci sono dati visibili al fruitore: la risposta è la stessa per un codice fiscale sconosciuto, così non rivela se il cittadino è presente nel FSL.';
const DATA = (description: string, example: string) => ({ description, format: 'date', maxLength: 10, example }) as const;
export const TIPOLOGIA_CONTRATTUALE = { maxLength: 7, pattern: '^[A-Z]\\.[0-9]{2}\\.[0-9]{2}$' } as const;
/** The longest period a requirement is checked over: ten calendar years. */
export const ANNI_MASSIMI_VERIFICA = 10;
/** Days in the longest period (ten years with three leap days). */
export const GIORNI_MASSIMI_VERIFICA = 3653;

export class RichiestaRapportiLavoroDto extends RichiestaFascicoloDto {}

export class EsitoRapportiLavoroDto {
  @ApiProperty({ description: VERSIONE, type: 'integer', format: 'int64', minimum: 0, example: 12 })
  versione!: number;
  @ApiProperty(DATA('Data alla quale sono calcolati gli stati dei rapporti (oggi)', '2025-06-30'))
  calcolataAl!: string;
  @ApiProperty({ type: [RapportoDto], description: 'Rapporti di lavoro dalle comunicazioni obbligatorie, per data di inizio, ciascuno con la sua storia', maxItems: 1000 })
  rapporti!: RapportoDto[];
  @ApiPropertyOptional({
    type: PermessoSoggiornoDto,
    description:
      'Permesso di soggiorno del lavoratore extra UE, dalla comunicazione più recente che lo riporta. Dato particolare: presente solo se la finalità del fruitore lo comprende (datiParticolari: permessoSoggiorno).',
  })
  permessoSoggiorno?: PermessoSoggiornoDto;
}

export class RichiestaRapportiAttiviDto extends RichiestaFascicoloDto {
  @ApiProperty(DATA('Il giorno richiesto (non dopo oggi)', '2024-09-02'))
  data!: string;
}

export class RapportoAttivoDto {
  @ApiProperty({ description: 'Identificativo stabile del rapporto (codice della prima comunicazione)', maxLength: 16, example: '2100025999900001' })
  id!: string;
  @ApiProperty({ description: 'Modello: UNILAV, UNISOMM, UNIURG', maxLength: 8, example: 'UNILAV' })
  modello!: string;
  @ApiProperty({ description: 'Solo comunicazione d’urgenza, in attesa della UNILAV', example: false })
  provvisorio!: boolean;
  @ApiProperty(DATA('Data di inizio del rapporto', '2024-05-29'))
  dataInizio!: string;
  @ApiProperty({ description: 'Datore di lavoro quel giorno (dopo una variazione del datore, il nuovo dalla data della variazione)', type: DatoreDto })
  datore!: DatoreDto;
  @ApiPropertyOptional({ description: 'Tipologia contrattuale in vigore quel giorno (codice CO)', ...TIPOLOGIA_CONTRATTUALE, example: 'A.02.00' })
  tipologiaContrattuale?: string;
  @ApiPropertyOptional({ description: 'Tipo orario in vigore quel giorno: F tempo pieno, P/V/M tempo parziale, N non definito', maxLength: 2, example: 'P' })
  tipoOrario?: string;
  @ApiPropertyOptional({ description: 'Ore settimanali medie in vigore quel giorno (tempo parziale)', type: 'number', format: 'float', minimum: 0, maximum: 168, example: 20 })
  oreSettimanaliMedie?: number;
  @ApiPropertyOptional({ description: 'Qualifica professionale (CP2011) in vigore quel giorno', maxLength: 16, example: '5.2.2.1.0.0' })
  qualificaProfessionale?: string;
  @ApiPropertyOptional(DATA('Termine previsto in vigore quel giorno (tempo determinato), comprese le proroghe note oggi', '2025-05-28'))
  dataFine?: string;
  @ApiPropertyOptional({ description: 'Somministrazione (UNISOMM): la missione in corso quel giorno presso l’impresa utilizzatrice', type: MissioneDto })
  missione?: MissioneDto;
}

export class EsitoRapportiAttiviDto {
  @ApiProperty({ description: VERSIONE, type: 'integer', format: 'int64', minimum: 0, example: 12 })
  versione!: number;
  @ApiProperty(DATA('Il giorno richiesto', '2024-09-02'))
  data!: string;
  @ApiProperty({ type: [RapportoAttivoDto], description: 'Rapporti aperti quel giorno (come noti oggi), per data di inizio', maxItems: 1000 })
  rapporti!: RapportoAttivoDto[];
}

export class RichiestaRequisitoOccupazionaleDto extends RichiestaFascicoloDto {
  @ApiProperty(DATA('Primo giorno del periodo verificato', '2024-01-01'))
  dal!: string;
  @ApiProperty(DATA(`Ultimo giorno del periodo verificato: non prima di dal, non dopo oggi, al più ${ANNI_MASSIMI_VERIFICA} anni dopo dal`, '2024-12-31'))
  al!: string;
  @ApiPropertyOptional({
    description: 'Tipologie contrattuali (codici CO) che contano: un giorno conta se in quel giorno era in vigore una di queste. Assente: ogni tipologia.',
    type: [String],
    items: { type: 'string', ...TIPOLOGIA_CONTRATTUALE },
    minItems: 1,
    maxItems: 20,
    example: ['A.01.00', 'A.02.00'],
  })
  tipologieContrattuali?: string[];
  @ApiPropertyOptional({
    description: 'Giorni di calendario di occupazione richiesti nel periodo (assente: 1, cioè almeno un giorno); non più dei giorni del periodo',
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: GIORNI_MASSIMI_VERIFICA,
    example: 180,
  })
  giorniMinimi?: number;
}

export class PeriodoVerificatoDto {
  @ApiProperty(DATA('Primo giorno del periodo verificato', '2024-01-01'))
  dal!: string;
  @ApiProperty(DATA('Ultimo giorno del periodo verificato', '2024-12-31'))
  al!: string;
}

export class CriteriVerificatiDto {
  @ApiProperty({ description: 'Giorni di calendario di occupazione richiesti', type: 'integer', format: 'int32', minimum: 1, maximum: GIORNI_MASSIMI_VERIFICA, example: 180 })
  giorniMinimi!: number;
  @ApiPropertyOptional({
    description: 'Tipologie contrattuali considerate (in ordine, senza ripetizioni); assente: ogni tipologia',
    type: [String],
    items: { type: 'string', ...TIPOLOGIA_CONTRATTUALE },
    maxItems: 20,
    example: ['A.01.00', 'A.02.00'],
  })
  tipologieContrattuali?: string[];
}

export class EsitoRequisitoOccupazionaleDto {
  @ApiProperty({ description: 'true se il requisito è soddisfatto; false altrimenti, anche per un codice fiscale sconosciuto', example: true })
  esito!: boolean;
  @ApiProperty({ type: PeriodoVerificatoDto, description: 'Il periodo verificato, come richiesto' })
  periodo!: PeriodoVerificatoDto;
  @ApiProperty({ type: CriteriVerificatiDto, description: 'I criteri verificati' })
  criteri!: CriteriVerificatiDto;
  @ApiProperty(DATA('Giorno della verifica: i rapporti sono considerati come noti quel giorno', '2025-06-30'))
  dataVerifica!: string;
}
