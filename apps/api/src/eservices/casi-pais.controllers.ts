import { applyDecorators, Body, Controller, HttpCode, Inject, Post, type Type } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PROBLEM_JSON } from '@fsl/http';
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
import type { EserviceKind } from '../registry/eservices';
import { Call, Eservice, type EserviceCall } from '../security/eservice-call';
import { EserviceController } from './eservice.controller';
import { EserviceResponses } from './openapi';

// The e-services on the GePI cases. They differ in what they read and document, not in how they are
// served, so each controller is declared by what differs: its kind, tag, documentation, DTOs and handler.

export const VISIBILITA = "Visibile all'ente che gestisce il caso oggi (dopo un trasferimento, solo al nuovo ente) o alle finalità che comprendono tutti i casi.";

interface Definizione<S> {
  /** The class name: the OpenAPI operationId is `<nome>_consulta`. */
  nome: string;
  kind: EserviceKind;
  tag: string;
  /** Under the basePath: `consultazioni` for a read, `ricerche` for a search. */
  percorso: 'consultazioni' | 'ricerche';
  summary: string;
  description: string;
  esito: Type<unknown>;
  richiesta: Type<unknown>;
  /** The 404's description, for a lookup by id; a search has none (an empty list). */
  nonTrovato?: string;
  servizio: Type<S>;
  gestisci(servizio: S, call: EserviceCall, body: unknown): Promise<unknown>;
}

export function controllerCasi<S>(def: Definizione<S>): Type<EserviceController> {
  const risposte = applyDecorators(
    EserviceResponses(def.esito, def.richiesta),
    ...(def.nonTrovato ? [ApiResponse({ status: 404, description: def.nonTrovato, content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } } })] : []),
  );

  @Eservice(def.kind)
  @ApiTags(def.tag)
  @Controller()
  class ControllerCasi extends EserviceController {
    constructor(@Inject(def.servizio) private readonly servizio: S) {
      super();
    }

    @Post(def.percorso)
    @HttpCode(200)
    @ApiOperation({ summary: def.summary, description: def.description })
    @risposte
    consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<unknown> {
      return def.gestisci(this.servizio, call, body);
    }
  }
  Object.defineProperty(ControllerCasi, 'name', { value: def.nome });
  return ControllerCasi;
}

/** An e-service that serves a case, or one part of it (slices.ts). */
export const controllerParte = <R, D>(slice: CaseSlice<R, D>, def: Omit<Definizione<CasiPaisService>, 'servizio' | 'gestisci' | 'percorso'>) =>
  controllerCasi<CasiPaisService>({ ...def, percorso: 'consultazioni', servizio: CasiPaisService, gestisci: (s, call, body) => s.consult(call, body, slice) });

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
  richiesta: RichiestaCasoMisuraDto,
  nonTrovato: 'Caso non trovato: nessun caso per la domanda, o caso non visibile al fruitore (la risposta è la stessa nei due casi)',
});

export const CasiPaisEnteController = controllerCasi<RicercheCasiService>({
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
  richiesta: RichiestaCasiEnteDto,
  servizio: RicercheCasiService,
  gestisci: (s, call, body) => s.casiEnte(call, body),
});

export const CasiPaisCittadinoController = controllerCasi<RicercheCasiService>({
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
  richiesta: RichiestaCasiCittadinoDto,
  servizio: RicercheCasiService,
  gestisci: (s, call, body) => s.casiCittadino(call, body),
});
