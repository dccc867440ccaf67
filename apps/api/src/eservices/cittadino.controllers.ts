import { Body, Controller, HttpCode, Inject, Post, type Type } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PROBLEM_JSON } from '@fsl/http';
import {
  EsitoCurriculumDto,
  EsitoIdentificativoOffertaFormativaDto,
  EsitoImpegniPaisDto,
  EsitoIscrizioniCorsiDto,
  EsitoManifestazioniInteresseDto,
  EsitoMisureInclusioneDto,
  EsitoOffertaFormativaDto,
  EsitoOfferteLavoroDto,
  EsitoPartecipazioniPucDto,
  EsitoSostegniPaisDto,
  RichiestaCittadinoDto,
  RichiestaIdentificativoOffertaFormativaDto,
  RichiestaOffertaFormativaDto,
} from '../cittadino/contract';
import type { KindFetta } from '../cittadino/fette';
import { FetteCittadinoService, type EsitoFetta } from '../cittadino/fette.service';
import { OfferteFormativeService } from '../cittadino/offerte-formative';
import { Call, Eservice, type EserviceCall } from '../security/eservice-call';
import { EserviceController } from './eservice.controller';
import { EserviceResponses } from './openapi';
import * as esempi from './cittadino.esempi';

// The e-services that serve one slice of a citizen's dossier: one class each (each has its own basePath, guard
// metadata and OpenAPI security), the same service behind them (cittadino/fette.service.ts).

interface FettaSpec<K extends KindFetta> {
  name: string;
  kind: K;
  tag: string;
  ok: Type<unknown>;
  summary: string;
  description: string;
  esito: EsitoFetta<K>;
}

const STESSA_RISPOSTA =
  ' Un codice fiscale sconosciuto e un cittadino non visibile al fruitore hanno la stessa risposta (versione 0, elenco vuoto). Ogni consultazione è nel registro degli accessi del cittadino.';

function fettaController<K extends KindFetta>(spec: FettaSpec<K>): Type<EserviceController> {
  @Eservice(spec.kind)
  @ApiTags(spec.tag)
  @Controller()
  class FettaController extends EserviceController {
    constructor(@Inject(FetteCittadinoService) private readonly fette: FetteCittadinoService) {
      super();
    }

    @Post('consultazioni')
    @HttpCode(200)
    @ApiOperation({ summary: spec.summary, description: spec.description + STESSA_RISPOSTA })
    @EserviceResponses(spec.ok, RichiestaCittadinoDto, { richiesta: esempi.CITTADINO, esito: spec.esito })
    consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<EsitoFetta<K>> {
      return this.fette.consult(spec.kind, call, body);
    }
  }
  // The class name is the operationId prefix in the OpenAPI document.
  Object.defineProperty(FettaController, 'name', { value: spec.name });
  return FettaController;
}

export const PartecipazioniPucController = fettaController({
  name: 'PartecipazioniPucController',
  kind: 'partecipazioni-puc',
  tag: 'partecipazioni-puc',
  ok: EsitoPartecipazioniPucDto,
  summary: 'Partecipazioni di un cittadino a Progetti utili alla collettività',
  description:
    'Le partecipazioni a PUC dal SIISL e da GePI, una volta sola quando le due fonti riportano lo stesso progetto e periodo (fonti). ' +
    'Come nella cartella sociale, solo per le finalità che comprendono tutta la cartella sociale (non limitate ai casi PaIS del proprio ente).',
  esito: esempi.PARTECIPAZIONI_PUC,
});

export const ImpegniPaisController = fettaController({
  name: 'ImpegniPaisController',
  kind: 'impegni-pais',
  tag: 'impegni-pais',
  ok: EsitoImpegniPaisDto,
  summary: 'Impegni del PaIS assunti da un cittadino',
  description:
    'Gli impegni che il PaIS corrente di ciascun caso del cittadino gli assegna, con il caso e il PaIS da cui vengono. ' +
    'Solo i casi visibili al fruitore: quelli che il suo ente gestisce oggi, o tutti se la finalità lo consente.',
  esito: esempi.IMPEGNI_PAIS,
});

export const SostegniPaisController = fettaController({
  name: 'SostegniPaisController',
  kind: 'sostegni-pais',
  tag: 'sostegni-pais',
  ok: EsitoSostegniPaisDto,
  summary: 'Sostegni del PaIS di cui un cittadino è beneficiario',
  description:
    'I sostegni del PaIS corrente di ciascun caso del cittadino che lo nominano beneficiario o che sono per tutto il nucleo nel periodo in cui ne fa parte (tirocini di inclusione compresi), ' +
    'con il caso e il PaIS da cui vengono; gli altri beneficiari non sono indicati. Solo i casi visibili al fruitore, come per gli impegni.',
  esito: esempi.SOSTEGNI_PAIS,
});

