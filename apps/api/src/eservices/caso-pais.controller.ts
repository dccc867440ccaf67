import { EsitoCasoPaisDto, RichiestaCasoPaisDto } from '../casi-pais/contract';
import { CASO } from '../casi-pais/slices';
import { CASO_NON_TROVATO, controllerParte, VISIBILITA } from './casi-pais.controllers';
import { CASO_ID, ESITO_CASO } from './casi-pais.esempi';

export const CasoPaisController = controllerParte(CASO, {
  nome: 'CasoPaisController',
  kind: 'caso-pais',
  tag: 'casi-pais',
  summary: 'Dettaglio di un caso PaIS',
  description:
    'Il caso GePI con la storia degli enti che lo hanno gestito, gli operatori per ruolo (senza codice fiscale), i componenti del nucleo con i periodi di appartenenza, ' +
    'ogni versione di analisi preliminare, quadro di analisi e PaIS (con le versioni mancanti), équipe, partecipazioni a PUC e PAD. ' +
    `${VISIBILITA} ` +
    'Ogni consultazione è registrata nel registro degli accessi di ciascun cittadino di cui il caso contiene dati.',
  esito: EsitoCasoPaisDto,
  esempi: { richiesta: CASO_ID, esito: ESITO_CASO },
  richiesta: RichiestaCasoPaisDto,
  nonTrovato: CASO_NON_TROVATO,
});
