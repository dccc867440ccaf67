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

// The SIISL section: the citizen's CV (current, and the list of every version received, each readable
// through the versione-curriculum e-service) and the job proposals made to them with the offer they name.

const ID_SIISL = { maxLength: 64, pattern: '^[A-Za-z0-9._:-]{1,64}$' } as const;

export class DatoreEsperienzaDto {
  @ApiPropertyOptional({ description: 'Codice fiscale del datore di lavoro', maxLength: 16, example: '02877740213' })
  codiceFiscale?: string;
  @ApiPropertyOptional({ description: 'Denominazione', maxLength: 200, example: 'AZIENDA 1 SRL' })
  denominazione?: string;
}

export class EsperienzaDto {
  @ApiPropertyOptional({ type: DatoreEsperienzaDto, description: 'Datore di lavoro, se indicato' })
  datore?: DatoreEsperienzaDto;
  @ApiProperty({ description: 'Data di inizio', format: 'date', maxLength: 10, example: '2024-05-29' })
  dataInizio!: string;
  @ApiPropertyOptional({ description: 'Data di fine; assente se in corso', format: 'date', maxLength: 10, example: '2025-05-28' })
  dataFine?: string;
  @ApiPropertyOptional({ description: 'Qualifica professionale (CP2011)', maxLength: 16, example: '5.2.2.1.0.0' })
  qualificaCp2011?: string;
  @ApiPropertyOptional({ description: 'Settore (ATECO 2007)', maxLength: 16, example: '88.10.00' })
  settoreAteco?: string;
  @ApiPropertyOptional({ description: 'Mansioni svolte', maxLength: 2000, example: 'Assistenza domiciliare' })
  mansioni?: string;
  @ApiProperty({ description: 'Fonte: CO (da comunicazione obbligatoria), DICHIARATA (dal cittadino)', maxLength: 16, example: 'CO' })
  fonte!: string;
}

export class IstruzioneDto {
  @ApiProperty({ description: 'Titolo di studio', maxLength: 300, example: 'Laurea triennale' })
  titolo!: string;
  @ApiProperty({ description: 'Livello ISCED 2011', maxLength: 4, example: '6' })
  livelloIsced!: string;
  @ApiPropertyOptional({ description: 'Livello EQF (QNQ)', maxLength: 4, example: '6' })
  livelloEqf?: string;
  @ApiPropertyOptional({ description: 'Istituto', maxLength: 300, example: 'Università degli Studi di Napoli Federico II' })
  istituto?: string;
  @ApiPropertyOptional({ description: 'Anno di conseguimento', type: 'integer', format: 'int32', minimum: 1900, maximum: 2099, example: 2008 })
  annoConseguimento?: number;
}

export class LinguaDto {
  @ApiProperty({ description: 'Lingua (ISO 639-1)', maxLength: 3, example: 'en' })
  lingua!: string;
  @ApiProperty({ description: 'Livello QCER (CEFR): A1, A2, B1, B2, C1, C2', maxLength: 2, example: 'B2' })
  livelloCefr!: string;
  @ApiPropertyOptional({ description: 'Madrelingua', example: false })
  madrelingua?: boolean;
}

