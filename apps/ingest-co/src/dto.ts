import { ApiProperty } from '@nestjs/swagger';
import { ingestDtos } from '@fsl/ingest';

// The published HTTP contract of ingest-co (OpenAPI is generated from these decorators): the shapes every
// ingest shares (@fsl/ingest), described for the CO, and the CO's own answers.

const { AvvisoDto, EsitoLottoDto, LottoDto, PaginaEsitiDto, options } = ingestDtos({
  problemaPath: 'Percorso del campo nel modello CO, es. lavoratore.codiceFiscale',
  tabella: 'Tabella di codici interessata, es. ateco, qualificaCp2011, ccnl, cittadinanza',
  avvisi:
    'Avvisi sulla qualità dei dati: la comunicazione è accettata comunque (es. CODICE_NON_IN_TABELLA: codice ben formato che la ' +
    'tabella locale, parziale, non conosce; viene anche contato e elencato in GET /v1/codici-sconosciuti; ELEMENTO_XML_IGNORATO: ' +
    'un elemento XML che il modello non legge)',
  eventIds: 'Id degli eventi pubblicati, uno per lavoratore (deterministici: uguali a ogni reinvio)',
  lineFields: { codiceComunicazione: { description: 'Codice della comunicazione (righe valide)', maxLength: 16 } },
});
export { EsitoLottoDto, LottoDto, PaginaEsitiDto };
export type EsitoLottoDto = InstanceType<typeof EsitoLottoDto>;
type AvvisoDto = InstanceType<typeof AvvisoDto>;

export class EsitoComunicazioneDto {
  @ApiProperty({ description: 'Codice della comunicazione', maxLength: 16, example: '1300000000000001' })
  codiceComunicazione!: string;
  @ApiProperty({ enum: ['ACCETTATA', 'DUPLICATA'], description: 'ACCETTATA: pubblicata ora; DUPLICATA: già accettata con lo stesso contenuto, nessun nuovo effetto' })
  esito!: 'ACCETTATA' | 'DUPLICATA';
  @ApiProperty(options.eventIds)
  eventIds!: string[];
  @ApiProperty(options.avvisi)
  avvisi!: AvvisoDto[];
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
