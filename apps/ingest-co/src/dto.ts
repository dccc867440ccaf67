import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ESITI, type Esito } from './outcomes';

// The published HTTP contract of ingest-co (OpenAPI is generated from these decorators).

export class ProblemaDto {
  @ApiProperty({ description: 'Percorso del campo nel modello CO, es. lavoratore.codiceFiscale', maxLength: 256 })
  path!: string;
  @ApiProperty({ description: 'Codice stabile del problema, es. CF_CHECK_CHARACTER', maxLength: 64 })
  code!: string;
  @ApiProperty({ description: 'Spiegazione (testo fisso per codice, mai valori del record)', maxLength: 1024 })
  message!: string;
}

export class AvvisoDto extends ProblemaDto {
  @ApiPropertyOptional({ description: 'Tabella di codici interessata, es. ateco, qualificaCp2011, ccnl, cittadinanza', maxLength: 64 })
  tabella?: string;
  @ApiPropertyOptional({ description: 'Il codice che la tabella non conosce (i codici non sono dati personali)', maxLength: 64 })
  codice?: string;
}

const AVVISI: ApiPropertyOptions = {
  type: [AvvisoDto],
  maxItems: 1000,
  description:
    'Avvisi sulla qualità dei dati: la comunicazione è accettata comunque (es. CODICE_NON_IN_TABELLA: codice ben formato che la ' +
    'tabella locale, parziale, non conosce; viene anche contato e elencato in GET /v1/codici-sconosciuti; ELEMENTO_XML_IGNORATO: ' +
    'un elemento XML che il modello non legge)',
};

const EVENT_IDS: ApiPropertyOptions = {
  type: [String],
  maxItems: 10000,
  description: 'Id degli eventi pubblicati, uno per lavoratore (deterministici: uguali a ogni reinvio)',
  example: ['dbc76c7d-9208-534d-9205-9496dad489fc'],
};

export class EsitoComunicazioneDto {
  @ApiProperty({ description: 'Codice della comunicazione', maxLength: 16, example: '1300000000000001' })
  codiceComunicazione!: string;
  @ApiProperty({ enum: ['ACCETTATA', 'DUPLICATA'], description: 'ACCETTATA: pubblicata ora; DUPLICATA: già accettata con lo stesso contenuto, nessun nuovo effetto' })
  esito!: 'ACCETTATA' | 'DUPLICATA';
  @ApiProperty(EVENT_IDS)
  eventIds!: string[];
  @ApiProperty(AVVISI)
  avvisi!: AvvisoDto[];
}

export class EsitoRigaDto {
  @ApiProperty({ description: 'Numero di riga (da 1; le righe vuote non hanno esito)', type: 'integer', format: 'int32', minimum: 1 })
  riga!: number;
  @ApiProperty({ enum: ESITI, description: 'Esito della riga' })
  esito!: Esito;
  @ApiPropertyOptional({ description: 'Codice della comunicazione (righe valide)', maxLength: 16 })
  codiceComunicazione?: string;
  @ApiPropertyOptional(EVENT_IDS)
  eventIds?: string[];
  @ApiPropertyOptional({ type: [ProblemaDto], maxItems: 1000, description: 'RIFIUTATA / IN_CONFLITTO: ogni problema trovato' })
  errors?: ProblemaDto[];
  @ApiPropertyOptional({ ...AVVISI, description: `${AVVISI.description as string}; assente se nessuno` })
  avvisi?: AvvisoDto[];
}

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

export class EsitoLottoDto extends ContatoriDto {
  @ApiProperty({ description: 'Righe con un esito', type: 'integer', format: 'int32' })
  righe!: number;
  @ApiProperty({ type: [EsitoRigaDto], maxItems: 100000, description: 'Esito di ogni riga non vuota, in ordine' })
  esiti!: EsitoRigaDto[];
}

export class LottoDto extends ContatoriDto {
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

export class PaginaEsitiDto {
  @ApiProperty({ type: [EsitoRigaDto], maxItems: 10000, description: 'Esiti in ordine di riga' })
  esiti!: EsitoRigaDto[];
  @ApiPropertyOptional({ type: 'integer', format: 'int32', nullable: true, description: 'dallaRiga della pagina successiva; assente se finita' })
  prossimaRiga?: number | null;
}

export class CodiceSconosciutoDto {
  @ApiProperty({ description: 'Tabella di codici', maxLength: 64, example: 'ateco' })
  tabella!: string;
  @ApiProperty({ description: 'Codice ben formato non presente nella tabella', maxLength: 64, example: '99.99.98' })
  codice!: string;
  @ApiProperty({ format: 'date-time', description: 'Prima comunicazione accettata che lo riportava', maxLength: 32 })
  primoVisto!: string;
  @ApiProperty({ format: 'date-time', description: 'Ultima comunicazione accettata che lo riportava', maxLength: 32 })
  ultimoVisto!: string;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Occorrenze nelle comunicazioni accettate' })
  occorrenze!: number;
}

export class CodiciSconosciutiDto {
  @ApiProperty({ type: [CodiceSconosciutoDto], maxItems: 10000, description: 'Per tabella, dal codice più frequente' })
  codici!: CodiceSconosciutoDto[];
}