export class CompetenzaDto {
  @ApiPropertyOptional({ description: 'URI ESCO della competenza', format: 'uri', maxLength: 256, example: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000013' })
  escoUri?: string;
  @ApiPropertyOptional({ description: 'Descrizione libera, quando non c’è un URI ESCO', maxLength: 500, example: 'HACCP' })
  descrizione?: string;
  @ApiPropertyOptional({ description: 'Tipo: SKILL, CONOSCENZA', maxLength: 16, example: 'SKILL' })
  tipo?: string;
}

export class DisponibilitaDto {
  @ApiProperty({ description: 'Comuni in cui il cittadino è disponibile a lavorare (codici Belfiore)', type: [String], maxItems: 1000, example: ['F839', 'H501'] })
  comuni!: string[];
  @ApiPropertyOptional({ description: 'Orario: TEMPO_PIENO, TEMPO_PARZIALE, INDIFFERENTE', maxLength: 16, example: 'INDIFFERENTE' })
  orario?: string;
  @ApiPropertyOptional({ description: 'Distanza massima dalla residenza, in km', type: 'integer', format: 'int32', minimum: 0, maximum: 2000, example: 10 })
  distanzaMassimaKm?: number;
  @ApiPropertyOptional({ description: 'Disponibile a trasferte', example: false })
  trasferte?: boolean;
  @ApiPropertyOptional({ description: 'Disponibile dal', format: 'date', maxLength: 10, example: '2024-06-10' })
  dataDisponibilita?: string;
}

export class CurriculumDto {
  @ApiProperty({ description: 'Identificativo SIISL del curriculum', ...ID_SIISL, example: 'CV-201' })
  id!: string;
  @ApiProperty({ description: 'Versione SIISL del curriculum', type: 'integer', format: 'int64', minimum: 1, example: 2 })
  versione!: number;
  @ApiProperty({ description: 'Quando il SIISL ha registrato questa versione', format: 'date-time', maxLength: 35, example: '2024-06-08T10:00:00Z' })
  aggiornatoIl!: string;
  @ApiProperty({ type: [EsperienzaDto], description: 'Esperienze di lavoro', maxItems: 1000 })
  esperienze!: EsperienzaDto[];
  @ApiProperty({ type: [IstruzioneDto], description: 'Istruzione e formazione', maxItems: 100 })
  istruzione!: IstruzioneDto[];
  @ApiProperty({ type: [LinguaDto], description: 'Lingue conosciute', maxItems: 100 })
  lingue!: LinguaDto[];
  @ApiProperty({ type: [CompetenzaDto], description: 'Competenze', maxItems: 1000 })
  competenze!: CompetenzaDto[];
  @ApiPropertyOptional({ type: DisponibilitaDto, description: 'Disponibilità al lavoro' })
  disponibilita?: DisponibilitaDto;
}

export class VersioneCurriculumDto {
  @ApiProperty({ description: 'Identificativo SIISL del curriculum', ...ID_SIISL, example: 'CV-201' })
  id!: string;
  @ApiProperty({ description: 'Versione SIISL', type: 'integer', format: 'int64', minimum: 1, example: 1 })
  versione!: number;
  @ApiProperty({ description: 'Quando il SIISL ha registrato questa versione', format: 'date-time', maxLength: 35, example: '2024-02-09T10:00:00Z' })
  aggiornatoIl!: string;
  @ApiProperty({ description: 'La versione è una cancellazione del curriculum (non ha contenuto)', example: false })
  eliminata!: boolean;
}

export class DatoreOffertaDto {
  @ApiProperty({ description: 'Codice fiscale del datore di lavoro', maxLength: 16, example: '02877740213' })
  codiceFiscale!: string;
  @ApiProperty({ description: 'Denominazione', maxLength: 200, example: 'AZIENDA 1 SRL' })
  denominazione!: string;
}

export class OffertaLavoroDto {
  @ApiProperty({ description: 'Identificativo SIISL dell’offerta', ...ID_SIISL, example: 'OFF-20250331-1' })
  id!: string;
  @ApiProperty({ description: 'Versione SIISL dell’offerta', type: 'integer', format: 'int64', minimum: 1, example: 2 })
  versione!: number;
  @ApiProperty({ type: DatoreOffertaDto, description: 'Datore di lavoro che offre il posto' })
  datore!: DatoreOffertaDto;
  @ApiProperty({ description: 'Qualifica professionale (CP2011)', maxLength: 16, example: '5.2.2.1.0.0' })
  qualificaCp2011!: string;
  @ApiPropertyOptional({ description: 'Settore (ATECO 2007)', maxLength: 16, example: '88.10.00' })
  settoreAteco?: string;
  @ApiProperty({ description: 'Comune della sede di lavoro (codice Belfiore)', maxLength: 4, example: 'H703' })
  sedeComune!: string;
  @ApiProperty({ description: 'Tipologia contrattuale (codice CO)', maxLength: 8, example: 'A.03.02' })
  tipologiaContrattuale!: string;
  @ApiProperty({ description: 'Data di pubblicazione', format: 'date', maxLength: 10, example: '2024-05-17' })
  dataPubblicazione!: string;
  @ApiPropertyOptional({ description: 'Data di chiusura', format: 'date', maxLength: 10, example: '2024-07-16' })
  dataChiusura?: string;
  @ApiProperty({ description: 'Stato: PUBBLICATA, SOSPESA, CHIUSA, SCADUTA', maxLength: 16, example: 'CHIUSA' })
  stato!: string;
}

const COLLEGAMENTO = 'Stato del collegamento: COLLEGATO (ricevuto, versione corrente allegata), IN_ATTESA (non ancora ricevuto dal SIISL), ELIMINATO (cancellato nel SIISL)';
export const STATI_COLLEGAMENTO = ['COLLEGATO', 'IN_ATTESA', 'ELIMINATO'];

export class PropostaLavoroDto {
  @ApiProperty({ description: 'Identificativo SIISL della proposta', ...ID_SIISL, example: 'PROP-201' })
  id!: string;
  @ApiProperty({ description: 'Versione SIISL della proposta', type: 'integer', format: 'int64', minimum: 1, example: 2 })
  versione!: number;
  @ApiProperty({ description: 'Identificativo SIISL dell’offerta proposta', ...ID_SIISL, example: 'OFF-20250331-1' })
  offertaId!: string;
  @ApiProperty({ description: `${COLLEGAMENTO} dell’offerta`, enum: STATI_COLLEGAMENTO, maxLength: 16, example: 'COLLEGATO' })
  collegamento!: string;
  @ApiProperty({ type: OffertaLavoroDto, nullable: true, description: 'L’offerta nella sua versione corrente; null se in attesa o eliminata' })
  offerta!: OffertaLavoroDto | null;
  @ApiProperty({ description: 'Stato: PROPOSTA, ACCETTATA, RIFIUTATA, SCADUTA', maxLength: 16, example: 'ACCETTATA' })
  stato!: string;
  @ApiProperty({ description: 'Data della proposta', format: 'date', maxLength: 10, example: '2024-05-20' })
  dataProposta!: string;
  @ApiPropertyOptional({ description: 'Termine per rispondere', format: 'date', maxLength: 10, example: '2024-06-03' })
  dataScadenza?: string;
  @ApiPropertyOptional({ description: 'Data dell’esito (accettazione, rifiuto, scadenza)', format: 'date', maxLength: 10, example: '2024-05-22' })
  dataEsito?: string;
  @ApiPropertyOptional({ description: 'Motivo del rifiuto', maxLength: 500, example: 'Sede troppo distante' })
  motivoRifiuto?: string;
  @ApiPropertyOptional({ description: 'Il rifiuto è giustificato (offerta non congrua)', example: true })
  rifiutoGiustificato?: boolean;
}

export class SezioneSiislDto {
  @ApiProperty({ type: CurriculumDto, nullable: true, description: 'Curriculum corrente; null se il cittadino non ne ha' })
  curriculum!: CurriculumDto | null;
  @ApiProperty({ type: [VersioneCurriculumDto], description: 'Ogni versione ricevuta di ogni curriculum, dalla più vecchia: ciascuna si legge con l’e-service Versione curriculum', maxItems: 1000 })
  versioniCurriculum!: VersioneCurriculumDto[];
  @ApiProperty({ type: [PropostaLavoroDto], description: 'Proposte di lavoro ricevute, per data della proposta', maxItems: 1000 })
  proposteLavoro!: PropostaLavoroDto[];
}

export class CartellaLavorativaDto {
  @ApiProperty({ description: 'Codice fiscale del cittadino, come scritto', maxLength: 16 })
  codiceFiscale!: string;
  @ApiProperty({ description: 'Versione del fascicolo: cresce a ogni modifica applicata', type: 'integer', format: 'int64' })
  versione!: number;
  @ApiProperty({ description: 'Data alla quale sono calcolati gli stati', format: 'date', maxLength: 10 })
  calcolataAl!: string;
  @ApiProperty({ type: [RapportoDto], description: 'Rapporti di lavoro dalle comunicazioni obbligatorie (vuoto per chi ha solo dati SIISL)', maxItems: 1000 })
  rapporti!: RapportoDto[];
  @ApiProperty({ type: [PeriodoDto], description: 'Periodi di occupazione', maxItems: 1000 })
  periodi!: PeriodoDto[];
  @ApiPropertyOptional({
    type: PermessoSoggiornoDto,
    description:
      'Permesso di soggiorno del lavoratore extra UE, come dichiarato dalla comunicazione più recente che lo riporta. Dato particolare: presente solo se la finalità del fruitore lo comprende (datiParticolari: permessoSoggiorno).',
  })
  permessoSoggiorno?: PermessoSoggiornoDto;
  @ApiProperty({ type: SezioneSiislDto, description: 'Dal SIISL, accanto ai rapporti delle comunicazioni obbligatorie: curriculum e proposte di lavoro' })
  siisl!: SezioneSiislDto;
}
