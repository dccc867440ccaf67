import { CasiPaisService } from '../casi-pais/caso-pais.service';
import {
  EsitoAnalisiPreliminareDto,
  EsitoCasiCittadinoDto,
  EsitoCasiEnteDto,
  EsitoCasoMisuraDto,
  EsitoEquipeDto,
  EsitoNucleoCasoDto,
  EsitoPadNucleoDto,
  EsitoPaisDto,
  EsitoQuadroAnalisiDto,
  RichiestaAnalisiPreliminareDto,
  RichiestaCasiCittadinoDto,
  RichiestaCasiEnteDto,
  RichiestaCasoMisuraDto,
  RichiestaPaisDto,
  RichiestaQuadroAnalisiDto,
} from '../casi-pais/consultazioni.contract';
import { RichiestaCasoPaisDto } from '../casi-pais/contract';
import { RicercheCasiService } from '../casi-pais/ricerche.service';
import { ANALISI_PRELIMINARE, CASO_MISURA, EQUIPE, NUCLEO, PAD, PAIS, QUADRO_ANALISI, type CaseSlice } from '../casi-pais/slices';
import * as esempi from './casi-pais.esempi';
import { eserviceController, type DefinizioneEservice } from './eservice.controller';

// The e-services on the GePI cases, each declared by what differs from the others (eserviceController):
// its kind, tag, documentation, DTOs, examples and the slice of the case it serves (slices.ts) or the search.

export const VISIBILITA = "Visibile all'ente che gestisce il caso oggi (dopo un trasferimento, solo al nuovo ente) o alle finalità che comprendono tutti i casi.";

/** An e-service that serves a case, or one part of it (slices.ts). */
export const controllerParte = <R, D>(slice: CaseSlice<R, D>, def: Omit<DefinizioneEservice<CasiPaisService>, 'servizio' | 'gestisci' | 'percorso'>) =>
  eserviceController<CasiPaisService>({ ...def, servizio: CasiPaisService, gestisci: (s, call, body) => s.consult(call, body, slice) });

const NON_TROVATA = (cosa: string) => `${cosa} non trovata: caso sconosciuto o non visibile al fruitore, o versione non ricevuta (la risposta è la stessa in tutti i casi)`;
const versione = (di: string, chiaveId: string, audit: string) =>
  `La versione con quel numero ${di} del caso: quello in vigore (non eliminato, redatto per ultimo) o quello indicato in ${chiaveId}. ` +
  `Le versioni disponibili, e quelle mancanti, sono elencate dal caso PaIS. ${VISIBILITA} ` +
  `Registrata nel registro degli accessi dei cittadini che la versione riguarda: ${audit}.`;

export const PaisController = controllerParte(PAIS, {
  nome: 'PaisController',
  kind: 'pais',
  tag: 'patti-inclusione',
  summary: 'Una versione del patto per l’inclusione sociale (PaIS) di un caso',
  description: versione('del PaIS', 'paisId', 'i componenti nominati (risultati attesi, beneficiari dei sostegni, impegni) e quelli del nucleo nel periodo del patto'),
  esito: EsitoPaisDto,
  esempi: { richiesta: esempi.VERSIONE_PAIS, esito: esempi.ESITO_PAIS },
  richiesta: RichiestaPaisDto,
  nonTrovato: NON_TROVATA('Versione del PaIS'),
});

export const AnalisiPreliminareController = controllerParte(ANALISI_PRELIMINARE, {
  nome: 'AnalisiPreliminareController',
  kind: 'analisi-preliminare',
  tag: 'analisi-preliminari',
  summary: "Una versione dell'analisi preliminare di un caso",
  description: versione("dell'analisi preliminare", 'analisiPreliminareId', 'i componenti a cui si riferiscono i bisogni e quelli del nucleo alla data di redazione'),
  esito: EsitoAnalisiPreliminareDto,
  esempi: { richiesta: esempi.VERSIONE_ANALISI_PRELIMINARE, esito: esempi.ESITO_ANALISI_PRELIMINARE },
  richiesta: RichiestaAnalisiPreliminareDto,
  nonTrovato: NON_TROVATA("Versione dell'analisi preliminare"),
});

export const QuadroAnalisiController = controllerParte(QUADRO_ANALISI, {
  nome: 'QuadroAnalisiController',
  kind: 'quadro-analisi',
  tag: 'quadri-analisi',
  summary: 'Una versione del quadro di analisi di un caso',
  description: versione('del quadro di analisi', 'quadroAnalisiId', 'i componenti a cui si riferiscono le dimensioni valutate e quelli del nucleo alla data di redazione'),
  esito: EsitoQuadroAnalisiDto,
  esempi: { richiesta: esempi.VERSIONE_QUADRO_ANALISI, esito: esempi.ESITO_QUADRO_ANALISI },
  richiesta: RichiestaQuadroAnalisiDto,
  nonTrovato: NON_TROVATA('Versione del quadro di analisi'),
});

export const CASO_NON_TROVATO = 'Caso non trovato: sconosciuto o non visibile al fruitore (la risposta è la stessa nei due casi)';

export const EquipeMultidisciplinareController = controllerParte(EQUIPE, {
  nome: 'EquipeMultidisciplinareController',
  kind: 'equipe-multidisciplinare',
  tag: 'equipe-multidisciplinari',
  summary: "Le équipe multidisciplinari di un caso e i loro componenti",
  description:
    "Ogni équipe del caso con le date di costituzione e scioglimento e i componenti per ruolo e organizzazione: nessun dato delle persone (né degli operatori né del nucleo). " +
    `${VISIBILITA} Quali servizi seguono il nucleo ne rivela i bisogni: la consultazione è registrata nel registro degli accessi dei componenti del nucleo nel periodo di ciascuna équipe.`,
  esito: EsitoEquipeDto,
  esempi: { richiesta: esempi.CASO_ID, esito: esempi.ESITO_EQUIPE },
  richiesta: RichiestaCasoPaisDto,
  nonTrovato: CASO_NON_TROVATO,
});

