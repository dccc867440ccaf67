import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CODICI_ESITO, type CodiceEsito } from './flussi';
import { STATI_ESITO, type StatoEsito } from './enti.store';

// The operator view's contract (OpenAPI generated from these decorators). Ids, timestamps, codes and
// counts: never a value of a flow.

const DATE_TIME = { type: 'string', format: 'date-time', maxLength: 32 } as const;
const COUNT = { type: 'integer', format: 'int64', minimum: 0 } as const;
const MS = { type: 'integer', format: 'int64', description: 'Millisecondi dal 1970 (ts_flusso)' } as const;

export class ProblemaFlussoDto {
  @ApiProperty({ description: 'Codice stabile della regola (libs/siuss), es. UN_SOLO_BENEFICIARIO', maxLength: 64 })
  code!: string;
  @ApiProperty({ description: 'Dove: un membro della voce (id_flusso) o un XPath nel flusso', maxLength: 512 })
  path!: string;
}

export class ContatoriFlussiDto {
  @ApiProperty({ ...COUNT, description: 'Flussi acquisiti e pubblicati (esito OK)' })
  OK!: number;
  @ApiProperty({ ...COUNT, description: 'Rifiutati: struttura non conforme' })
  RICHIESTA_INVALIDA!: number;
  @ApiProperty({ ...COUNT, description: 'Rifiutati: dati incoerenti (es. codice fiscale non valido)' })
  DATI_NON_TROVATI!: number;
  @ApiProperty({ ...COUNT, description: 'Non registrati per un errore di FSL' })
  ERRORE_GENERICO!: number;
}

export class ContatoriEsitiDto {
  @ApiProperty({ ...COUNT, description: 'Esiti da inviare o da ritentare' })
  IN_ATTESA!: number;
  @ApiProperty({ ...COUNT, description: 'Esiti consegnati (il comune ha risposto 2xx)' })
  CONSEGNATO!: number;
  @ApiProperty({ ...COUNT, description: 'Esiti sospesi dopo troppi rifiuti 4xx: serve un operatore' })
  SOSPESO!: number;
}

export class CursoreDto {
  @ApiProperty({ ...MS, minimum: 0, description: 'ts_flusso (ms) degli ultimi flussi acquisiti del tutto: il prossimo GET /flussi chiede since = cursore − 1' })
  ms!: number;
  @ApiPropertyOptional({ ...DATE_TIME, description: 'Il cursore come data e ora (assente prima del primo flusso)' })
  tsFlusso?: string;
  @ApiPropertyOptional({ ...DATE_TIME, description: 'Quando il cursore è avanzato l\'ultima volta' })
  aggiornatoIl?: string;
}

export class BloccoDto {
  @ApiPropertyOptional({ ...MS, description: 'Il timestamp condiviso da una pagina intera di flussi (assente se illeggibile)' })
  ts?: number;
  @ApiProperty({ ...DATE_TIME, description: 'Da quando il cursore è fermo' })
  dal!: string;
}

export class EnteDto {
  @ApiProperty({ description: 'Codice Belfiore del comune (o ambito) nel registro', maxLength: 4, pattern: '^[A-Z][0-9]{3}$', example: 'H501' })
  codice!: string;
  @ApiProperty({ description: 'Denominazione', maxLength: 256 })
  denominazione!: string;
  @ApiProperty({ description: 'URL base dell\'e-service WaaS del comune', maxLength: 2048 })
  baseUrl!: string;
  @ApiProperty({ description: 'Se il comune riceve gli esiti su POST /esiti (FSL li registra comunque)' })
  esitiAttivi!: boolean;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, description: 'Secondi tra due interrogazioni' })
  intervalloPollSecondi!: number;
  @ApiProperty({ type: CursoreDto })
  cursore!: CursoreDto;
  @ApiPropertyOptional({ ...DATE_TIME, description: 'Ultima interrogazione, riuscita o no' })
  ultimoPoll?: string;
  @ApiPropertyOptional({ ...DATE_TIME, description: 'Ultima interrogazione riuscita' })
  ultimoPollRiuscito?: string;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, description: 'Interrogazioni fallite di seguito (0 dopo una riuscita)' })
  fallimentiConsecutivi!: number;
  @ApiPropertyOptional({ ...DATE_TIME, description: 'Prossimo tentativo dopo un fallimento (backoff esponenziale)' })
  backoffFinoAl?: string;
  @ApiPropertyOptional({ description: 'Codice e motivo dell\'ultimo fallimento (scritti da FSL, mai dati di un flusso)', maxLength: 1024 })
  ultimoErrore?: string;
  @ApiProperty({ description: 'Vero se una pagina intera di flussi condivide il timestamp del cursore: il cursore non può avanzare senza saltarne' })
  bloccatoSuTimestamp!: boolean;
  @ApiPropertyOptional({ type: BloccoDto })
  blocco?: BloccoDto;
  @ApiProperty({ type: ContatoriFlussiDto, description: 'Flussi registrati per esito di FSL' })
  flussi!: ContatoriFlussiDto;
  @ApiProperty({ type: ContatoriEsitiDto, description: 'Esiti da consegnare al comune, per stato' })
  esiti!: ContatoriEsitiDto;
}

