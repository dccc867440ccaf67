import { ENTITA } from '@fsl/siisl';
import { ingestDtos } from '@fsl/ingest';

// The published HTTP contract of ingest-siisl (OpenAPI is generated from these decorators): the shapes every
// ingest shares (@fsl/ingest), described for SIISL. A record's answer is its line result.

export const { EsitoRigaDto, EsitoLottoDto, LottoDto, PaginaEsitiDto } = ingestDtos({
  problemaPath: 'Percorso del campo nel record SIISL, es. dati.esperienze[0].qualificaCp2011',
  tabella: 'Tabella di codici interessata, es. cp2011, ateco, isced, eqf, esco, belfiore, tipologiaContrattuale',
  avvisi:
    'Avvisi sulla qualità dei dati: il record è accettato comunque (es. CODE_UNKNOWN: codice ben formato che la tabella locale, ' +
    'parziale, non conosce; viene anche contato nella metrica ingest_siisl_unknown_codes_total)',
  eventIds: "Id dell'evento della versione del record (deterministico: uguale a ogni reinvio)",
  lineFields: {
    entita: { enum: [...ENTITA], description: 'Entità SIISL del record (righe valide)' },
    id: { description: 'Id SIISL del record (righe valide)', maxLength: 64 },
    versione: { type: 'integer', format: 'int64', minimum: 1, description: 'Versione del record (righe valide)' },
    obsoleta: {
      type: 'boolean',
      enum: [true],
      description: 'ACCETTATA ma più vecchia della versione più alta già accettata: entra nella storia, non cambia la versione corrente',
    },
  },
});
export type EsitoRigaDto = InstanceType<typeof EsitoRigaDto>;
export type EsitoLottoDto = InstanceType<typeof EsitoLottoDto>;