export const NucleoCasoController = controllerParte(NUCLEO, {
  nome: 'NucleoCasoController',
  kind: 'nucleo-caso',
  tag: 'nuclei-casi',
  summary: 'Il nucleo familiare di un caso',
  description:
    'I componenti del nucleo, attuali e passati, con il ruolo, i periodi di appartenenza e le condizioni (minore, disabilità, svantaggio, attivabilità, carichi di cura, esonero). ' +
    `${VISIBILITA} Registrata nel registro degli accessi di ciascun componente, anche di chi ne è uscito.`,
  esito: EsitoNucleoCasoDto,
  esempi: { richiesta: esempi.CASO_ID, esito: esempi.ESITO_NUCLEO },
  richiesta: RichiestaCasoPaisDto,
  nonTrovato: CASO_NON_TROVATO,
});

export const PadNucleoController = controllerParte(PAD, {
  nome: 'PadNucleoController',
  kind: 'pad-nucleo',
  tag: 'pad-nuclei',
  summary: 'Il patto di attivazione digitale (PAD) del nucleo di un caso, con le categorizzazioni',
  description:
    'Il PAD del nucleo: data di sottoscrizione, richiedente, ambito e centro per l’impiego competenti, e per ciascun componente il percorso (sociale, lavorativo, esonero) con le categorizzazioni. ' +
    `${VISIBILITA} Registrata nel registro degli accessi di ciascun cittadino che il PAD nomina.`,
  esito: EsitoPadNucleoDto,
  esempi: { richiesta: esempi.CASO_ID, esito: esempi.ESITO_PAD },
  richiesta: RichiestaCasoPaisDto,
  nonTrovato: CASO_NON_TROVATO,
});

export const CasoPaisMisuraController = controllerParte(CASO_MISURA, {
  nome: 'CasoPaisMisuraController',
  kind: 'caso-pais-misura',
  tag: 'casi-pais-misure',
  summary: 'Il caso PaIS che gestisce una domanda ADI o RdC',
  description:
    "Il caso aperto per la domanda: identificativo, stato, date, enti che lo hanno gestito e operatori per ruolo (senza codice fiscale); i documenti del caso si leggono con gli e-service che li servono, dall'identificativo. " +
    `${VISIBILITA} Registrata nel registro degli accessi di ciascun componente del nucleo, attuale o passato.`,
  esito: EsitoCasoMisuraDto,
  esempi: { richiesta: esempi.DOMANDA_ID, esito: esempi.ESITO_CASO_MISURA },
  richiesta: RichiestaCasoMisuraDto,
  nonTrovato: 'Caso non trovato: nessun caso per la domanda, o caso non visibile al fruitore (la risposta è la stessa nei due casi)',
});

export const CasiPaisEnteController = eserviceController<RicercheCasiService>({
  nome: 'CasiPaisEnteController',
  kind: 'casi-pais-ente',
  tag: 'casi-pais-ente',
  percorso: 'ricerche',
  summary: "I casi PaIS gestiti dall'ente fruitore",
  description:
    "I casi che l'ente fruitore (l'ente della sua voce nella tabella delle autorizzazioni) gestisce oggi, e solo quelli: dopo un trasferimento il caso passa al nuovo ente. " +
    'Filtri per stato e intervallo della data di apertura; dal più recente per data di apertura, una pagina alla volta (cursore in pagina.prossimo, valido per lo stesso fruitore e gli stessi filtri). ' +
    'Per ogni caso una sintesi senza dati dei componenti; la consultazione è registrata nel registro degli accessi dei componenti di ciascun caso restituito.',
  esito: EsitoCasiEnteDto,
  esempi: { richiesta: esempi.CRITERI_ENTE, esito: esempi.ESITO_CASI_ENTE },
  richiesta: RichiestaCasiEnteDto,
  servizio: RicercheCasiService,
  gestisci: (s, call, body) => s.casiEnte(call, body),
});

export const CasiPaisCittadinoController = eserviceController<RicercheCasiService>({
  nome: 'CasiPaisCittadinoController',
  kind: 'casi-pais-cittadino',
  tag: 'casi-pais-cittadino',
  percorso: 'ricerche',
  summary: 'I casi PaIS di un cittadino, qualunque sia la composizione del nucleo',
  description:
    'I casi dei nuclei di cui il cittadino fa o ha fatto parte (chi è uscito dal nucleo resta collegato per i suoi periodi), con il suo ruolo e i periodi di appartenenza. ' +
    "Un ente vede solo i casi che gestisce oggi, salvo le finalità che comprendono tutti i casi; un cittadino di cui il fruitore non vede casi ha la stessa risposta di un codice fiscale sconosciuto (versione 0). " +
    'Dal più recente per data di apertura, una pagina alla volta. Registrata nel registro degli accessi del cittadino e dei componenti dei casi restituiti.',
  esito: EsitoCasiCittadinoDto,
  esempi: { richiesta: esempi.CITTADINO, esito: esempi.ESITO_CASI_CITTADINO },
  richiesta: RichiestaCasiCittadinoDto,
  servizio: RicercheCasiService,
  gestisci: (s, call, body) => s.casiCittadino(call, body),
});
