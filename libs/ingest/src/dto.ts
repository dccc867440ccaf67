import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ESITI, type Esito } from './outcomes';

// The published HTTP contract shared by every ingest (OpenAPI is generated from these decorators). The
// classes are made per source, because their descriptions name the source's own fields and examples;
// the shapes are the same for all.

export interface DtoTexts {
  /** ProblemaDto.path, e.g. 'Percorso del campo nel modello CO, es. lavoratore.codiceFiscale'. */
  problemaPath: string;
  /** AvvisoDto.tabella: the source's code tables. */
  tabella: string;
  /** The avvisi list: which warnings the source gives. */
  avvisi: string;
  /** The eventIds list: how many events a record gives. */
  eventIds: string;
  /** The source's own fields of a line's result (its identity fields first), between esito and eventIds. */
  lineFields: Record<string, ApiPropertyOptions>;
}

export interface SharedOptions {
  avvisi: ApiPropertyOptions;
  eventIds: ApiPropertyOptions;
}

/**
 * Applies a property decorator the way `@ApiProperty…` written on a field would, with the field's design
 * type (which the compiler records for written decorators only).
 */
function property(target: object, name: string, decorator: PropertyDecorator, designType: unknown): void {
  Reflect.defineMetadata('design:type', designType, target, name);
  decorator(target, name);
}

const designTypeOf = (o: ApiPropertyOptions): unknown => {
  const t = (o as { type?: unknown }).type;
  return t === 'integer' || t === 'number' ? Number : t === 'boolean' ? Boolean : Array.isArray(t) ? Array : String;
};

export function ingestDtos(t: DtoTexts) {
  class ProblemaDto {
    @ApiProperty({ description: t.problemaPath, maxLength: 256 })
    path!: string;
    @ApiProperty({ description: 'Codice stabile del problema, es. CF_CHECK_CHARACTER', maxLength: 64 })
    code!: string;
    @ApiProperty({ description: 'Spiegazione (testo fisso per codice, mai valori del record)', maxLength: 1024 })
    message!: string;
  }

  class AvvisoDto extends ProblemaDto {
    @ApiPropertyOptional({ description: t.tabella, maxLength: 64 })
    tabella?: string;
    @ApiPropertyOptional({ description: 'Il codice che la tabella non conosce (i codici non sono dati personali)', maxLength: 64 })
    codice?: string;
  }

  const AVVISI: ApiPropertyOptions = { type: [AvvisoDto], maxItems: 1000, description: t.avvisi };
  const EVENT_IDS: ApiPropertyOptions = { type: [String], maxItems: 10000, description: t.eventIds, example: ['dbc76c7d-9208-534d-9205-9496dad489fc'] };

  // Built field by field so that the source's own fields sit between esito and eventIds.
  class EsitoRigaDto {
    riga!: number;
    esito!: Esito;
    eventIds?: string[];
    errors?: ProblemaDto[];
    avvisi?: AvvisoDto[];
  }
  const riga = EsitoRigaDto.prototype;
  property(riga, 'riga', ApiProperty({ description: 'Numero di riga (da 1; le righe vuote non hanno esito)', type: 'integer', format: 'int32', minimum: 1 }), Number);
  property(riga, 'esito', ApiProperty({ enum: ESITI, description: 'Esito della riga' }), String);
  for (const [name, options] of Object.entries(t.lineFields)) property(riga, name, ApiPropertyOptional(options), designTypeOf(options));
  property(riga, 'eventIds', ApiPropertyOptional(EVENT_IDS), Array);
  property(riga, 'errors', ApiPropertyOptional({ type: [ProblemaDto], maxItems: 1000, description: 'RIFIUTATA / IN_CONFLITTO: ogni problema trovato' }), Array);
  property(riga, 'avvisi', ApiPropertyOptional({ ...AVVISI, description: `${t.avvisi}; assente se nessuno` }), Array);

  /** Lines per outcome, shared by a synchronous batch's answer and a file job's state. */
  class ContatoriDto {
    @ApiProperty({ type: 'integer', format: 'int32', description: 'Righe accettate (eventi pubblicati)' })
    accettate!: number;
    @ApiProperty({ type: 'integer', format: 'int32', description: 'Righe già accettate con lo stesso contenuto' })
    duplicate!: number;
    @ApiProperty({ type: 'integer', format: 'int32', description: 'Righe non valide' })
    rifiutate!: number;
    @ApiProperty({ type: 'integer', format: 'int32', description: 'Codici già accettati con un contenuto diverso' })
    inConflitto!: number;
  }

  class EsitoLottoDto extends ContatoriDto {
    @ApiProperty({ description: 'Righe con un esito', type: 'integer', format: 'int32' })
    righe!: number;
    @ApiProperty({ type: [EsitoRigaDto], maxItems: 100000, description: 'Esito di ogni riga non vuota, in ordine' })
    esiti!: EsitoRigaDto[];
  }

  class LottoDto extends ContatoriDto {
    @ApiProperty({ description: 'Id del lotto', format: 'uuid', maxLength: 36 })
    id!: string;
    @ApiProperty({ enum: ['IN_CODA', 'IN_CORSO', 'COMPLETATO', 'FALLITO'], description: 'Stato del lotto' })
    stato!: string;
    @ApiProperty({ type: 'integer', format: 'int64', description: 'Dimensione del file' })
    dimensioneByte!: number;
    @ApiProperty({ type: 'integer', format: 'int64', description: 'Byte elaborati (avanzamento)' })
    byteElaborati!: number;
    @ApiProperty({ type: 'integer', format: 'int32', description: 'Righe elaborate, vuote incluse' })
    righeElaborate!: number;
    @ApiPropertyOptional({ description: 'Motivo del fallimento', maxLength: 256 })
    errore?: string;
    @ApiProperty({ format: 'date-time', description: 'Ricezione del file', maxLength: 32 })
    ricevutoIl!: string;
    @ApiPropertyOptional({ format: 'date-time', description: 'Inizio elaborazione', maxLength: 32 })
    iniziatoIl?: string;
    @ApiPropertyOptional({ format: 'date-time', description: 'Fine elaborazione', maxLength: 32 })
    completatoIl?: string;
    @ApiProperty({ description: 'Dove leggere gli esiti per riga', maxLength: 64, example: '/v1/lotti/3f0c…/esiti' })
    esiti!: string;
  }

  class PaginaEsitiDto {
    @ApiProperty({ type: [EsitoRigaDto], maxItems: 10000, description: 'Esiti in ordine di riga' })
    esiti!: EsitoRigaDto[];
    @ApiPropertyOptional({ type: 'integer', format: 'int32', nullable: true, description: 'dallaRiga della pagina successiva; assente se finita' })
    prossimaRiga?: number | null;
  }

  /** For the source's own answers (e.g. the single record's) that list avvisi and event ids. */
  const options: SharedOptions = { avvisi: AVVISI, eventIds: EVENT_IDS };
  return { ProblemaDto, AvvisoDto, EsitoRigaDto, EsitoLottoDto, LottoDto, PaginaEsitiDto, options };
}

export type IngestDtos = ReturnType<typeof ingestDtos>;
