import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DatiAnalisiPreliminareDto, SostegnoDto } from '../casi-pais/contract';

// Published contract of the write e-services (ADR 0007). A request carries a GePI or SIISL record's content
// in the source's own shape (libs/gepi, libs/siisl): it is validated by the source's rules, and a problem
// names the field as the request spells it. The answer is 202 once Kafka has the event.

const ID = { maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$' } as const;
const VERSIONE_BASE = (di: string) =>
  ({
    description: `Versione ${di} su cui si basa la scrittura, come l'ha letta il fruitore (concorrenza ottimistica): se non è più l'ultima, 409 VERSIONE_NON_AGGIORNATA. Assente: nessun controllo`,
    type: 'integer',
    format: 'int64',
    minimum: 1,
    example: 3,
  }) as const;
const TOKEN_ESEMPIO = 'djE7ZnNsLmdlcGkuZXZlbnRzLnYxfDN8MTI4';

export class RichiestaInvioSostegniDto {
  @ApiProperty({ description: 'Identificativo GePI del caso', ...ID, example: 'GEPI-CASO-0001' })
  casoId!: string;
  @ApiProperty({ description: 'Identificativo GePI del PaIS del caso a cui si aggiungono i sostegni', ...ID, example: 'GEPI-PAIS-0001' })
  paisId!: string;
  @ApiPropertyOptional(VERSIONE_BASE('del record del PaIS (versioneRecord della versione corrente)'))
  versioneBase?: number;
  @ApiProperty({
    type: [SostegnoDto],
    minItems: 1,
    maxItems: 50,
    description:
      'Sostegni erogati, con la forma dei sostegni del PaIS GePI. Uniti per id a quelli della versione corrente: un id già presente la corregge, ' +
      'uno nuovo si aggiunge. I beneficiari devono essere componenti del nucleo del caso (vuoto: tutto il nucleo); un tirocinio di inclusione ' +
      '(TIROCINIO_INCLUSIONE) ha i dati del tirocinio',
  })
  sostegni!: SostegnoDto[];
}

export class RichiestaInvioAnalisiPreliminareDto {
  @ApiProperty({ description: 'Identificativo GePI del caso', ...ID, example: 'GEPI-CASO-0001' })
  casoId!: string;
  @ApiProperty({ description: "Identificativo dell'analisi preliminare: lo stesso per ogni sua versione, mai quello di un documento di un altro caso", ...ID, example: 'GEPI-AP-0001' })
  id!: string;
  @ApiPropertyOptional(VERSIONE_BASE("del record dell'analisi (versioneRecord dell'ultima versione)"))
  versioneBase?: number;
  @ApiProperty({ type: DatiAnalisiPreliminareDto, description: "Contenuto dell'analisi, con il suo numero di versione: i componenti nominati nei bisogni devono essere del nucleo del caso" })
  dati!: DatiAnalisiPreliminareDto;
}

export class EnteFormativoDto {
  @ApiProperty({ description: "Codice fiscale dell'ente di formazione: uno di quelli per cui il fruitore opera", maxLength: 16, example: '05123450156' })
  codiceFiscale!: string;
  @ApiProperty({ description: 'Denominazione', maxLength: 200, example: 'ENTE FORMAZIONE ESEMPIO' })
  denominazione!: string;
  @ApiPropertyOptional({ description: 'Accreditamento', maxLength: 100, example: 'Regione Lombardia' })
  accreditamento?: string;
}

export class SedeCorsoDto {
  @ApiProperty({ description: 'Comune (codice Belfiore)', maxLength: 4, pattern: '^[A-Z][0-9]{3}$', example: 'F205' })
  comune!: string;
  @ApiPropertyOptional({ description: 'Indirizzo', maxLength: 200, example: 'Via Esempio 1' })
  indirizzo?: string;
}

export class CompetenzaCorsoDto {
  @ApiPropertyOptional({ description: 'URI ESCO della competenza', maxLength: 100, example: 'http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000004' })
  escoUri?: string;
  @ApiPropertyOptional({ description: 'Descrizione', maxLength: 500, example: 'Preparazione dei cibi' })
  descrizione?: string;
  @ApiPropertyOptional({ description: 'Tipo: SKILL, KNOWLEDGE, TRASVERSALE', maxLength: 16, example: 'SKILL' })
  tipo?: string;
}

/** The content of a SIISL course (libs/siisl `corso`). */
export class DatiOffertaFormativaDto {
  @ApiProperty({ description: 'Titolo', maxLength: 300, example: 'Addetto alla cucina' })
  titolo!: string;
  @ApiProperty({ description: "Codice del corso presso l'ente: con il codice fiscale dell'ente, la chiave da cui si recupera l'identificativo SIISL", maxLength: 64, example: 'AC-2025-01' })
  codiceCorsoEnte!: string;
  @ApiProperty({ type: EnteFormativoDto, description: 'Ente di formazione' })
  ente!: EnteFormativoDto;
  @ApiProperty({ type: SedeCorsoDto, description: 'Sede' })
  sede!: SedeCorsoDto;
  @ApiProperty({ description: 'Modalità: PRESENZA, FAD, MISTA', maxLength: 16, example: 'MISTA' })
  modalita!: string;
  @ApiProperty({ description: 'Durata in ore', type: 'integer', format: 'int32', minimum: 1, maximum: 5000, example: 120 })
  ore!: number;
  @ApiProperty({ description: 'Data di inizio', format: 'date', maxLength: 10, example: '2025-04-01' })
  dataInizio!: string;
  @ApiProperty({ description: 'Data di fine', format: 'date', maxLength: 10, example: '2025-05-31' })
  dataFine!: string;
  @ApiProperty({ description: 'Posti', type: 'integer', format: 'int32', minimum: 1, maximum: 10000, example: 20 })
  posti!: number;
  @ApiPropertyOptional({ description: 'Livello EQF del risultato', maxLength: 1, example: '3' })
  livelloEqf?: string;
  @ApiPropertyOptional({ description: 'Qualificazione o attestazione a cui porta', maxLength: 300, example: 'Attestato di competenze' })
  qualificazione?: string;
  @ApiPropertyOptional({ type: [CompetenzaCorsoDto], maxItems: 100, description: 'Competenze' })
  competenze?: CompetenzaCorsoDto[];
  @ApiPropertyOptional({ description: 'Finanziamento', maxLength: 100, example: 'GOL' })
  finanziamento?: string;
}

export class RichiestaInserimentoOffertaFormativaDto {
  @ApiProperty({ type: DatiOffertaFormativaDto, description: "Il corso. L'identificativo SIISL è assegnato dal FSL a partire dal codice fiscale dell'ente e dal suo codice del corso" })
  dati!: DatiOffertaFormativaDto;
}

export class RichiestaAggiornamentoOffertaFormativaDto {
  @ApiProperty({ description: 'Identificativo SIISL del corso', ...ID, example: 'CORSO-0001' })
  corsoId!: string;
  @ApiPropertyOptional(VERSIONE_BASE('del corso'))
  versioneBase?: number;
  @ApiProperty({ type: DatiOffertaFormativaDto, description: 'Il corso intero, come deve diventare (sostituisce la versione precedente)' })
  dati!: DatiOffertaFormativaDto;
}

export class AvvisoInvioDto {
  @ApiProperty({ description: 'Campo della richiesta', maxLength: 256, example: 'sostegni[0].tipo' })
  path!: string;
  @ApiProperty({ description: 'Codice, es. CODE_UNKNOWN: codice ben formato che la tabella locale, parziale, non conosce', maxLength: 64, example: 'CODE_UNKNOWN' })
  code!: string;
  @ApiProperty({ description: 'Messaggio fisso (mai un valore inviato)', maxLength: 500, example: 'The code is not in the local table.' })
  message!: string;
}

export class EsitoInvioDto {
  @ApiProperty({
    description: "ACCETTATO: nuova versione pubblicata. GIA_ACCETTATO: l'ultima versione ha già questo contenuto (un reinvio): stessi eventId e versioneMinima",
    enum: ['ACCETTATO', 'GIA_ACCETTATO'],
    example: 'ACCETTATO',
  })
  esito!: string;
  @ApiProperty({ description: 'Identificativo del record scritto: il PaIS, l’analisi preliminare, il corso (per un inserimento: l’identificativo SIISL assegnato)', ...ID, example: 'GEPI-PAIS-0001' })
  id!: string;
  @ApiProperty({ description: 'Versione del record scritta', type: 'integer', format: 'int64', minimum: 1, example: 4 })
  versione!: number;
  @ApiProperty({ description: "Identificativo dell'evento pubblicato", format: 'uuid', maxLength: 36, example: '3f2b8c1e-5d4a-4b6f-9e2a-7c1d0e9f8a6b' })
  eventId!: string;
  @ApiProperty({
    description:
      'Versione del fascicolo dopo la quale la scrittura è visibile: da inviare, così com’è, nell’header Versione-Minima di una lettura, che attende ' +
      'che il fascicolo la comprenda (o risponde 503 VERSIONE_NON_DISPONIBILE)',
    maxLength: 1024,
    pattern: '^[A-Za-z0-9_-]+$',
    example: TOKEN_ESEMPIO,
  })
  versioneMinima!: string;
  @ApiPropertyOptional({ type: [AvvisoInvioDto], maxItems: 100, description: 'Avvisi sulla qualità dei dati (la scrittura è accettata comunque)' })
  avvisi?: AvvisoInvioDto[];
}
