import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Published contract of the cartella lavorativa. It is mapped field by field from the projection
// (libs/cartella-lavorativa), never exposed as the internal types, so internal changes do not leak
// into what other administrations see. Operator-only facts (conflicts, rejected corrections) stay out.

export class DatoreDto {
  @ApiProperty({ description: 'Codice fiscale del datore di lavoro', maxLength: 16, example: '02877740213' })
  codiceFiscale!: string;
  @ApiPropertyOptional({ description: 'Denominazione', maxLength: 256 })
  denominazione?: string;
}

export class DatorePrecedenteDto extends DatoreDto {
  @ApiProperty({ description: 'Ultimo giorno con questo datore', format: 'date', maxLength: 10 })
  finoAl!: string;
}

export class MissioneDto {
  @ApiProperty({ description: 'Impresa utilizzatrice presso cui si svolge la missione', type: DatoreDto })
  utilizzatore!: DatoreDto;
  @ApiProperty({ description: 'Inizio della missione', format: 'date', maxLength: 10 })
  dal!: string;
  @ApiPropertyOptional({ description: 'Fine prevista della missione', format: 'date', maxLength: 10 })
  al?: string;
}

export class PermessoSoggiornoDto {
  @ApiProperty({
    description: 'Tipo di documento: 1 permesso, 2 carta di soggiorno, 3 in rinnovo, 4 in attesa di permesso, 5 carta permanente, 6 altro provvedimento, 7 permesso UE per soggiornanti di lungo periodo',
    maxLength: 2,
  })
  tipoDocumento!: string;
  @ApiProperty({ description: 'Numero del documento', maxLength: 15 })
  numeroDocumento!: string;
  @ApiPropertyOptional({ description: 'Motivo del permesso (codice ministeriale, es. CSST1)', maxLength: 16 })
  motivo?: string;
  @ApiPropertyOptional({ description: 'Data di scadenza', format: 'date', maxLength: 10 })
  scadenza?: string;
  @ApiPropertyOptional({ description: 'Questura che lo ha rilasciato (codice a 3 cifre)', maxLength: 3 })
  questura?: string;
}

export class EventoRapportoDto {
  @ApiProperty({ description: 'Comunicazione in vigore (ultima rettifica)', maxLength: 16 })
  codiceComunicazione!: string;
  @ApiProperty({ description: 'Evento: ASS, PRO, TRS, TRD, CES, VAR, URG', maxLength: 3 })
  tipoEvento!: string;
  @ApiProperty({ description: 'Tipo comunicazione (codice ministeriale)', maxLength: 2 })
  tipoComunicazione!: string;
  @ApiProperty({ description: "Data dell'evento", format: 'date', maxLength: 10 })
  dataEvento!: string;
  @ApiProperty({ description: 'Esito: APPLICATO, ANNULLATO, SCARTATO, COMPLETATO, DUPLICATO', maxLength: 16 })
  esito!: string;
  @ApiProperty({ description: 'Rettifiche applicate, in ordine', type: [String], maxItems: 100 })
  rettifiche!: string[];
}

export class RapportoDto {
  @ApiProperty({ description: 'Identificativo stabile del rapporto (codice della prima comunicazione)', maxLength: 16 })
  id!: string;
  @ApiProperty({ description: 'Modello: UNILAV, UNISOMM, UNIURG', maxLength: 8 })
  modello!: string;
  @ApiProperty({ description: 'Stato: ATTIVO, CESSATO, CESSATO_AL_TERMINE, NON_INIZIATO', maxLength: 24 })
  stato!: string;
  @ApiProperty({ description: 'Datore attuale', type: DatoreDto })
  datore!: DatoreDto;
  @ApiProperty({ description: 'Data di inizio', format: 'date', maxLength: 10 })
  dataInizio!: string;
  @ApiPropertyOptional({ description: 'Termine previsto (tempo determinato, dopo le proroghe)', format: 'date', maxLength: 10 })
  dataFine?: string;
  @ApiPropertyOptional({ description: 'Fine effettiva: cessazione o termine trascorso', format: 'date', maxLength: 10 })
  dataFineEffettiva?: string;
  @ApiPropertyOptional({ description: 'Tipologia contrattuale', maxLength: 16 })
  tipologiaContrattuale?: string;
  @ApiPropertyOptional({ description: 'Tipo orario', maxLength: 2 })
  tipoOrario?: string;
  @ApiPropertyOptional({ description: 'Ore settimanali medie', type: 'number', format: 'float', minimum: 0, maximum: 168 })
  oreSettimanaliMedie?: number;
  @ApiPropertyOptional({ description: 'Qualifica professionale (CP2011)', maxLength: 16 })
  qualificaProfessionale?: string;
  @ApiPropertyOptional({ description: 'Causa di cessazione', maxLength: 4 })
  causaCessazione?: string;
  @ApiPropertyOptional({ description: 'Somministrazione (UNISOMM): la missione presso l’impresa utilizzatrice', type: MissioneDto })
  missione?: MissioneDto;
  @ApiProperty({ description: 'Solo comunicazione d’urgenza, in attesa della UNILAV' })
  provvisorio!: boolean;
  @ApiProperty({ type: [DatorePrecedenteDto], description: 'Datori precedenti (VARDATORI)', maxItems: 100 })
  datoriPrecedenti!: DatorePrecedenteDto[];
  @ApiProperty({ type: [EventoRapportoDto], description: 'Storia del rapporto', maxItems: 1000 })
  storia!: EventoRapportoDto[];
}

export class PeriodoDto {
  @ApiProperty({ description: 'Inizio del periodo di occupazione', format: 'date', maxLength: 10 })
  dal!: string;
  @ApiPropertyOptional({ description: 'Fine; assente se in corso', format: 'date', maxLength: 10 })
  al?: string;
}

export class CartellaLavorativaDto {
  @ApiProperty({ description: 'Codice fiscale del cittadino, come scritto', maxLength: 16 })
  codiceFiscale!: string;
  @ApiProperty({ description: 'Versione del fascicolo: cresce a ogni modifica applicata', type: 'integer', format: 'int64' })
  versione!: number;
  @ApiProperty({ description: 'Data alla quale sono calcolati gli stati', format: 'date', maxLength: 10 })
  calcolataAl!: string;
  @ApiProperty({ type: [RapportoDto], description: 'Rapporti di lavoro', maxItems: 1000 })
  rapporti!: RapportoDto[];
  @ApiProperty({ type: [PeriodoDto], description: 'Periodi di occupazione', maxItems: 1000 })
  periodi!: PeriodoDto[];
  @ApiPropertyOptional({
    type: PermessoSoggiornoDto,
    description:
      'Permesso di soggiorno del lavoratore extra UE, come dichiarato dalla comunicazione più recente che lo riporta. Dato particolare: presente solo se la finalità del fruitore lo comprende (datiParticolari: permessoSoggiorno).',
  })
  permessoSoggiorno?: PermessoSoggiornoDto;
}
