import { Body, Controller, HttpCode, Inject, Post, type Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EsitoCartellaFormativaDto, EsitoCartellaLavorativaDto, EsitoCartellaSocialeDto, FascicoloDto, RichiestaFascicoloDto } from '../fascicolo/contract';
import { FascicoloService, type FascicoloView } from '../fascicolo/fascicolo.service';
import type { Cartella } from '../registry/authorizations';
import type { EserviceKind } from '../registry/eservices';
import { Call, Eservice, type EserviceCall } from '../security/eservice-call';
import { EserviceController } from './eservice.controller';
import { ESEMPI_CARTELLA_FORMATIVA, ESEMPI_CARTELLA_LAVORATIVA, ESEMPI_CARTELLA_SOCIALE, ESEMPI_FASCICOLO } from './esempi';
import { EserviceResponses, type EsempiOperazione } from './openapi';

// The consolidated fascicolo and its three cartelle: one e-service each (PDND purposes are granted per
// e-service), the same read behind them narrowed to the cartelle the e-service serves. One class per
// e-service because each has its own basePath, guard metadata and OpenAPI security.

interface ConsultazioneSpec {
  name: string;
  kind: EserviceKind;
  tag: string;
  cartelle: Cartella[];
  ok: Type<unknown>;
  esempi: EsempiOperazione;
  summary: string;
  description: string;
}

function consultazioneController(spec: ConsultazioneSpec): Type<EserviceController> {
  @Eservice(spec.kind)
  @ApiTags(spec.tag)
  @Controller()
  class ConsultazioneController extends EserviceController {
    constructor(@Inject(FascicoloService) private readonly fascicoli: FascicoloService) {
      super();
    }

    @Post('consultazioni')
    @HttpCode(200)
    @ApiOperation({ summary: spec.summary, description: spec.description })
    @EserviceResponses(spec.ok, RichiestaFascicoloDto, spec.esempi)
    consulta(@Body() body: unknown, @Call() call: EserviceCall): Promise<FascicoloView> {
      return this.fascicoli.consult(call, body, spec.cartelle);
    }
  }
  // The class name is the operationId prefix in the OpenAPI document.
  Object.defineProperty(ConsultazioneController, 'name', { value: spec.name });
  return ConsultazioneController;
}

export const FascicoloController = consultazioneController({
  name: 'FascicoloController',
  kind: 'fascicolo',
  tag: 'fascicoli',
  cartelle: ['lavorativa', 'sociale', 'formativa'],
  ok: FascicoloDto,
  esempi: ESEMPI_FASCICOLO,
  summary: 'Fascicolo consolidato di un cittadino',
  description: 'Le cartelle che la finalità del fruitore consente (lavorativa, sociale, formativa), dalle comunicazioni obbligatorie, dal SIISL e da GePI.',
});

export const CartellaLavorativaEserviceController = consultazioneController({
  name: 'CartellaLavorativaEserviceController',
  kind: 'cartella-lavorativa',
  tag: 'cartelle-lavorative',
  cartelle: ['lavorativa'],
  ok: EsitoCartellaLavorativaDto,
  esempi: ESEMPI_CARTELLA_LAVORATIVA,
  summary: 'Cartella lavorativa di un cittadino',
  description: 'Rapporti e periodi di lavoro dalle comunicazioni obbligatorie e, dal SIISL, curriculum e proposte di lavoro, con la versione del fascicolo.',
});

export const CartellaSocialeEserviceController = consultazioneController({
  name: 'CartellaSocialeEserviceController',
  kind: 'cartella-sociale',
  tag: 'cartelle-sociali',
  cartelle: ['sociale'],
  ok: EsitoCartellaSocialeDto,
  esempi: ESEMPI_CARTELLA_SOCIALE,
  summary: 'Cartella sociale di un cittadino',
  description: 'Casi PaIS (GePI) del cittadino visibili al fruitore, con i suoi periodi nel nucleo e i suoi sostegni e impegni del PaIS corrente: quelli gestiti oggi dal suo ente, o tutti se la finalità lo consente; per la cartella intera anche le misure ADI/SFL dal SIISL e le partecipazioni a PUC (SIISL e GePI, una volta sola).',
});

export const CartellaFormativaEserviceController = consultazioneController({
  name: 'CartellaFormativaEserviceController',
  kind: 'cartella-formativa',
  tag: 'cartelle-formative',
  cartelle: ['formativa'],
  ok: EsitoCartellaFormativaDto,
  esempi: ESEMPI_CARTELLA_FORMATIVA,
  summary: 'Cartella formativa di un cittadino',
  description: 'Iscrizioni a corsi di formazione, con la storia degli eventi e il corso collegato, e manifestazioni di interesse, dal SIISL.',
});