export class ElencoEntiDto {
  @ApiProperty({ type: [EnteDto], maxItems: 10000 })
  enti!: EnteDto[];
}

export class InvioEsitoDto {
  @ApiProperty({ enum: STATI_ESITO, description: 'Stato della consegna' })
  stato!: StatoEsito;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, description: 'Tentativi fatti' })
  tentativi!: number;
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 100, maximum: 599, description: 'Ultimo status HTTP del comune' })
  ultimoStatus?: number;
  @ApiPropertyOptional({ ...DATE_TIME, description: 'Quando è stato consegnato' })
  consegnatoIl?: string;
}

export class FlussoDto {
  @ApiProperty({ description: 'id_flusso come servito (un id non utilizzabile è il # seguito dall\'hash della voce)', maxLength: 72 })
  idFlusso!: string;
  @ApiProperty({ ...MS, minimum: -1, description: 'ts_flusso in millisecondi (-1 se illeggibile): un id_flusso con un ts_flusso più recente è una nuova versione' })
  tsFlusso!: number;
  @ApiPropertyOptional({ enum: ['PS_PSA_SINA', 'SINBA'], description: 'Tipo del flusso' })
  tipo?: string;
  @ApiProperty({ enum: CODICI_ESITO, description: 'Esito di FSL' })
  esito!: CodiceEsito;
  @ApiPropertyOptional({ description: 'OK: l\'id di acquisizione (l\'event id dell\'evento pubblicato)', maxLength: 64 })
  idAcquisizione?: string;
  @ApiProperty({ type: [ProblemaFlussoDto], maxItems: 1000, description: 'Perché è stato rifiutato' })
  problemi!: ProblemaFlussoDto[];
  @ApiProperty({ type: [ProblemaFlussoDto], maxItems: 1000, description: 'Avvisi (accettato comunque)' })
  avvisi!: ProblemaFlussoDto[];
  @ApiProperty({ ...DATE_TIME, description: 'Quando FSL l\'ha acquisito' })
  acquisitoIl!: string;
  @ApiPropertyOptional({ type: InvioEsitoDto, description: 'La consegna dell\'esito al comune (assente dove gli esiti non sono attivi)' })
  invioEsito?: InvioEsitoDto;
}

export class ElencoFlussiDto {
  @ApiProperty({ type: [FlussoDto], maxItems: 1000 })
  flussi!: FlussoDto[];
}

export class EsitoInCodaDto {
  @ApiProperty({ description: 'id_flusso', maxLength: 72 })
  idFlusso!: string;
  @ApiProperty({ ...MS, minimum: 0 })
  tsFlusso!: number;
  @ApiProperty({ enum: CODICI_ESITO, description: 'codice_esito inviato' })
  codiceEsito!: string;
  @ApiProperty({ enum: STATI_ESITO })
  stato!: StatoEsito;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0 })
  tentativi!: number;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, description: 'Risposte 4xx ricevute (oltre ESITI_MAX_4XX l\'esito è sospeso)' })
  rifiuti4xx!: number;
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 100, maximum: 599 })
  ultimoStatus?: number;
  @ApiPropertyOptional({ description: 'Motivo dell\'ultimo mancato invio', maxLength: 1024 })
  ultimoErrore?: string;
  @ApiProperty({ ...DATE_TIME, description: 'Prossimo tentativo (se IN_ATTESA)' })
  prossimoTentativo!: string;
  @ApiPropertyOptional({ ...DATE_TIME })
  consegnatoIl?: string;
}

export class ElencoEsitiDto {
  @ApiProperty({ type: [EsitoInCodaDto], maxItems: 1000 })
  esiti!: EsitoInCodaDto[];
}

export class RiaccodatiDto {
  @ApiProperty({ ...COUNT, description: 'Esiti sospesi rimessi in coda' })
  riaccodati!: number;
}
