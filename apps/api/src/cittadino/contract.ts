import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { CompetenzaDto, CurriculumDto, PropostaLavoroDto, VersioneCurriculumDto } from '../cartella-lavorativa.contract';
import { ImpegnoCittadinoDto, SostegnoCittadinoDto } from '../casi-pais/contract';
import { CorsoDto, IscrizioneDto, ManifestazioneInteresseDto, MisuraInclusioneDto, PartecipazionePucDto, RichiestaFascicoloDto, VERSIONE_FASCICOLO } from '../fascicolo/contract';

// Published contract of the e-services that serve one slice of a citizen's dossier (PUC, PaIS commitments and
// supports, inclusion measures, enrolments, interests, CV, job offers) and of the two course-catalogue
// e-services. Each slice reuses the DTOs of the cartella it comes from, so a field means the same in both;
// the CF travels in the body, never in the URL.

const ID_SIISL = { maxLength: 64, pattern: '^[A-Za-z0-9._:-]{1,64}$' } as const;
const VERSIONE = { description: VERSIONE_FASCICOLO, type: 'integer', format: 'int64', minimum: 0, example: 34 } as const;

/** The request of every slice: the citizen. A class of its own so that each e-service's document names it plainly. */
export class RichiestaCittadinoDto extends RichiestaFascicoloDto {}

export class EsitoPartecipazioniPucDto {
  @ApiProperty(VERSIONE)
  versione!: number;
  @ApiProperty({
    type: [PartecipazionePucDto],
    maxItems: 1000,
    description:
      'Partecipazioni a Progetti utili alla collettività, dal SIISL e da GePI, per data di inizio: una volta sola quando le due fonti riportano lo stesso progetto e periodo (fonti). ' +
      'Solo per le finalità che comprendono tutta la cartella sociale; vuoto altrimenti.',
  })
  partecipazioniPuc!: PartecipazionePucDto[];
}

export class ImpegnoPaisDto extends ImpegnoCittadinoDto {
  @ApiProperty({ description: 'Caso PaIS (GePI) del cui PaIS fa parte l’impegno', ...ID_SIISL, example: 'CASO-20250331-52' })
  casoId!: string;
}

export class EsitoImpegniPaisDto {
  @ApiProperty(VERSIONE)
  versione!: number;
  @ApiProperty({
    type: [ImpegnoPaisDto],
    maxItems: 1000,
    description:
      'Impegni assunti dal cittadino nel PaIS corrente di ciascun caso del cui nucleo fa o ha fatto parte, per caso, PaIS e identificativo. ' +
      'Solo i casi visibili al fruitore: quelli gestiti oggi dal suo ente, o tutti se la finalità lo consente.',
  })
  impegni!: ImpegnoPaisDto[];
}

export class SostegnoPaisDto extends SostegnoCittadinoDto {
  @ApiProperty({ description: 'Caso PaIS (GePI) del cui PaIS fa parte il sostegno', ...ID_SIISL, example: 'CASO-20250331-52' })
  casoId!: string;
}

export class EsitoSostegniPaisDto {
  @ApiProperty(VERSIONE)
  versione!: number;
  @ApiProperty({
    type: [SostegnoPaisDto],
    maxItems: 1000,
    description:
      'Sostegni del PaIS corrente di ciascun caso del cittadino che lo nominano beneficiario, o che sono per tutto il nucleo in un periodo in cui ne fa parte (perNucleo), ' +
      'per caso, PaIS e identificativo. Gli altri beneficiari non sono indicati. Solo i casi visibili al fruitore, come per gli impegni.',
  })
  sostegni!: SostegnoPaisDto[];
}

export class EsitoMisureInclusioneDto {
  @ApiProperty(VERSIONE)
  versione!: number;
  @ApiProperty({
    type: [MisuraInclusioneDto],
    maxItems: 1000,
    description:
      'Misure ADI e SFL di cui il cittadino è richiedente o componente del nucleo, dal SIISL, per data di decorrenza. ' +
      'Solo per le finalità che comprendono tutta la cartella sociale; vuoto altrimenti.',
  })
  misureInclusione!: MisuraInclusioneDto[];
}

export class EsitoIscrizioniCorsiDto {
  @ApiProperty(VERSIONE)
  versione!: number;
  @ApiProperty({ type: [IscrizioneDto], maxItems: 1000, description: 'Iscrizioni a corsi di formazione, dal SIISL, ciascuna con la storia degli eventi e il corso collegato, per data del primo evento' })
  iscrizioni!: IscrizioneDto[];
}