export const MisureInclusioneController = fettaController({
  name: 'MisureInclusioneController',
  kind: 'misure-inclusione',
  tag: 'misure-inclusione',
  ok: EsitoMisureInclusioneDto,
  summary: 'Misure di inclusione di un cittadino',
  description:
    'Le misure ADI e SFL (dal SIISL) di cui il cittadino è richiedente o componente del nucleo, con il suo percorso dopo il PAD e gli importi mensili. ' +
    'Solo per le finalità che comprendono tutta la cartella sociale.',
  esito: esempi.MISURE_INCLUSIONE,
});

export const IscrizioniCorsiController = fettaController({
  name: 'IscrizioniCorsiController',
  kind: 'iscrizioni-corsi',
  tag: 'iscrizioni-corsi',
  ok: EsitoIscrizioniCorsiDto,
  summary: 'Iscrizioni di un cittadino a corsi di formazione',
  description: 'Le iscrizioni a corsi di formazione dal SIISL, ciascuna con la storia degli eventi (iscrizione, avvio, ritiro, conclusione, certificazione) e il corso collegato.',
  esito: esempi.ISCRIZIONI_CORSI,
});

export const ManifestazioniInteresseController = fettaController({
  name: 'ManifestazioniInteresseController',
  kind: 'manifestazioni-interesse',
  tag: 'manifestazioni-interesse',
  ok: EsitoManifestazioniInteresseDto,
  summary: 'Manifestazioni di interesse di un cittadino per corsi di formazione',
  description: 'Le manifestazioni di interesse per corsi dal SIISL, con il corso collegato.',
  esito: esempi.MANIFESTAZIONI_INTERESSE,
});

export const CurriculumController = fettaController({
  name: 'CurriculumController',
  kind: 'curriculum',
  tag: 'curricula',
  ok: EsitoCurriculumDto,
  summary: 'Curriculum corrente di un cittadino',
  description: 'Il curriculum SIISL corrente e l’elenco delle versioni ricevute; una versione precedente si legge con l’e-service Versione curriculum.',
  esito: esempi.CURRICULUM,
});

export const OfferteLavoroController = fettaController({
  name: 'OfferteLavoroController',
  kind: 'offerte-lavoro',
  tag: 'offerte-lavoro',
  ok: EsitoOfferteLavoroDto,
  summary: 'Offerte di lavoro proposte a un cittadino',
  description:
    'Le proposte di lavoro del SIISL (proposte, accettate, rifiutate, scadute), ciascuna con l’offerta collegata e l’esito. ' +
    'Nessun dato sociale: né misure, né casi, né il motivo testuale di un rifiuto, solo se il rifiuto è giustificato.',
  esito: esempi.OFFERTE_LAVORO,
});

const NON_TROVATO = (description: string) =>
  ApiResponse({ status: 404, description, content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } } });

@Eservice('offerta-formativa')
@ApiTags('offerte-formative')
@Controller()
export class OffertaFormativaController extends EserviceController {
  constructor(@Inject(OfferteFormativeService) private readonly offerte: OfferteFormativeService) {
    super();
  }

  @Post('consultazioni')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Dettaglio di un’offerta formativa',
    description:
      'Un corso del catalogo SIISL per identificativo, nella sua versione corrente: ente, sede, date, ore, posti, competenze. ' +
      'Un corso cancellato nel SIISL risponde con eliminato true e senza contenuto. Il catalogo non contiene dati personali: la consultazione non è nel registro degli accessi.',
  })
  @EserviceResponses(EsitoOffertaFormativaDto, RichiestaOffertaFormativaDto, { richiesta: { corsoId: esempi.CORSO_ID }, esito: esempi.OFFERTA_FORMATIVA })
  @NON_TROVATO('Nessun corso con questo identificativo nel catalogo SIISL')
  consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<EsitoOffertaFormativaDto> {
    return this.offerte.dettaglio(call, body);
  }
}

@Eservice('identificativo-offerta-formativa')
@ApiTags('identificativi-offerte-formative')
@Controller()
export class IdentificativoOffertaFormativaController extends EserviceController {
  constructor(@Inject(OfferteFormativeService) private readonly offerte: OfferteFormativeService) {
    super();
  }

  @Post('consultazioni')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Identificativo SIISL di un’offerta formativa',
    description:
      "L'identificativo SIISL di un corso corrente dati il codice fiscale dell'ente di formazione e il codice che l'ente dà al corso. " +
      "Se due corsi correnti hanno gli stessi dati, l'identificativo minore.",
  })
  @EserviceResponses(EsitoIdentificativoOffertaFormativaDto, RichiestaIdentificativoOffertaFormativaDto, {
    richiesta: { codiceFiscaleEnte: esempi.ENTE_CF, codiceCorsoEnte: esempi.CODICE_CORSO_ENTE },
    esito: { corsoId: esempi.CORSO_ID, versione: 1 },
  })
  @NON_TROVATO("Nessun corso corrente con questi dati dell'ente (mai ricevuto o cancellato)")
  consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<EsitoIdentificativoOffertaFormativaDto> {
    return this.offerte.identificativo(call, body);
  }
}
