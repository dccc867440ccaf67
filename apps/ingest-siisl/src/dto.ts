import { ENTITA } from '@fsl/siisl';
import { versionedDtos } from '@fsl/ingest';

// The published HTTP contract of ingest-siisl (OpenAPI is generated from these decorators): the shapes every
// ingest shares (@fsl/ingest), described for SIISL. A record's answer is its line result.
export const dtos = versionedDtos('SIISL', ENTITA, {
  problemaPath: 'Percorso del campo nel record SIISL, es. dati.esperienze[0].qualificaCp2011',
  tabella: 'Tabella di codici interessata, es. cp2011, ateco, isced, eqf, esco, belfiore, tipologiaContrattuale',
  avvisi:
    'Avvisi sulla qualità dei dati: il record è accettato comunque (es. CODE_UNKNOWN: codice ben formato che la tabella locale, ' +
    'parziale, non conosce; viene anche contato nella metrica ingest_siisl_unknown_codes_total)',
  eventIds: "Id dell'evento della versione del record (deterministico: uguale a ogni reinvio)",
});