export class EsitoManifestazioniInteresseDto {
  @ApiProperty(VERSIONE)
  versione!: number;
  @ApiProperty({ type: [ManifestazioneInteresseDto], maxItems: 1000, description: 'Manifestazioni di interesse per corsi, dal SIISL, con il corso collegato, per data' })
  manifestazioniInteresse!: ManifestazioneInteresseDto[];
}

export class EsitoCurriculumDto {
  @ApiProperty(VERSIONE)
  versione!: number;
  @ApiProperty({ type: CurriculumDto, nullable: true, description: 'Il curriculum corrente; null se il cittadino non ne ha (o non è visibile al fruitore)' })
  curriculum!: CurriculumDto | null;
  @ApiProperty({
    type: [VersioneCurriculumDto],
    maxItems: 1000,
    description: 'Ogni versione ricevuta di ogni curriculum del cittadino, dalla più vecchia: le precedenti si leggono con l’e-service Versione curriculum',
  })
  versioniCurriculum!: VersioneCurriculumDto[];
}

/**
 * A job proposal without its refusal's free-text reason: a reason may name a health or family-care circumstance
 * (social-care data), which a labour answer does not carry; whether the refusal was justified is enough.
 */
export class PropostaOffertaLavoroDto extends OmitType(PropostaLavoroDto, ['motivoRifiuto'] as const) {}

export class EsitoOfferteLavoroDto {
  @ApiProperty(VERSIONE)
  versione!: number;
  @ApiProperty({
    type: [PropostaOffertaLavoroDto],
    maxItems: 1000,
    description: 'Offerte di lavoro proposte al cittadino (PROPOSTA, ACCETTATA, RIFIUTATA, SCADUTA), ciascuna con l’offerta collegata, per data della proposta. Nessun dato della cartella sociale.',
  })
  proposteLavoro!: PropostaOffertaLavoroDto[];
}

// ---- the course catalogue (nobody's personal data) ----

export class RichiestaOffertaFormativaDto {
  @ApiProperty({ description: 'Identificativo SIISL del corso', ...ID_SIISL, example: 'CORSO-20250331-6' })
  corsoId!: string;
}

export class DettaglioCorsoDto extends CorsoDto {
  @ApiPropertyOptional({ description: "Accreditamento dell'ente di formazione", maxLength: 100, example: 'Regione Campania' })
  accreditamentoEnte?: string;
  @ApiPropertyOptional({ description: 'Indirizzo della sede', maxLength: 200, example: 'Via Roma 1' })
  indirizzoSede?: string;
  @ApiProperty({ description: 'Posti disponibili', type: 'integer', format: 'int32', minimum: 1, maximum: 10000, example: 20 })
  posti!: number;
  @ApiProperty({ type: [CompetenzaDto], maxItems: 1000, description: 'Competenze che il corso sviluppa' })
  competenze!: CompetenzaDto[];
  @ApiPropertyOptional({ description: 'Fonte di finanziamento', maxLength: 100, example: 'GOL' })
  finanziamento?: string;
}

export class EsitoOffertaFormativaDto {
  @ApiProperty({ description: 'Identificativo SIISL del corso', ...ID_SIISL, example: 'CORSO-20250331-6' })
  corsoId!: string;
  @ApiProperty({ description: 'Versione SIISL più alta ricevuta per il corso (quella della cancellazione, per un corso eliminato)', type: 'integer', format: 'int64', minimum: 1, example: 1 })
  versione!: number;
  @ApiProperty({ description: 'true se il SIISL ha cancellato il corso: in tal caso corso è null', example: false })
  eliminato!: boolean;
  @ApiProperty({ type: DettaglioCorsoDto, nullable: true, description: 'Il corso nella sua versione corrente; null se eliminato' })
  corso!: DettaglioCorsoDto | null;
}

export class RichiestaIdentificativoOffertaFormativaDto {
  @ApiProperty({ description: "Codice fiscale dell'ente di formazione (11 cifre o 16 caratteri)", minLength: 11, maxLength: 16, pattern: '^[A-Za-z0-9]{11,16}$', example: '43334420916' })
  codiceFiscaleEnte!: string;
  @ApiProperty({ description: "Codice del corso presso l'ente, come l'ente lo ha comunicato al SIISL", minLength: 1, maxLength: 64, example: 'CEN-6' })
  codiceCorsoEnte!: string;
}

export class EsitoIdentificativoOffertaFormativaDto {
  @ApiProperty({ description: 'Identificativo SIISL del corso', ...ID_SIISL, example: 'CORSO-20250331-6' })
  corsoId!: string;
  @ApiProperty({ description: 'Versione SIISL corrente del corso', type: 'integer', format: 'int64', minimum: 1, example: 1 })
  versione!: number;
}
