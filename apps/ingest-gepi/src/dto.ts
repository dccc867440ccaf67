import { ENTITA } from '@fsl/gepi';
import { versionedDtos } from '@fsl/ingest';

// The published HTTP contract of ingest-gepi (OpenAPI is generated from these decorators): the shapes every
// ingest shares (@fsl/ingest), described for GePI. A record's answer is its line result.
export const dtos = versionedDtos('GePI', ENTITA, {
  problemaPath: 'Percorso del campo nel record GePI, es. dati.sostegni[0].tipo',
  tabella: 'Tabella di codici interessata: belfiore, ambitoTerritoriale, tipoSostegno, tipoImpegno',
  avvisi:
    'Avvisi sulla qualità dei dati: il record è accettato comunque (es. CODE_UNKNOWN: codice ben formato che la tabella locale, ' +
    'parziale, non conosce; viene anche contato nella metrica ingest_gepi_unknown_codes_total)',
  eventIds: "Id dell'evento della versione del record (deterministico: uguale a ogni reinvio)",
});
