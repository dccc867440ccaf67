import { Body, Controller, HttpCode, Inject, Post, type Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { gepiFixtures, type Sostegno } from '@fsl/gepi';
import { siislFixtures } from '@fsl/siisl';
import {
  EsitoInvioDto,
  RichiestaAggiornamentoOffertaFormativaDto,
  RichiestaInserimentoOffertaFormativaDto,
  RichiestaInvioAnalisiPreliminareDto,
  RichiestaInvioSostegniDto,
} from '../invii/contract';
import type { EsitoInvio } from '../invii/invii.service';
import { AnalisiPreliminareService } from '../invii/analisi-preliminare.service';
import { OffertaFormativaService } from '../invii/offerta-formativa.service';
import { SostegniService } from '../invii/sostegni.service';
import type { EserviceKind } from '../registry/eservices';
import { Call, Eservice, type EserviceCall } from '../security/eservice-call';
import { EserviceController, OperazioneEservice } from './eservice.controller';
import { EserviceWriteResponses } from './openapi';

// The write e-services (ADR 0007): POST on the e-service's basePath, 202 once Kafka has the change. They never
// touch a projection: the dossier shows the change once the builder applied it, after the answer's versioneMinima.
// One class per e-service (its own basePath, guard metadata and OpenAPI security), made by one factory.

const PUBBLICAZIONE =
  ' Validata con le regole della fonte e pubblicata come evento di modifica, come i record della fonte; la risposta 202 arriva quando Kafka ha l’evento, ' +
  'con la versione del fascicolo (versioneMinima) dopo la quale la modifica è visibile: una lettura con l’header Versione-Minima la attende. ' +
  'Lo stesso invio ripetuto dopo l’accettazione ha la stessa risposta (GIA_ACCETTATO), senza una seconda versione.';

interface InvioSpec<S> {
  name: string;
  kind: EserviceKind;
  tag: string;
  service: Type<S>;
  scrivi: (service: S, call: EserviceCall, body: unknown) => Promise<EsitoInvio>;
  body: Type<unknown>;
  summary: string;
  description: string;
  esempi: { richiesta: object; esito: EsitoInvio };
}

function invioController<S>(spec: InvioSpec<S>): Type<EserviceController> {
  @Eservice(spec.kind)
  @ApiTags(spec.tag)
  @Controller()
  class InvioController extends EserviceController {
    constructor(@Inject(spec.service) private readonly service: S) {
      super();
    }

    @Post()
    @HttpCode(202)
    @OperazioneEservice()
    @ApiOperation({ summary: spec.summary, description: spec.description + PUBBLICAZIONE })
    @EserviceWriteResponses(EsitoInvioDto, spec.body, spec.esempi)
    invia(@Body() body: unknown, @Call() call: EserviceCall): Promise<EsitoInvio> {
      return spec.scrivi(this.service, call, body);
    }
  }
  // The class name is the operationId prefix in the OpenAPI document.
  Object.defineProperty(InvioController, 'name', { value: spec.name });
  return InvioController;
}

// Examples: the fixtures' case of libs/gepi and course of libs/siisl; answers with tokens as the api makes them.
const esito = (id: string, versione: number, versioneMinima: string): EsitoInvio => ({ esito: 'ACCETTATO', id, versione, eventId: '3f2b8c1e-5d4a-4b6f-9e2a-7c1d0e9f8a6b', versioneMinima });
const pais = gepiFixtures.valid('pais') as { id: string; casoId: string; dati: { sostegni: Sostegno[] } };
const analisi = gepiFixtures.valid('analisi-preliminare') as { id: string; casoId: string; dati: object };
const corso = siislFixtures.valid('corso') as { id: string; dati: object };

export const InvioSostegniController = invioController({
  name: 'InvioSostegniController',
  kind: 'invio-sostegni',
  tag: 'invii-sostegni',
  service: SostegniService,
  scrivi: (s, call, body) => s.invia(call, body),
  body: RichiestaInvioSostegniDto,
  summary: 'Registrazione di sostegni erogati (tirocini di inclusione compresi)',
  description:
    'I sostegni entrano nel PaIS del caso come nuova versione del record del PaIS: la versione del documento che il caso mostra come corrente, con i sostegni ' +
    'uniti per id. Ammessa per l’ente che gestisce il caso oggi, o per una finalità che comprende tutti i casi; costruita sull’ultima versione del PaIS ' +
    'nel fascicolo e rifiutata (409) se una più recente non vi è ancora arrivata.',
  esempi: {
    // The fixture's internship, ended early.
    richiesta: { casoId: pais.casoId, paisId: pais.id, versioneBase: 1, sostegni: [{ ...pais.dati.sostegni[0], al: '2024-10-31' }] },
    esito: esito(pais.id, 2, 'djE7ZnNsLmdlcGkuZXZlbnRzLnYxfDN8MTI4'),
  },
});

export const InvioAnalisiPreliminareController = invioController({
  name: 'InvioAnalisiPreliminareController',
  kind: 'invio-analisi-preliminare',
  tag: 'invii-analisi-preliminari',
  service: AnalisiPreliminareService,
  scrivi: (s, call, body) => s.invia(call, body),
  body: RichiestaInvioAnalisiPreliminareDto,
  summary: "Registrazione dell'analisi preliminare di un caso",
  description:
    "Una versione dell'analisi preliminare del nucleo di un caso PaIS, con il suo numero di versione (una bozza, la definitiva, una revisione). " +
    'Ammessa per l’ente che gestisce il caso oggi, o per una finalità che comprende tutti i casi.',
  esempi: {
    richiesta: { casoId: analisi.casoId, id: analisi.id, dati: analisi.dati },
    esito: esito(analisi.id, 1, 'djE7ZnNsLmdlcGkuZXZlbnRzLnYxfDN8MTMx'),
  },
});

export const InserimentoOffertaFormativaController = invioController({
  name: 'InserimentoOffertaFormativaController',
  kind: 'inserimento-offerta-formativa',
  tag: 'inserimenti-offerte-formative',
  service: OffertaFormativaService,
  scrivi: (s, call, body) => s.inserisci(call, body),
  body: RichiestaInserimentoOffertaFormativaDto,
  summary: 'Inserimento di un corso di formazione',
  description:
    "Un nuovo corso nel catalogo SIISL, per un ente di formazione per cui il fruitore opera (altrimenti 403). L'identificativo SIISL, nella risposta, " +
    "è derivato dal codice fiscale dell'ente e dal suo codice del corso: lo stesso che restituisce Recupero identificativo offerta formativa. " +
    'Un secondo inserimento con lo stesso codice del corso è rifiutato (409 CORSO_GIA_INSERITO): si usa Aggiornamento offerta formativa.',
  esempi: { richiesta: { dati: corso.dati }, esito: esito('CORSO-FSL-3c1e-08a2-77d4-b915-e0f3', 1, 'djE7ZnNsLnNpaXNsLmV2ZW50cy52MXwxfDUy') },
});

export const AggiornamentoOffertaFormativaController = invioController({
  name: 'AggiornamentoOffertaFormativaController',
  kind: 'aggiornamento-offerta-formativa',
  tag: 'aggiornamenti-offerte-formative',
  service: OffertaFormativaService,
  scrivi: (s, call, body) => s.aggiorna(call, body),
  body: RichiestaAggiornamentoOffertaFormativaDto,
  summary: 'Aggiornamento di un corso di formazione',
  description:
    'Una nuova versione di un corso del catalogo SIISL, intero. Solo per i corsi di un ente di formazione per cui il fruitore opera: un corso ' +
    'sconosciuto e uno di un altro ente hanno la stessa risposta (404). Con versioneBase, rifiutato (409) se il corso è cambiato nel frattempo.',
  esempi: {
    richiesta: { corsoId: corso.id, versioneBase: 1, dati: { ...corso.dati, posti: 25 } },
    esito: esito(corso.id, 2, 'djE7ZnNsLnNpaXNsLmV2ZW50cy52MXwxfDUz'),
  },
});
